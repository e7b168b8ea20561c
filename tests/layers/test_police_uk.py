"""data.police.uk reader: layouts, folders, zips, encodings, rejects, real Lancashire file."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest

from layers.crs import BNG
from layers.kinds import LayerKind
from layers.progress import CallbackProgress, Cancelled
from layers.readers import police_uk
from layers.readers._common import decode_bytes
from layers.validation import DataError

DATA = Path(__file__).resolve().parent.parent / "data" / "police_uk"
MODERN = DATA / "2023-07-west-midlands-street.csv"


def records(
    path: Path, encoding: str | None = None
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Independent reading with the csv module: header and (row number, fields)."""
    raw = path.read_bytes()
    text = raw.decode(encoding) if encoding else decode_bytes(raw)[0]
    delim = "\t" if path.suffix == ".tab" else ","
    out = []
    row = 0
    header = None
    for fields in csv.reader(io.StringIO(text, newline=""), delimiter=delim):
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        row += 1
        if header is None:
            header = fields
            continue
        out.append((row, fields))
    return header, out


def bng(lon, lat):
    tr = pyproj.Transformer.from_crs(4326, 27700, always_xy=True)
    return tr.transform(np.asarray(lon, float), np.asarray(lat, float))


# ---------------------------------------------------------------------------
def test_modern_file_canonical_columns_and_accounting():
    _, recs = records(MODERN)
    layer = police_uk.read([MODERN])
    rep = layer.report
    no_loc = [r for r, f in recs if f[4] == "" or f[5] == ""]
    assert rep.rows_total == len(recs)
    assert rep.rows_loaded + rep.rows_rejected == rep.rows_total
    assert [r.row for r in rep.rejected] == no_loc
    assert {r.reason for r in rep.rejected} == {"no location"}
    assert layer.kind is LayerKind.CRIME
    assert layer.time_precision == "month"
    assert layer.crs.to_string() == BNG
    f = layer.frame
    for col in (
        "occurred_at",
        "category",
        "crime_id",
        "month",
        "outcome",
        "location",
        "lsoa_code",
        "lsoa_name",
        "reported_by",
        "falls_within",
        "context",
    ):
        assert col in f.columns, col
    assert isinstance(f["category"].dtype, pd.CategoricalDtype)
    kept = [fl for _, fl in recs if fl[4] and fl[5]]
    assert sorted(f["category"].astype(str)) == sorted(fl[9] for fl in kept)
    # ASB rows have no Crime ID; the others keep theirs
    asb = f["category"] == "Anti-social behaviour"
    assert f.loc[asb, "crime_id"].isna().all()
    assert f.loc[~asb, "crime_id"].notna().all()
    assert set(f["crime_id"].dropna()) == {fl[0] for fl in kept if fl[0]}
    # "On or near " is stripped
    assert set(f["location"].astype(str)) == {
        fl[6].removeprefix("On or near ") for fl in kept
    }
    # first instant of July 2023 in London (BST, UTC+1)
    assert (f["occurred_at"] == pd.Timestamp("2023-06-30 23:00", tz="UTC")).all()
    assert str(f["occurred_at"].dt.tz) == "Europe/London"
    assert set(f["month"].astype(str)) == {"2023-07"}
    assert layer.times_ns is not None and len(layer.times_ns) == len(f)


def test_modern_file_coordinates_agree_with_proj():
    _, recs = records(MODERN)
    kept = [fl for _, fl in recs if fl[4] and fl[5]]
    layer = police_uk.read([MODERN])
    # rows keep file order within a month; compare as sorted coordinate sets
    ex, ny = bng([fl[4] for fl in kept], [fl[5] for fl in kept])
    want = np.sort(np.column_stack([ex, ny]), axis=0)
    got = np.sort(layer.xy, axis=0)
    # OSTN15 (convertbng) against PROJ's Helmert: metres apart, not more
    assert np.abs(got - want).max() < 5.0
    prov = layer.provenance
    assert prov["transform"]["method"].startswith("OSTN15")
    json.dumps(prov)  # JSON-serialisable
    (entry,) = prov["files"]
    assert entry["bytes"] == MODERN.stat().st_size
    import hashlib

    assert entry["sha256"] == hashlib.sha256(MODERN.read_bytes()).hexdigest()
    assert entry["delimiter"] == "," and entry["encoding"] == "utf-8"
    for key in (
        "reader",
        "files",
        "mapping",
        "transform",
        "crs",
        "timezone",
        "read_at",
    ):
        assert key in prov


