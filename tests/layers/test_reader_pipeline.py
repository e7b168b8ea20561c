"""The one import pipeline: its shape (short functions, sources that import only
the shared steps) and the shared steps themselves, on real files."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import layers.readers
from layers.kinds import LayerKind
from layers.readers import pipeline, steps
from layers.readers.mapping import Guess, by_names, resolve
from layers.readers.pipeline import Flags, ReadRequest, finish, sniffer
from layers.readers.places import file_record
from layers.readers.tables import _blank_line, arrow_records
from layers.readers.values import blank_strings, floats, strict_times
from layers.validation import DataError, ReadReport

READERS_DIR = Path(layers.readers.__file__).parent
SOURCES = ("calls", "police_uk", "assets", "boundaries")
MAX_LINES = 120


def _tree(name: str) -> ast.Module:
    return ast.parse((READERS_DIR / f"{name}.py").read_text(encoding="utf-8"))


def test_no_function_in_the_readers_is_over_120_lines() -> None:
    long = []
    for path in sorted(READERS_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_LINES:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({n} lines)")
    assert not long, "functions over 120 lines: " + ", ".join(long)


def _imported_readers(tree: ast.Module) -> set[str]:
    """The modules of layers.readers a module imports (at any depth)."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("layers.readers."):
                out.add(node.module.split(".")[2])
            elif node.module == "layers.readers":
                out |= {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {
                a.name.split(".")[2]
                for a in node.names
                if a.name.startswith("layers.readers.")
            }
    return out


@pytest.mark.parametrize("name", SOURCES)
def test_a_source_imports_the_shared_steps_and_no_other_source(name: str) -> None:
    others = _imported_readers(_tree(name)) & set(SOURCES)
    assert not others, f"{name}.py imports the source module(s) {sorted(others)}"


def test_the_shared_steps_import_no_source() -> None:
    shared = [
        p.stem
        for p in READERS_DIR.glob("*.py")
        if p.stem not in SOURCES and p.stem != "__init__"
    ]
    assert {"pipeline", "steps", "mapping", "values", "files", "places"} <= set(shared)
    for name in shared:
        bad = _imported_readers(_tree(name)) & set(SOURCES)
        assert not bad, f"shared module {name}.py imports source(s) {sorted(bad)}"


def test_flags_keep_the_first_reason_and_report_file_and_row() -> None:
    flags = Flags.of(5)
    values = np.array(["a", "b", "c", "d", "e"], dtype=object)
    flags.flag(np.array([0, 1, 0, 0, 1], bool), "no location", "x", values)
    flags.flag(np.array([0, 1, 1, 0, 0], bool), "no time", "t", lambda i: values[i])
    assert flags.ok().tolist() == [True, False, False, True, False]
    assert flags.reason.tolist() == ["", "no location", "no time", "", "no location"]
    report = ReadReport("two files")
    report.rows_total = 5
    files = np.array(["a.csv", "a.csv", "b.csv", "b.csv", "b.csv"], dtype=object)
    flags.report_to(report, np.array([2, 3, 2, 3, 4]), files)
    report.rows_loaded = int(flags.ok().sum())
    got = [(r.source, r.row, r.column, r.value, r.reason) for r in report.rejected]
    assert got == [
        ("a.csv", 3, "x", "b", "no location"),
        ("b.csv", 2, "t", "c", "no time"),
        ("b.csv", 4, "x", "e", "no location"),
    ]
    report.check_balanced()


def test_flags_with_nothing_to_flag_leave_every_row() -> None:
    flags = Flags.of(3)
    flags.flag(np.zeros(3, bool), "no time", "t", "")
    assert flags.ok().all()
    report = ReadReport("f.csv")
    flags.report_to(report, np.array([2, 3, 4]), np.array(["f.csv"] * 3))
    assert report.rejected == []


def test_a_sniff_that_raises_is_does_not_fit(tmp_path: Path) -> None:
    @sniffer
    def sniff(path: Path, columns, sample):
        assert isinstance(path, Path)
        raise OSError("cannot open")

    assert sniff(str(tmp_path / "missing.csv"), None, None) == (0.0, {})


def _oracle(texts: list[object]) -> np.ndarray:
    """What the numbers are: pandas' reading of the stripped text, finite only."""
    out = []
    for t in texts:
        s = "" if t is None else str(t).strip()
        try:
            v = float(s.strip('"').replace(",", "").replace(" ", ""))
        except ValueError:
            v = np.nan
        out.append(v if np.isfinite(v) else np.nan)
    return np.array(out, dtype=float)


@pytest.mark.parametrize(
    "texts",
    [
        ["52.48", "-1.89", "0", "1e3", ".5", "+2", "1.", "00012"],  # all plain
        ["52.48", "", "NULL", " -1.5 ", "N/A", "7"],  # plain with blanks
        ["52.48", "inf", "nan", "abc", "1,234.5", '"3"', "", "-0"],  # mixed
        ["", "", "NULL"],  # no numbers at all
        ["north", "south", "east"],  # text, no signal
    ],
)
def test_numbers_from_pyarrow_text_agree_with_the_oracle(texts: list[str]) -> None:
    values = pd.Series(texts, dtype="string[pyarrow]")
    got = floats(*blank_strings(values))
    want = _oracle(texts)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    np.testing.assert_allclose(got[~np.isnan(got)], want[~np.isnan(want)])
    objs = floats(*blank_strings(pd.Series(texts, dtype=object)))
    np.testing.assert_array_equal(np.isnan(objs), np.isnan(got))


def test_names_and_user_mapping_checked_once_for_every_source() -> None:
    cands = {"lon": ("longitude", "lon"), "lat": ("latitude", "lat")}
    assert by_names(["Lon", "LATITUDE", "lon"], cands) == {
        "lon": "Lon",
        "lat": "LATITUDE",
    }
    got = resolve({"lat": "latitude"}, ["LATITUDE"], ("lat",), (), "f.csv")
    assert got == {"lat": "LATITUDE"}
    with pytest.raises(DataError, match=r"'Northing'.*file has: LATITUDE"):
        resolve({"lat": "Northing"}, ["LATITUDE"], ("lat",), (), "f.csv")
    with pytest.raises(DataError, match="unknown mapping key 'when'"):
        resolve({"when": "x"}, ["x"], ("lat",), ("sheet",), "f.csv")
    g = Guess(["Map_X", "Map_Y", "Easting"], {"easting": ("easting",)})
    g.either("easting")
    assert g.out == {"easting": "Easting"} and g.suffixed(("_x",)) == "Map_X"


# -- a new source is one short module -----------------------------------------------
# A stop-and-search export (a date/time, a place and an outcome) declared over the
# shared steps: its fields and names, and nothing else of its own.
STOP_NAMES = {
    "occurred_at": ("date_time", "datetime", "date"),
    "lat": ("latitude", "lat"),
    "lon": ("longitude", "lon"),
    "category": ("outcome", "object_of_search"),
}


def _read_stops(req: ReadRequest) -> layers.readers.Layer:
    tables = steps.load_tables(req.paths, None, {}, None, lambda t: True)
    report = ReadReport(str(req.paths[0]))
    used = by_names(tables[0][1].columns, STOP_NAMES)
    data = steps.stack(tables, used, report)
    flags = Flags.of(len(data))
    wx, wy, working, _tinfo, _src, lon, lat = steps.locate(
        data, used, {}, ",", flags, report, req.target_crs
    )
    clock = steps.zone(working, lon, lat, req.timezone, None, report)
    occurred, *_ = steps.times(data, used, flags, clock)
    keep = flags.ok()
    flags.report_to(report, data["__row"].to_numpy(), data["__file"].to_numpy())
    report.rows_loaded = int(keep.sum())
    frame = pd.DataFrame(
        {
            "occurred_at": occurred[keep].reset_index(drop=True),
            "category": steps.text(data[used["category"]][keep]),
        }
    )
    import geopandas as gpd

    gdf = gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(wx[keep], wy[keep]), crs=working
    )
    prov = {"reader": "stops", "files": [file_record(req.paths[0])], "crs": working}
    return finish(LayerKind.CRIME, gdf, prov, report, name="stops", progress=None)


