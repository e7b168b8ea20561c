"""A project file that refers to a store instead of holding its rows."""

from __future__ import annotations

import json
import shutil

import pytest

from layers.project import Project
from layers.store import load_project, save_project
from layers.store_parquet import MANIFEST, StoreRef, manifest_hash, store_layer
from layers.validation import DataError


@pytest.fixture
def own_store(store, tmp_path):
    """A copy of the session's store that a test may change."""
    layer, _ = store
    root = tmp_path / "work" / "store"
    shutil.copytree(layer.root, root)
    return root


def _project_with(root, path):
    project = Project()
    ref = project.add_store(StoreRef.of(store_layer(root), name="National"))
    save_project(project, path)
    return ref


def test_a_saved_reference_opens_the_same_store_layer(own_store, tmp_path):
    path = tmp_path / "work" / "p.gpkg"
    ref = _project_with(own_store, path)
    back = load_project(path)
    assert back.stores == [ref]
    (got,) = back.stores
    assert got.display_name == "National" and got.rows == store_layer(own_store).rows
    assert got.problem() is None
    layer = got.open()
    assert layer.rows == store_layer(own_store).rows
    assert layer.manifest_hash == manifest_hash(own_store) == ref.manifest_hash
    assert back.layers == []  # no rows are copied into the project file


def test_a_changed_store_is_refused_with_a_clear_message(own_store, tmp_path):
    path = tmp_path / "work" / "p.gpkg"
    _project_with(own_store, path)
    manifest = own_store / MANIFEST
    data = json.loads(manifest.read_text())
    data["layers"][0]["partitions"] = data["layers"][0]["partitions"][1:]
    manifest.write_text(json.dumps(data))  # as another import would
    back = load_project(path)  # the project still opens ...
    (ref,) = back.stores
    with pytest.raises(DataError, match="has changed since the project referred"):
        ref.open()  # ... but the store is not read as if it were the same


def test_a_missing_store_is_refused_and_kept_in_the_project(own_store, tmp_path):
    path = tmp_path / "p.gpkg"
    ref = _project_with(own_store, path)
    shutil.rmtree(own_store)
    back = load_project(path)
    assert [r.id for r in back.stores] == [ref.id]
    with pytest.raises(DataError, match="is missing"):
        back.stores[0].open()
    save_project(back, path)  # saving again does not lose the reference
    assert [r.id for r in load_project(path).stores] == [ref.id]


def test_a_project_moved_with_its_store_finds_it(own_store, tmp_path):
    path = tmp_path / "work" / "p.gpkg"
    _project_with(own_store, path)
    moved = tmp_path / "moved"
    shutil.move(tmp_path / "work", moved)
    (ref,) = load_project(moved / "p.gpkg").stores
    assert ref.path == str((moved / "store").resolve())
    assert ref.open().rows == store_layer(moved / "store").rows


def test_a_damaged_reference_is_a_one_line_error():
    with pytest.raises(ValueError, match="manifest_hash"):
        StoreRef.from_dict({"path": "/x", "layer": "a", "id": "1", "manifest_hash": 5})