def test_overlapping_files_reject_later_duplicate_crime_ids():
    a = DATA / "overlap" / "a" / "2023-08-west-midlands-street.csv"
    b = DATA / "overlap" / "b" / "2023-08-west-midlands-street.csv"
    _, ra = records(a)
    _, rb = records(b)
    ids_a = {f[0] for _, f in ra if f[0]}
    want_dup_rows = [r for r, f in rb if f[0] and f[0] in ids_a]
    assert want_dup_rows, "fixture must overlap"
    layer = police_uk.read([DATA / "overlap"])
    rep = layer.report
    dups = [r for r in rep.rejected if r.reason == "duplicate Crime ID"]
    assert [(Path(r.source).parent.name, r.row) for r in dups] == [
        ("b", r) for r in want_dup_rows
    ]
    assert rep.rows_total == len(ra) + len(rb)
    assert rep.balanced
    ids = layer.frame["crime_id"].dropna()
    assert ids.is_unique
    # ASB rows without an ID are never de-duplicated
    n_asb = sum(1 for _, f in ra + rb if not f[0] and f[4])
    assert (layer.frame["category"] == "Anti-social behaviour").sum() == n_asb


def test_zip_download_months_forces_and_skipped_files():
    zpath = DATA / "download.zip"
    with zipfile.ZipFile(zpath) as z:
        names = z.namelist()
        street = [n for n in names if n.endswith("-street.csv")]
        total = sum(len(z.read(n).decode().strip().splitlines()) - 1 for n in street)
    layer = police_uk.read(zpath)
    prov = layer.provenance
    assert sorted(Path(f["path"].split("!")[1]).name for f in prov["files"]) == sorted(
        Path(n).name for n in street
    )
    skipped = {Path(s["path"].split("!")[1]).name: s["reason"] for s in prov["skipped"]}
    assert set(skipped) == {Path(n).name for n in names if n not in street}
    assert all("outcomes" in r or "stop-and-search" in r for r in skipped.values())
    assert layer.report.rows_total == total
    assert layer.report.balanced
    assert set(layer.frame["reported_by"].astype(str)) == {
        "West Midlands Police",
        "Warwickshire Police",
    }
    assert list(layer.frame["month"].cat.categories) == ["2023-10", "2023-11"]
    assert np.all(np.diff(layer.times_ns) >= 0)


def test_folder_is_searched_recursively_and_skips_non_tables(tmp_path):
    (tmp_path / "2023-07").mkdir()
    (tmp_path / "2023-07" / MODERN.name).write_bytes(MODERN.read_bytes())
    (tmp_path / "notes.md").write_text("# not data\n")
    (tmp_path / "2023-07" / "2023-07-west-midlands-outcomes.csv").write_text("x\n")
    layer = police_uk.read(tmp_path)
    assert len(layer.provenance["files"]) == 1
    reasons = {Path(s["path"]).name: s["reason"] for s in layer.provenance["skipped"]}
    assert (
        "notes.md" in reasons
        and "outcomes" in reasons["2023-07-west-midlands-outcomes.csv"]
    )


