"""Damaged and hostile project files are refused cleanly: exit 2, one line, no traceback.

Every case starts from a real saved project and damages it as a careless tool or a
hostile user would; ``workstation info`` must refuse it with a message naming the
file (or, where the file still reads, report the audit trail broken: never a silent
load).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from layers.store import save_project
from tests.layers.test_audit_trail import gpkg_connect
from tests.layers.test_store import make_project
from workstation.cli import main


def manifest_edit(fn: Callable[[dict], object]) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        con = sqlite3.connect(path)
        (text,) = con.execute(
            "SELECT value FROM workstation_project WHERE key='manifest'"
        ).fetchone()
        m = json.loads(text)
        fn(m)
        con.execute(
            "UPDATE workstation_project SET value=? WHERE key='manifest'",
            (json.dumps(m),),
        )
        con.commit()
        con.close()

    return apply


def run_sql(*stmts: str) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        con = gpkg_connect(path)
        con.execute("DROP TRIGGER IF EXISTS audit_no_update")
        con.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        for s in stmts:
            con.execute(s)
        con.commit()
        con.close()

    return apply


def truncate(fraction: float) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return apply


def _set(key: str, value: object) -> Callable[[dict], None]:
    return lambda m: m.__setitem__(key, value)


def _layer0(key: str, value: object) -> Callable[[dict], None]:
    return lambda m: m["layers"][0].__setitem__(key, value)


VIEW = (
    "ALTER TABLE layer_1 RENAME TO layer_1_rows",
    "CREATE VIEW layer_1 AS SELECT a.* FROM layer_1_rows a, layer_1_rows b",
)

CASES: dict[str, Callable[[Path], None]] = {
    "array of the wrong shape": run_sql("UPDATE workstation_arrays SET shape='[5, 5]'"),
    "array of an object dtype": run_sql("UPDATE workstation_arrays SET dtype='|O'"),
    "array not in the manifest": run_sql("UPDATE workstation_arrays SET name='other'"),
    "unknown layer kind": manifest_edit(_layer0("kind", "spaceship")),
    "layers not a list": manifest_edit(_set("layers", {"a": 1})),
    "a layer not an object": manifest_edit(_set("layers", [1])),
    "metadata a list": manifest_edit(_set("metadata", [1, 2])),
    "marking unknown": manifest_edit(lambda m: m["metadata"].update(marking="X")),
    "extent of three numbers": manifest_edit(
        lambda m: m["metadata"].update(extent=[1, 2, 3])
    ),
    "time zone unknown": manifest_edit(
        lambda m: m["metadata"].update(timezone="Mars/Olympus")
    ),
    "version a string": manifest_edit(_set("format_version", "1")),
    "version missing": manifest_edit(lambda m: m.pop("format_version")),
    "version zero": manifest_edit(_set("format_version", 0)),
    "version a boolean": manifest_edit(_set("format_version", True)),
    "filter a list": manifest_edit(_set("filter", [1])),
    "filter of bad values": manifest_edit(_set("filter", {"window": "soon"})),
    "filter area not WKT": manifest_edit(
        lambda m: m["filter"].update(area="POLYGON ((406000 nonsense")
    ),
    "audit head MAC not text": manifest_edit(
        lambda m: m["audit_head"].update(mac={"\u00a1": None})
    ),
    "manifest not JSON": run_sql(
        "UPDATE workstation_project SET value='{\"layers\": [' WHERE key='manifest'"
    ),
    "manifest a list": run_sql(
        "UPDATE workstation_project SET value='[]' WHERE key='manifest'"
    ),
    "manifest deeply nested": run_sql(
        "UPDATE workstation_project SET value='"
        + "[" * 100000
        + "]" * 100000
        + "' WHERE key='manifest'"
    ),
    "manifest missing": run_sql("DELETE FROM workstation_project"),
    "rows a string": manifest_edit(_layer0("rows", "50")),
    "rows more than the table": manifest_edit(_layer0("rows", 51)),
    "rows fewer than the table": manifest_edit(_layer0("rows", 10)),
    "a row deleted from the table": run_sql("DELETE FROM layer_1 WHERE fid = 1"),
    "a row added to the table": run_sql(
        "INSERT INTO layer_1 (geom, category) SELECT geom, category FROM layer_1 "
        "WHERE fid = 1"
    ),
    "layer table replaced by a view": run_sql(*VIEW),
    "GDAL's row count a billion": run_sql(
        "UPDATE gpkg_ogr_contents SET feature_count = 1000000000 "
        "WHERE table_name = 'layer_1'"
    ),
    "GDAL's row count a trillion": run_sql(
        "UPDATE gpkg_ogr_contents SET feature_count = 1000000000000 "
        "WHERE table_name = 'layer_1'"
    ),
    "GDAL's row count negative": run_sql(
        "UPDATE gpkg_ogr_contents SET feature_count = -5 WHERE table_name = 'layer_1'"
    ),
    "layer table missing": run_sql("DROP TABLE layer_2"),
    "rejects table missing": run_sql("DROP TABLE workstation_rejects"),
    "audit table missing": run_sql("DROP TABLE audit"),
    "arrays table missing": run_sql("DROP TABLE workstation_arrays"),
    "a column missing from the table": manifest_edit(
        lambda m: (
            m["layers"][0]["columns"].append("ghost"),
            m["layers"][0]["dtypes"].update(ghost={"dtype": "string"}),
        )
    ),
    "the time column made text": manifest_edit(
        lambda m: m["layers"][0]["dtypes"].update(occurred_at={"dtype": "string"})
    ),
    "the time column's type removed": manifest_edit(
        lambda m: m["layers"][0]["dtypes"].pop("occurred_at")
    ),
    "the time column not a column": manifest_edit(_layer0("time_column", "ghost")),
    "the manifest not UTF-8": run_sql(
        "UPDATE workstation_project SET value = CAST(X'7B22FF22' AS TEXT)"
    ),
    "a rejected row not UTF-8": run_sql(
        "UPDATE workstation_rejects SET reason = CAST(X'C328' AS TEXT)"
    ),
    "a column of an unknown dtype": manifest_edit(
        lambda m: m["layers"][0]["dtypes"]["count_int"].update(dtype="object")
    ),
    "categories not a list": manifest_edit(
        lambda m: m["layers"][0]["dtypes"]["category"].update(categories=3)
    ),
    "text in an integer column": run_sql(
        "UPDATE layer_1 SET count_int = 'many' WHERE fid = 2"
    ),
    "a geometry set to null": run_sql("UPDATE layer_1 SET geom = NULL WHERE fid = 1"),
    "a layer CRS that is not one": manifest_edit(_layer0("crs", "EPSG:999999")),
    "table name an injection": manifest_edit(_layer0("table", 'x"; DROP TABLE a; --')),
    "two layers with one id": manifest_edit(
        lambda m: m["layers"][1].update(id=m["layers"][0]["id"])
    ),
    "a rejected row's number text": run_sql(
        "UPDATE workstation_rejects SET row = 'five'"
    ),
    "truncated to a third": truncate(1 / 3),
    "truncated to a half": truncate(1 / 2),
    "truncated to 90 %": truncate(0.9),
    "truncated to 100 bytes": truncate(100 / 10**9),
    "empty file": truncate(0.0),
}


#: damage GDAL reads through (it makes the text 0): the content hash sees it, so the
#: file opens with the trail reported broken and a warning, never silently
REPORTED = {
    "text in an integer column",
    "a geometry set to null",
    "audit head MAC not text",
}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_project(make_project(), tmp_path_factory.mktemp("good") / "good.gpkg")


def open_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["info", str(path), "--json"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", sorted(CASES))
def test_damaged_project_is_refused_cleanly(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    path = tmp_path / "damaged.gpkg"
    shutil.copy(good, path)
    CASES[case](path)
    code, out, err = open_cli(path, capsys)
    assert "Traceback" not in err
    if case in REPORTED:
        assert code == 0 and json.loads(out)["audit"]["status"] == "broken"
        assert err.startswith("workstation info: warning:")
        return
    assert code == 2, (case, code, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"workstation info: error: {path}")
    assert "(run with --debug" not in err  # not the catch-all of unexpected errors


def test_the_view_and_row_count_are_refused_before_reading(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "view.gpkg"
    shutil.copy(good, path)
    run_sql(*VIEW)(path)
    _code, _out, err = open_cli(path, capsys)
    assert "is a view, not a table: refused unread" in err
    shutil.copy(good, path)
    manifest_edit(_layer0("rows", 10))(path)
    _code, _out, err = open_cli(path, capsys)
    assert "has 50 rows, the manifest says 10" in err


RSS_SCRIPT = """
import contextlib, io, json, resource, sys
sys.path.insert(0, sys.argv[1])
from workstation.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(["info", sys.argv[2], "--json"])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"code": code, "peak_mb": peak}))
"""


def peak_rss(path: Path) -> dict:
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, str(ROOT), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout)


def test_a_view_over_millions_of_rows_is_refused_in_bounded_memory(
    tmp_path: Path,
) -> None:
    """2,000 rows cross-joined by a view are 4 M rows: refused without reading one.

    The manifest and GDAL's cached feature count are made to agree with the view,
    so only the object's type gives it away.
    """
    from layers import Project
    from tests.layers.test_store import crime_layer

    p = Project()
    p.add_layer(crime_layer(n=2000, seed=1))
    plain = save_project(p, tmp_path / "plain.gpkg")
    view = tmp_path / "view.gpkg"
    shutil.copy(plain, view)
    run_sql(*VIEW, "UPDATE gpkg_ogr_contents SET feature_count = 4000000")(view)
    manifest_edit(_layer0("rows", 4_000_000))(view)
    base, ours = peak_rss(plain), peak_rss(view)
    assert base["code"] == 0 and ours["code"] == 2
    assert ours["peak_mb"] < base["peak_mb"] * 1.1 + 20, (ours, base)