read_stops = pipeline.source_reader(_read_stops)


def test_a_new_source_declared_over_the_steps_accounts_for_every_row(
    tmp_path: Path,
) -> None:
    f = tmp_path / "stops.csv"
    f.write_text(
        "Date Time,Latitude,Longitude,Outcome\n"
        "2024-03-01 10:00,52.48,-1.89,Arrest\n"
        "2024-03-01 11:30,,,-\n"
        "not a date,52.49,-1.88,Nothing found\n"
        "2024-03-31 01:30,52.47,-1.90,Community resolution\n"  # DST gap in London
        "2024-03-02 09:15,52.50,-1.87,Nothing found\n",
        encoding="utf-8",
    )
    layer = read_stops(f)
    assert layer.report.rows_total == 5
    assert layer.report.rows_loaded == 2
    assert layer.report.by_reason() == {
        "no location": 1,
        "unparsable time": 1,
        "nonexistent local time (DST gap)": 1,
    }
    assert [r.row for r in layer.report.rejected] == [3, 4, 5]
    assert layer.frame["category"].tolist() == ["Arrest", "Nothing found"]
    assert layer.frame.crs.to_epsg() == 27700
    assert "read_at" in layer.provenance
    layer.report.check_balanced()


@pytest.mark.parametrize("fmt", ["%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y"])
def test_strict_times_are_pandas_times_to_the_value(fmt: str) -> None:
    rng = np.random.default_rng(7)
    when = pd.Timestamp("2023-01-01") + pd.to_timedelta(
        rng.integers(0, 3 * 365 * 86400, 300), unit="s"
    )
    odd = ["0", "", "31/02/2024 10:00:00", "2024-02-30 10:00", "1/2/2024 1:02:03",
           "29/02/2023", "2024-13-01 00:00", "ab/02/2024", "05/05/2024 10:00:00x"]  # fmt: skip
    texts = [*when.strftime(fmt), *odd]
    values = pd.Series(texts, dtype="string[pyarrow]")
    got = strict_times(values, fmt)
    want = pd.to_datetime(pd.Series(texts, dtype=object), format=fmt, errors="coerce")
    np.testing.assert_array_equal(got, want.to_numpy(dtype="datetime64[ns]"))
    assert not np.isnat(got[:300]).any()