def test_2011_layout_in_british_national_grid():
    path = DATA / "2011-03-west-midlands-street.csv"
    _, recs = records(path)
    layer = police_uk.read(path)
    kept = [f for _, f in recs if f[3] and f[4]]
    assert layer.report.rows_loaded == len(kept)
    assert layer.report.by_reason() == {"no location": len(recs) - len(kept)}
    want = np.sort(np.array([[float(f[3]), float(f[4])] for f in kept]), axis=0)
    assert np.array_equal(np.sort(layer.xy, axis=0), want)
    assert layer.provenance["transform"]["method"] == "none"
    assert "Violent crime" in set(layer.frame["category"].astype(str))
    assert "crime_id" not in layer.frame.columns
    months = sorted({f[0] for f in kept})
    assert list(layer.frame["month"].cat.categories) == months


def test_bom_crlf_trailing_commas_and_blank_lines():
    path = DATA / "bom_crlf.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    _, recs = records(path, "utf-8-sig")
    layer = police_uk.read(path)
    assert layer.report.rows_total == len(recs)
    assert layer.report.balanced
    assert layer.provenance["files"][0]["encoding"] == "utf-8-sig"
    assert layer.provenance["mapping"]["crime_id"] == "Crime ID"  # BOM not in the name
    kept = [f for _, f in recs if f[4]]
    assert sorted(layer.frame["crime_id"].dropna()) == sorted(
        f[0] for f in kept if f[0]
    )


def test_cp1252_with_quoted_newline():
    path = DATA / "cp1252_quoted.csv"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    _, recs = records(path, "cp1252")
    layer = police_uk.read(path)
    assert layer.report.rows_total == len(recs)
    assert layer.provenance["files"][0]["encoding"] == "cp1252"
    assert layer.provenance["files"][0]["parser"] == "fast"  # transcoded, not slow
    want = {f[6].removeprefix("On or near ") for _, f in recs}
    assert set(layer.frame["location"].astype(str)) == want
    assert any("\n" in v and "\u2019" in v for v in want)


def test_bad_rows_each_get_a_reason_and_row_number():
    path = DATA / "bad_rows.csv"
    header, recs = records(path)
    layer = police_uk.read(path)
    rep = layer.report
    got = {r.row: r.reason for r in rep.rejected}
    for row, f in recs:
        if len(f) != len(header):
            assert got[row].startswith("wrong number of fields"), row
        elif f[4] == "abc":
            assert got[row] == "unparsable coordinate"
        elif police_uk.parse_month(f[1]) is None:
            assert got[row] == "unparsable month"
        elif (float(f[4]), float(f[5])) == (0.0, 0.0) or float(f[4]) > 100:
            assert got[row] == "out of area"
        elif not f[4]:
            assert got[row] == "no location"
        else:
            assert row not in got
    assert rep.rows_total == len(recs)
    assert rep.balanced
    out_csv = rep.write_rejects_csv(
        Path(pytest.importorskip("tempfile").mkdtemp()) / "r.csv"
    )
    assert len(out_csv.read_text().splitlines()) == rep.rows_rejected + 1


def test_fast_path_matches_exact_path():
    """pyarrow's fast parse against the csv-module path on the same bytes."""
    for path in (
        MODERN,
        DATA / "lancashire_asb_slice.tab",
        DATA / "2011-03-west-midlands-street.csv",
        DATA / "cp1252_quoted.csv",
    ):
        raw = path.read_bytes()
        utf8 = decode_bytes(raw)[0].encode("utf-8")  # the fast path's transcoding
        delim = "\t" if path.suffix == ".tab" else ","
        header = utf8.decode().splitlines()[0].split(delim)
        mapping = police_uk.guess_mapping(header)
        fast = police_uk._fast_part(str(path), utf8, header, mapping, delim, None)
        slow = police_uk._slow_part(str(path), raw, header, mapping, delim, None, None)
        assert fast is not None
        assert np.array_equal(fast.rows, slow.rows)
        assert np.array_equal(fast.code, slow.code)
        assert np.array_equal(fast.month_key, slow.month_key)
        np.testing.assert_array_equal(fast.x, slow.x)
        np.testing.assert_array_equal(fast.y, slow.y)
        assert fast.text.keys() == slow.text.keys()
        for k in fast.text:
            a = np.asarray(fast.text[k].astype(object))
            b = np.asarray(slow.text[k].astype(object))
            assert [None if pd.isna(v) else v for v in a] == [
                None if pd.isna(v) else v for v in b
            ], k


