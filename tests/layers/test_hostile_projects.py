"""Property: a mutated project is refused (exit 2) or opened with a warning, never silently.

Each example takes a real saved project and mutates it once, as a careless tool or a
hostile user might: a value anywhere in the manifest, the manifest's text, a cell,
row or whole table of any table (layers, rejects, arrays, audit, the GeoPackage's
own), or the file's bytes. ``workstation info`` must then exit 0 or 2, never 1 and
never with a traceback; an exit 0 must come with the trail reported not intact and a
warning on stderr, unless what was opened is exactly what was saved (the mutation
touched nothing the application reads, e.g. a free page or the spatial index).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from layers.project import frame_hash
from layers.store import load_project, save_project
from layers.validation import DataError
from tests.layers.test_store import make_project
from workstation.cli import main
from workstation.commands._inputs import is_project_file

TABLES = [
    "layer_1",
    "layer_2",
    "workstation_project",
    "workstation_rejects",
    "workstation_arrays",
    "audit",
    "gpkg_contents",
    "gpkg_geometry_columns",
    "gpkg_spatial_ref_sys",
    "gpkg_ogr_contents",
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=True)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
sql_values = (
    st.none()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.binary(max_size=40)
)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = save_project(make_project(), tmp_path_factory.mktemp("orig") / "p.gpkg")
    return path, fingerprint(load_project(path))


def fingerprint(project: Any) -> str:
    """Everything opening a project gives the user, as one hash."""
    parts: list[Any] = [
        project.metadata.to_dict(),
        project.filter.state.to_dict(),
        [
            (e.time, e.user, e.action, e.parameters, e.input_hashes, e.entry_hash)
            for e in project.audit
        ],
    ]
    for lyr in project.layers:
        rep = lyr.report
        parts.append(
            [
                lyr.id,
                lyr.name,
                lyr.kind.value,
                lyr.style,
                lyr.provenance,
                lyr.visible,
                lyr.time_precision,
                {c: str(t) for c, t in lyr.frame.dtypes.items()},
                frame_hash(lyr),
                rep.to_dict() if rep else None,
                [r.__dict__ for r in rep.rejected] if rep else None,
                {
                    k: (a.dtype.str, a.shape, a.tobytes().hex())
                    for k, a in lyr.arrays.items()
                },
            ]
        )
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'"):
        con.execute(f'DROP TRIGGER "{name}"')
    return con


def _manifest(con: sqlite3.Connection) -> str:
    return con.execute(
        "SELECT value FROM workstation_project WHERE key='manifest'"
    ).fetchone()[0]


def mutate_manifest_value(path: Path, data: st.DataObject) -> None:
    con = _connect(path)
    text = _manifest(con)
    m = json.loads(text)
    paths = _paths(m)
    where = data.draw(st.sampled_from(paths[1:]), label="path")
    parent = m
    for k in where[:-1]:
        parent = parent[k]
    if data.draw(st.booleans(), label="delete"):
        del parent[where[-1]]
    else:
        parent[where[-1]] = data.draw(json_values, label="value")
    new = json.dumps(m, allow_nan=True)
    assume(new != json.dumps(json.loads(text)))
    con.execute("UPDATE workstation_project SET value=? WHERE key='manifest'", (new,))
    con.commit()
    con.close()


def mutate_manifest_text(path: Path, data: st.DataObject) -> None:
    con = _connect(path)
    text = _manifest(con)
    i = data.draw(st.integers(0, len(text) - 1), label="at")
    new = (
        text[:i]
        + data.draw(st.text(min_size=0, max_size=3), label="insert")
        + text[i + data.draw(st.integers(0, 3), label="cut") :]
    )
    assume(new != text)
    con.execute("UPDATE workstation_project SET value=? WHERE key='manifest'", (new,))
    con.commit()
    con.close()


def mutate_cell(path: Path, data: st.DataObject) -> None:
    con = _connect(path)
    table = data.draw(st.sampled_from(TABLES), label="table")
    cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
    rowids = [r[0] for r in con.execute(f'SELECT rowid FROM "{table}"')]
    assume(rowids)
    col = data.draw(st.sampled_from(cols), label="column")
    rowid = data.draw(st.sampled_from(rowids), label="row")
    value = data.draw(sql_values, label="value")
    try:
        con.execute(
            f'UPDATE "{table}" SET "{col}" = ? WHERE rowid = ? AND "{col}" IS NOT ?',
            (value, rowid, value),
        )
    except sqlite3.IntegrityError:
        assume(False)
    assume(con.total_changes > 0)
    con.commit()
    con.close()


def mutate_rows(path: Path, data: st.DataObject) -> None:
    con = _connect(path)
    table = data.draw(st.sampled_from(TABLES), label="table")
    rowids = [r[0] for r in con.execute(f'SELECT rowid FROM "{table}"')]
    assume(rowids)
    rowid = data.draw(st.sampled_from(rowids), label="row")
    action = data.draw(st.sampled_from(["delete", "copy", "drop", "view"]), label="do")
    try:
        if action == "delete":
            con.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
        elif action == "copy":
            info = list(con.execute(f'PRAGMA table_info("{table}")'))
            cols = ", ".join(f'"{r[1]}"' for r in info if not r[5])
            con.execute(
                f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM "{table}" '
                "WHERE rowid = ?",
                (rowid,),
            )
        elif action == "drop":
            con.execute(f'DROP TABLE "{table}"')
        else:
            con.execute(f'ALTER TABLE "{table}" RENAME TO "{table}_rows"')
            con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM "{table}_rows"')
    except sqlite3.DatabaseError:
        assume(False)
    con.commit()
    con.close()


def mutate_bytes(path: Path, data: st.DataObject) -> None:
    raw = bytearray(path.read_bytes())
    if data.draw(st.booleans(), label="truncate"):
        raw = raw[: data.draw(st.integers(0, len(raw) - 1), label="length")]
    else:
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        junk = data.draw(st.binary(min_size=1, max_size=64), label="junk")
        raw[at : at + len(junk)] = junk
    path.write_bytes(bytes(raw))


MUTATIONS = [
    mutate_manifest_value,
    mutate_manifest_text,
    mutate_cell,
    mutate_rows,
    mutate_bytes,
]


def check_mutated(original: tuple[Path, str], data: st.DataObject) -> None:
    good, expected = original
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.gpkg"
        shutil.copy(good, path)
        data.draw(st.sampled_from(MUTATIONS), label="mutation")(path, data)
        if not is_project_file(path):
            # info would read it as a data file; every project command refuses it
            with pytest.raises(DataError):
                load_project(path)
            return
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["info", str(path), "--json"])
        assert code in (0, 2), err.getvalue()
        assert "Traceback" not in err.getvalue()
        assert "(run with --debug" not in err.getvalue(), err.getvalue()
        if code == 2:
            assert len(err.getvalue().strip().splitlines()) == 1
            return
        report = json.loads(out.getvalue())
        if report["audit"]["status"] == "intact":
            # silent: allowed only if what opens is exactly what was saved
            assert fingerprint(load_project(path)) == expected, err.getvalue()
        else:
            assert "workstation info: warning:" in err.getvalue()


PROPERTY = {
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
    ],
    "database": None,
}


@settings(max_examples=100, **PROPERTY)
@given(data=st.data())
def test_mutated_projects_are_refused_or_reported(original, data) -> None:
    check_mutated(original, data)


@pytest.mark.slow
@settings(max_examples=1000, **PROPERTY)
@given(data=st.data())
def test_a_thousand_mutated_projects_are_refused_or_reported(original, data) -> None:
    check_mutated(original, data)