@pytest.mark.parametrize(
    ("text", "blank"),
    [
        ("a,b\n1,2\n3,4\n", False),
        ("a,b\n1,2\n\n3,4\n", True),
        ("a,b\r\n1,2\r\n3,4\r\n", False),
        ("a,b\r\n1,2\r\n\r\n3,4\r\n", True),
        ("a,b\r1,2\r\r3,4\r", True),
        ("a,b\r1,2\r3,4\r", False),
    ],
)
def test_blank_lines_send_a_table_to_the_exact_reader(text: str, blank: bool) -> None:
    assert _blank_line(text.encode(), "\r" in text) is blank
    assert (arrow_records(text, ",", 2) is None) is blank


def test_run_takes_a_request_or_paths_with_a_sources_own_keywords(
    tmp_path: Path,
) -> None:
    from layers.readers import calls

    f = tmp_path / "calls.csv"
    f.write_text(
        "Date Time,Latitude,Longitude,Call Type,Priority\n"
        "01/03/2024 10:00,52.48,-1.89,ASB,P1\n"
        "01/03/2024 11:00,52.49,-1.88,Theft,P9\n",
        encoding="utf-8",
    )
    by_paths = pipeline.run(calls.read, [f], name="calls", grades={"P1": 1})
    assert by_paths.frame["grade"].tolist() == [1, pd.NA]
    by_request = pipeline.run(calls.read, ReadRequest([f], name="calls"))
    assert by_request.name == "calls" and len(by_request.frame) == 2