def test_headerless_file_with_named_columns(tmp_path):
    body = MODERN.read_bytes().split(b"\n", 1)[1]
    p = tmp_path / "noheader.csv"
    p.write_bytes(body)
    layer = police_uk.read(p, columns=police_uk.MODERN_HEADER)
    ref = police_uk.read(MODERN)
    assert layer.report.rows_total == ref.report.rows_total
    assert [r.row for r in layer.report.rejected] == [
        r.row - 1 for r in ref.report.rejected
    ]
    assert np.array_equal(layer.xy, ref.xy)


def test_user_mapping_for_odd_names(tmp_path):
    p = tmp_path / "odd.csv"
    p.write_text(
        "when,x_pos,y_pos,what\n2023-05,-1.9,52.48,Burglary\n2023-05-01,-1.91,52.49,Drugs\n"
    )
    with pytest.raises(DataError, match="no Month column"):
        police_uk.read(p)
    layer = police_uk.read(
        p,
        mapping={
            "month": "when",
            "longitude": "x_pos",
            "latitude": "y_pos",
            "category": "what",
        },
    )
    assert layer.report.rows_loaded == 2
    assert sorted(layer.frame["category"].astype(str)) == ["Burglary", "Drugs"]
    with pytest.raises(DataError, match="not in the header"):
        police_uk.read(p, mapping={"month": "nope"})


def test_swapped_longitude_latitude_detected(tmp_path):
    text = MODERN.read_text().splitlines()
    header = text[0].split(",")
    i, j = header.index("Longitude"), header.index("Latitude")
    header[i], header[j] = header[j], header[i]
    p = tmp_path / "swapped.csv"
    p.write_text("\n".join([",".join(header), *text[1:]]) + "\n")
    layer = police_uk.read(p)
    ref = police_uk.read(MODERN)
    assert np.allclose(layer.xy, ref.xy)
    assert layer.provenance["swapped_coordinates"] == [str(p)]
    assert any("swapped" in n for n in layer.report.notes)


def test_category_inferred_from_file_name_or_unknown(tmp_path):
    layer = police_uk.read(DATA / "lancashire_asb_slice.tab")
    assert set(layer.frame["category"].astype(str)) == {"Anti-social behaviour"}
    assert layer.provenance["category_inferred"]["value"] == "Anti-social behaviour"
    assert any("inferred" in n for n in layer.report.notes)
    p = tmp_path / "points.tab"
    p.write_bytes((DATA / "lancashire_asb_slice.tab").read_bytes())
    layer = police_uk.read(p)
    assert set(layer.frame["category"].astype(str)) == {"Unknown"}
    assert "category_inferred" not in layer.provenance


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2023-07", (2023, 7, False)),
        ("2023-7", (2023, 7, False)),
        ("2023/07", (2023, 7, False)),
        ("2022-01-01", (2022, 1, False)),
        ("2022-01-15", (2022, 1, True)),
        ("2022-01-01T00:00:00", (2022, 1, False)),
        ("07/2023", (2023, 7, False)),
        ("01/07/2023", (2023, 7, False)),
        ("202307", (2023, 7, False)),
        ("Jul 2023", (2023, 7, False)),
        ("July-23", (2023, 7, False)),
        ("2023 Sept", (2023, 9, False)),
        ("2023-13", None),
        ("2023-02-30", None),
        ("July twenty", None),
        ("", None),
        ("1066-10", None),
    ],
)
def test_parse_month_forms(text, want):
    assert police_uk.parse_month(text) == want


def test_outcomes_file_named_explicitly_is_refused(tmp_path):
    with zipfile.ZipFile(DATA / "download.zip") as z:
        name = next(n for n in z.namelist() if n.endswith("outcomes.csv"))
        (tmp_path / "x.csv").write_bytes(z.read(name))
    with pytest.raises(DataError, match="outcomes file"):
        police_uk.read(tmp_path / "x.csv")


def test_not_police_data_gives_clear_error(shared_data):
    path = shared_data / "demand" / "seattle_spd_dispatch_2024_sample.csv"
    with pytest.raises(DataError, match="no Month column") as err:
        police_uk.read(path)
    assert str(path) in str(err.value)


def test_empty_and_header_only_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        police_uk.read(empty)
    only = tmp_path / "only.csv"
    only.write_text(",".join(police_uk.MODERN_HEADER) + "\n")
    layer = police_uk.read(only)
    assert len(layer.frame) == 0 and layer.report.rows_total == 0


def test_outside_great_britain_uses_utm_and_local_time(tmp_path):
    p = tmp_path / "seattle-street.csv"
    p.write_text(
        ",".join(police_uk.MODERN_HEADER)
        + "\n,2023-07,X,X,-122.33,47.61,On or near A,,,Burglary,,\n"
        + ",2023-08,X,X,-122.30,47.62,On or near B,,,Burglary,,\n"
    )
    layer = police_uk.read(p)
    assert layer.crs.to_epsg() == 32610
    assert layer.provenance["timezone"] == "America/Los_Angeles"
    assert layer.frame["occurred_at"].iloc[0] == pd.Timestamp(
        "2023-07-01", tz="America/Los_Angeles"
    )
    x, y = pyproj.Transformer.from_crs(4326, 32610, always_xy=True).transform(
        -122.33, 47.61
    )
    assert np.allclose(layer.xy[0], [x, y], atol=0.01)


def test_progress_is_reported_and_cancel_stops(tmp_path):
    for source in (DATA / "download.zip", DATA / "bad_rows.csv", tmp_path):
        if source == tmp_path:  # many small files: the reading share is the most
            for m in range(1, 13):
                (tmp_path / f"2023-{m:02d}-x-street.csv").write_bytes(
                    MODERN.read_bytes()
                )
        seen = []
        prog = CallbackProgress(lambda f, m, seen=seen: seen.append(f))
        police_uk.read(source, progress=prog)
        assert seen[-1] == 1.0 and seen == sorted(seen), source
    prog = CallbackProgress()
    prog.cancel()
    with pytest.raises(Cancelled):
        police_uk.read(DATA / "download.zip", progress=prog)


def test_real_lancashire_file(shared_data):
    path = shared_data / "crime" / "lancashire_asb_2022.tab"
    layer = police_uk.read(path)
    rep = layer.report
    raw = pd.read_csv(path, sep="\t", dtype=str)
    assert rep.rows_total == len(raw) == 56_434
    assert rep.rows_loaded + rep.rows_rejected == rep.rows_total
    assert rep.rows_loaded == len(raw)  # the re-publisher kept only located points
    assert layer.crs.to_string() == BNG
    months = sorted(raw["month"].str[:7].unique())
    assert list(layer.frame["month"].cat.categories) == months
    assert months[0] == "2022-01" and months[-1] == "2022-12" and len(months) == 12
    per_month = raw["month"].str[:7].value_counts().sort_index()
    got = layer.frame["month"].value_counts().sort_index()
    assert got.to_dict() == per_month.to_dict()
    # never de-duplicated: exact copies of earlier rows are all kept
    assert raw.duplicated().sum() > 0
    districts = gpd.read_file(
        shared_data / "boundaries" / "lancashire_districts.geojson"
    ).to_crs(BNG)
    x0, y0, x1, y1 = districts.total_bounds
    xy = layer.xy
    assert (xy[:, 0] >= x0).all() and (xy[:, 0] <= x1).all()
    assert (xy[:, 1] >= y0).all() and (xy[:, 1] <= y1).all()
    # the re-publisher kept points inside the districts after PROJ's Helmert
    # transform; OSTN15 moves a couple of points by metres across the coastline
    near = gpd.sjoin(
        layer.frame[["geometry"]],
        districts[["geometry"]],
        predicate="dwithin",
        distance=5.0,
    )
    assert near.index.nunique() == len(layer.frame)
    assert layer.provenance["lsoa_vintage"]["vintage"] == "LSOA 2011"
    assert layer.provenance["category_inferred"]["value"] == "Anti-social behaviour"


def test_semicolon_file_with_decimal_commas(tmp_path):
    p = tmp_path / "semicolon.csv"
    p.write_text(
        "Month;Longitude;Latitude;Crime type\n"
        "2023-07;-1,9;52,48;Burglary\n"
        "2023-07;;;Drugs\n"
        "2023-08;-1,91;52,49;Drugs\n",
        encoding="cp1252",
    )
    layer = police_uk.read(p)
    assert layer.report.rows_loaded == 2
    assert layer.report.by_reason() == {"no location": 1}
    ex, ny = bng([-1.9, -1.91], [52.48, 52.49])
    assert np.abs(layer.xy - np.column_stack([ex, ny])).max() < 5.0
    assert any("decimal commas" in n for n in layer.report.notes)


def test_duplicate_id_keeps_the_first_usable_copy(tmp_path):
    cid = "f" * 64
    head = ",".join(police_uk.MODERN_HEADER)
    a = tmp_path / "a" / "2023-07-x-street.csv"
    b = tmp_path / "b" / "2023-07-x-street.csv"
    a.parent.mkdir()
    b.parent.mkdir()
    # the first copy has no location, the later one has: the later one is mapped
    a.write_text(f"{head}\n{cid},2023-07,X,X,,,No location,,,Burglary,,\n")
    b.write_text(
        f"{head}\n{cid},2023-07,X,X,-1.9,52.48,On or near A,,,Burglary,,\n"
        f"{cid},2023-07,X,X,-1.9,52.48,On or near A,,,Burglary,,\n"
    )
    layer = police_uk.read(tmp_path)
    rep = layer.report
    assert [(Path(r.source).parent.name, r.row, r.reason) for r in rep.rejected] == [
        ("a", 2, "no location"),
        ("b", 3, "duplicate Crime ID"),
    ]
    assert list(layer.frame["crime_id"]) == [cid]


def test_nothing_loadable_is_a_warning(tmp_path):
    p = tmp_path / "nowhere-street.csv"
    p.write_text(
        ",".join(police_uk.MODERN_HEADER)
        + "\n,2023-07,X,X,,,No location,,,Burglary,,\n"
        + ",2023-07,X,X,,,No location,,,Drugs,,\n"
    )
    layer = police_uk.read(p)
    assert len(layer.frame) == 0
    assert layer.report.by_reason() == {"no location": 2}
    assert any("none of the 2 records" in w for w in layer.report.warnings)


def test_excel_workbook_of_street_crimes(tmp_path):
    from openpyxl import Workbook

    header, recs = records(MODERN)
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for _, fields in recs:
        ws.append(fields)
    path = tmp_path / "west-midlands-2023-07.xlsx"
    wb.save(path)
    assert readers_sniff(path).reader == "police_uk"
    layer = police_uk.read(path)
    ref = police_uk.read(MODERN)
    assert layer.report.rows_total == ref.report.rows_total
    assert [r.row for r in layer.report.rejected] == [
        r.row for r in ref.report.rejected
    ]
    assert np.allclose(layer.xy, ref.xy)
    assert layer.provenance["files"][0]["encoding"].startswith("xlsx")
    # a workbook inside a folder is read too, not opened as a zip archive
    layer = police_uk.read(tmp_path)
    assert layer.report.rows_total == ref.report.rows_total


def readers_sniff(path):
    from layers import readers

    return readers.sniff(path)
