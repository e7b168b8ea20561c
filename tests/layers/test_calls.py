"""Calls-for-service reader: mapping guess, timestamps, DST, grades, real Seattle data."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pyproj
import pytest

from layers.kinds import LayerKind
from layers.readers import calls
from layers.validation import DataError

DATA = Path(__file__).resolve().parent.parent / "data" / "calls"
UK = DATA / "uk_cad_sample.csv"
US = DATA / "headerless_us.txt"
SEATTLE = "demand/seattle_spd_dispatch_2024_sample.csv"


def _row(layer, call_id):
    f = layer.frame
    hit = f[f["call_id"] == call_id]
    assert len(hit) == 1, call_id
    return hit.iloc[0]


# -- the UK fixture: one rule per row -------------------------------------------
@pytest.fixture(scope="module")
def uk():
    return calls.read([UK])


def test_uk_every_row_accounted_for(uk):
    raw = pd.read_csv(UK, dtype=str)
    rep = uk.report
    assert rep.rows_total == len(raw)
    assert rep.rows_loaded == len(uk.frame)
    assert rep.rows_loaded + rep.rows_rejected == rep.rows_total
    assert uk.kind is LayerKind.DEMAND


def test_uk_rejections_name_row_column_and_reason(uk):
    got = {r.row: (r.column, r.reason) for r in uk.report.rejected}
    raw = pd.read_csv(UK, dtype=str)
    # file row = pandas index + 2 (header is row 1)
    row_of = {cid: i + 2 for i, cid in enumerate(raw["Incident Number"])}
    assert got[row_of["CAD-0004"]] == ("Time", "nonexistent local time (DST gap)")
    assert got[row_of["CAD-0007"]] == ("Date", "unparsable date")
    assert got[row_of["CAD-0008"]][1] == "no location"
    assert got[row_of["CAD-0011"]] == ("Date", "no date")
    assert got[row_of["CAD-0012"]] == ("Time", "no time of day")
    assert got[row_of["CAD-0013"]][1] == "unparsable coordinates"
    assert got[row_of["CAD-0014"]][1] == "no location (0,0 placeholder)"
    assert len(got) == 7


def test_uk_times_are_local_london(uk):
    london = ZoneInfo("Europe/London")
    assert uk.timezone == "Europe/London"
    assert uk.crs.to_epsg() == 27700
    assert uk.time_precision == "second"
    r = _row(uk, "CAD-0002")
    expected = pd.Timestamp(2024, 3, 2, 23, 59, 30, tzinfo=london)
    assert r["occurred_at"] == expected
    # after the spring change: BST, UTC+1
    r5 = _row(uk, "CAD-0005")
    assert r5["occurred_at"].utcoffset() == pd.Timedelta(hours=1)


def test_uk_dst_repeat_kept_as_first_occurrence_and_reported(uk):
    r = _row(uk, "CAD-0006")
    # 01:30 on 27 Oct 2024 happens twice; the first is BST (00:30 UTC)
    assert r["occurred_at"].tz_convert("UTC") == pd.Timestamp(
        "2024-10-27 00:30", tz="UTC"
    )
    assert any(
        "occurs twice" in w and "first occurrence" in w for w in uk.report.warnings
    )
    assert uk.provenance["ambiguous_times"] == 1


def test_uk_grades_categories_and_unmapped_priorities(uk):
    assert _row(uk, "CAD-0001")["grade"] == 1  # "Grade 1"
    assert _row(uk, "CAD-0002")["grade"] == 2  # "P2"
    assert _row(uk, "CAD-0003")["grade"] == 3  # "Scheduled"
    assert _row(uk, "CAD-0006")["grade"] == 4  # "Resolution without deployment"
    r9 = _row(uk, "CAD-0009")
    assert r9["grade"] == 4
    assert r9["category"] == "Priority P4"  # no call type: category from priority
    r10 = _row(uk, "CAD-0010")
    assert pd.isna(r10["grade"])
    assert r10["source_priority"] == "P9"
    assert any("'P9'" in w and "no grade" in w for w in uk.report.warnings)


def test_uk_response_closed_and_repeat_callers(uk):
    # "Response Mins" is minutes: converted to seconds
    assert _row(uk, "CAD-0001")["response_s"] == pytest.approx(6.5 * 60)
    assert np.isnan(_row(uk, "CAD-0002")["response_s"])
    london = ZoneInfo("Europe/London")
    assert _row(uk, "CAD-0003")["closed_at"] == pd.Timestamp(
        2024, 3, 15, 14, 0, tzinfo=london
    )
    # caller 07700 900001: 1 Mar, 15 Mar (14 days later: repeat), 27 Oct (not)
    assert not _row(uk, "CAD-0001")["repeat_caller"]
    assert _row(uk, "CAD-0003")["repeat_caller"]
    assert not _row(uk, "CAD-0006")["repeat_caller"]
    # caller 07700 900002: 2 Mar then 7 Apr, 36 days apart: not a repeat
    assert not _row(uk, "CAD-0010")["repeat_caller"]


def test_uk_geometry_is_the_grid_reference(uk):
    r = _row(uk, "CAD-0003")
    assert (r.geometry.x, r.geometry.y) == (407200.0, 286200.0)


def test_provenance_is_json_and_complete(uk):
    prov = uk.provenance
    json.dumps(prov)
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
    f = prov["files"][0]
    assert f["bytes"] == UK.stat().st_size
    assert f["delimiter"] == ","
    assert prov["mapping"]["date"] == "Date"
    assert prov["mapping"]["time"] == "Time"


# -- headerless, month-first, outside GB ------------------------------------------
def test_headerless_us_file_with_named_columns():
    layer = calls.read(
        [US],
        columns=["id", "when", "lon", "lat", "priority", "type"],
        mapping={"occurred_at": "when", "call_id": "id"},
    )
    ny = ZoneInfo("America/New_York")
    assert layer.timezone == "America/New_York"
    assert layer.crs.to_epsg() == 32618
    rep = layer.report
    assert rep.rows_total == 4
    assert rep.by_reason() == {"nonexistent local time (DST gap)": 1}
    assert rep.rejected[0].row == 3  # no header: the third line is row 3
    r = _row(layer, "1001")
    # "03/13/2023" proves month-first dates
    assert r["occurred_at"] == pd.Timestamp(2023, 3, 13, 19, 5, tzinfo=ny)
    assert r["category"] == "NOISE"
    amb = _row(layer, "1004")
    assert amb["occurred_at"].tz_convert("UTC") == pd.Timestamp(
        "2023-11-05 05:30", tz="UTC"
    )


def test_missing_required_fields_lists_columns():
    with pytest.raises(DataError) as err:
        calls.read([US], columns=["id", "when", "lon", "lat", "priority", "type"])
    msg = str(err.value)
    assert "time" in msg
    assert "when" in msg  # the columns seen are listed


def test_mapping_naming_absent_column_is_a_data_error():
    with pytest.raises(DataError, match="Nope"):
        calls.read([UK], mapping={"category": "Nope"})


def test_user_grade_map_overrides():
    layer = calls.read([UK], mapping={"grade_map": {"P9": 2, "Grade 1": 3}})
    assert _row(layer, "CAD-0010")["grade"] == 2
    assert _row(layer, "CAD-0001")["grade"] == 3
    # priorities missing from a user mapping get no grade
    assert pd.isna(_row(layer, "CAD-0002")["grade"])


# -- timestamp layouts ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-05T13:45:10", "2024-01-05 13:45:10"),
        ("2024-01-05 13:45", "2024-01-05 13:45:00"),
        ("05/01/2024 13:45", "2024-01-05 13:45:00"),
        ("05/01/2024 13:45:59", "2024-01-05 13:45:59"),
        ("05-Jan-2024 01:45 PM", "2024-01-05 13:45:00"),
        ("05.01.24 13:45", "2024-01-05 13:45:00"),
        ("20240105134510", "2024-01-05 13:45:10"),
        ("1 January 2024 10:00", "2024-01-01 10:00:00"),
    ],
)
def test_parse_times_layouts(text, expected):
    p = calls.parse_times(pd.Series([text]))
    assert p.status[0] == 0
    assert pd.Timestamp(p.naive[0]) == pd.Timestamp(expected)


def test_parse_times_excel_serial_and_epoch():
    # Excel serial 45296.5 = 2024-01-05 12:00 (days since 1899-12-30)
    excel = calls.parse_times(pd.Series(["45296.5", "45297.25"]))
    base = pd.Timestamp("1899-12-30")
    assert pd.Timestamp(excel.naive[0]) == base + pd.Timedelta(days=45296.5)
    epoch = calls.parse_times(pd.Series(["1704459600", "1704463200"]))
    assert np.isnat(epoch.naive).all()
    assert pd.Timestamp(epoch.utc[0]) == pd.Timestamp(1704459600, unit="s")


def test_parse_times_with_offset_is_absolute():
    p = calls.parse_times(pd.Series(["2024-06-01T12:00:00+02:00"]))
    assert pd.Timestamp(p.utc[0]) == pd.Timestamp("2024-06-01 10:00:00")


def test_parse_times_ambiguous_order_stays_day_first():
    p = calls.parse_times(pd.Series(["01/02/2024 10:00", "03/04/2024 10:00"]))
    assert p.formats == ["dd/mm/yyyy (day first)"]
    assert pd.Timestamp(p.naive[0]).month == 2


def test_parse_times_blank_and_garbage():
    p = calls.parse_times(pd.Series(["", "NULL", "not a date", "32/13/2024 10:00"]))
    assert list(p.status) == [1, 1, 2, 2]


def test_dates_only_give_day_precision(tmp_path):
    f = tmp_path / "days.csv"
    f.write_text(
        "Date,Latitude,Longitude,Incident Type\n"
        "2024-02-01,52.48,-1.90,Theft\n"
        "2024-02-02,52.49,-1.89,Theft\n"
    )
    layer = calls.read([f])
    assert layer.time_precision == "day"
    assert layer.crs.to_epsg() == 27700
    assert layer.provenance["transform"]["method"].startswith("OSTN15")


def test_out_of_area_point_rejected(tmp_path):
    f = tmp_path / "far.csv"
    rows = [f"2024-02-0{i} 10:00,52.4{i},-1.9{i},Theft" for i in range(1, 6)]
    rows.append("2024-02-06 10:00,40.7,-74.0,Theft")  # New York in a Birmingham file
    f.write_text("Timestamp,Lat,Lon,Call Type\n" + "\n".join(rows) + "\n")
    layer = calls.read([f])
    assert layer.report.by_reason() == {"out of area": 1}
    assert layer.report.rejected[0].row == 7


def test_sniff_scores_calls_above_zero_and_never_raises():
    cols = ["Incident Number", "Date", "Time", "Easting", "Northing", "Grade"]
    score, mapping = calls.sniff(UK, cols, UK.read_text())
    assert score >= 0.5
    assert mapping["easting"] == "Easting"
    assert calls.sniff(UK, None, None) == (0.0, {})
    police = ["Crime ID", "Month", "Longitude", "Latitude", "Crime type"]
    assert calls.sniff(Path("x.csv"), police, None)[0] < 0.3


# -- the real Seattle sample -------------------------------------------------------
@pytest.fixture(scope="module")
def seattle(shared_data):
    path = shared_data / SEATTLE
    return path, calls.read([path])


def test_seattle_counts_crs_and_zone(seattle):
    path, layer = seattle
    raw = pd.read_csv(path, na_values=["NULL"])
    zero = (raw["Dispatch_Longitude"] == 0) & (raw["dispatch_latitude"] == 0)
    assert int(zero.sum()) == 1
    assert layer.report.rows_total == len(raw) == 1000
    assert len(layer) == 999
    assert layer.report.by_reason() == {"no location (0,0 placeholder)": 1}
    bad_row = int(np.flatnonzero(zero.to_numpy())[0]) + 2
    assert layer.report.rejected[0].row == bad_row
    assert layer.crs.to_epsg() == 32610
    assert layer.timezone == "America/Los_Angeles"


def test_seattle_times_and_points_match_an_independent_parse(seattle):
    path, layer = seattle
    raw = pd.read_csv(path, na_values=["NULL"])
    raw = raw[~((raw["Dispatch_Longitude"] == 0) & (raw["dispatch_latitude"] == 0))]
    t = pd.to_datetime(raw["CAD_Event_Original_Time_Queued"]).dt.tz_localize(
        "America/Los_Angeles"
    )
    raw = raw.assign(t=t).sort_values("t", kind="stable")
    got = layer.frame
    assert (got["occurred_at"].to_numpy() == raw["t"].to_numpy()).all()
    tr = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32610", always_xy=True)
    ex, ey = tr.transform(
        raw["Dispatch_Longitude"].to_numpy(), raw["dispatch_latitude"].to_numpy()
    )
    np.testing.assert_allclose(got.geometry.x.to_numpy(), ex, atol=0.01)
    np.testing.assert_allclose(got.geometry.y.to_numpy(), ey, atol=0.01)
    # response seconds come from first_response_time (NULL -> missing)
    np.testing.assert_array_equal(
        np.isnan(got["response_s"].to_numpy()),
        raw["first_response_time"].isna().to_numpy(),
    )
    # every other source column is kept
    for col in ("dispatch_precinct", "dispatch_neighborhood", "first_dispatch_delay"):
        assert col in got


def test_seattle_grades_follow_the_numeric_table(seattle):
    path, layer = seattle
    table = json.loads(calls.GRADES_PATH.read_text())["systems"]["us_numeric_1_9"]
    raw = pd.read_csv(path)
    raw = raw[~((raw["Dispatch_Longitude"] == 0) & (raw["dispatch_latitude"] == 0))]
    expected = raw["priority"].astype(str).map(table["map"]).value_counts()
    got = layer.frame["grade"].value_counts()
    assert {int(k): int(v) for k, v in got.items()} == {
        int(k): int(v) for k, v in expected.items()
    }
    assert not layer.report.warnings  # every SPD priority present is mapped
    assert "Seattle" in layer.provenance["grade_mapping"]


def test_several_files_read_as_one_layer(tmp_path):
    a = tmp_path / "jan.csv"
    b = tmp_path / "feb.csv"
    head = "Call Ref,Created,Easting,Northing,Incident Type,Priority\n"
    a.write_text(head + "A1,2024-01-05 10:00,407000,286000,Theft,P1\n")
    b.write_text(
        head
        + "B1,2024-02-05 10:00,407100,286100,Theft,P2\n"
        + "B2,2024-02-06 10:00,,,Theft,P2\n"
    )
    layer = calls.read([b, a], mapping={"call_id": "Call Ref"})
    assert layer.report.rows_total == 3
    assert layer.frame["call_id"].tolist() == ["A1", "B1"]  # sorted by time
    assert layer.frame["source_file"].tolist() == [str(a), str(b)]
    rej = layer.report.rejected[0]
    assert (rej.source, rej.row, rej.reason) == (str(b), 3, "no location")
    assert [f["path"] for f in layer.provenance["files"]] == [str(b), str(a)]


def test_date_order_option_forces_month_first(tmp_path):
    f = tmp_path / "mdy.csv"
    f.write_text(
        "Timestamp,Lat,Lon,Call Type\n"
        "01/02/2024 10:00,52.48,-1.90,Theft\n"
        "03/04/2024 10:00,52.48,-1.90,Theft\n"
    )
    day_first = calls.read([f])
    month_first = calls.read([f], mapping={"date_order": "mdy"})
    assert day_first.frame["occurred_at"].iloc[0].month == 2
    assert month_first.frame["occurred_at"].iloc[0].month == 1
    with pytest.raises(DataError, match="date_order"):
        calls.read([f], mapping={"date_order": "ymd"})


def test_nothing_loadable_is_a_layer_with_a_warning(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("Date,Time,Easting,Northing,Call Type\n01/01/2024,10:00,,,Theft\n")
    layer = calls.read([f])
    assert len(layer) == 0
    assert layer.report.by_reason() == {"no location": 1}
    assert any(w.startswith("none of the 1 rows") for w in layer.report.warnings)


def test_headerless_file_without_names_says_so():
    with pytest.raises(DataError, match="looks like data, not a header"):
        calls.read([US])


def test_state_plane_feet_need_a_source_crs(tmp_path):
    # New Orleans-style export: MapX/MapY in Louisiana South state plane feet
    f = tmp_path / "nola.csv"
    f.write_text(
        "NOPD_Item,TypeText,Priority,TimeCreate,MapX,MapY\n"
        "A1,BURGLARY,2A,01/05/2024 10:15:00 PM,3680911,529515\n"
        "A2,THEFT,1,01/06/2024 09:00:00 AM,3687204,533222\n"
    )
    with pytest.raises(DataError, match="source_crs"):
        calls.read([f])
    layer = calls.read([f], mapping={"source_crs": "EPSG:3452", "date_order": "mdy"})
    assert layer.crs.to_epsg() == 32615
    assert layer.timezone == "America/Chicago"
    tr = pyproj.Transformer.from_crs("EPSG:3452", "EPSG:32615", always_xy=True)
    ex, ey = tr.transform(3680911, 529515)
    g = layer.frame.geometry.iloc[0]
    assert (g.x, g.y) == pytest.approx((ex, ey), abs=0.01)
    assert layer.frame["occurred_at"].iloc[0] == pd.Timestamp(
        2024, 1, 5, 22, 15, tzinfo=ZoneInfo("America/Chicago")
    )
    assert layer.frame["category"].tolist() == ["BURGLARY", "THEFT"]


def test_excel_workbook_export(tmp_path):
    from datetime import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Calls"
    ws.append(["Log No", "Received", "Easting", "Northing", "Call Type", "Grade"])
    ws.append([101, dt(2024, 3, 31, 2, 30, 5), 407000, 286000, "Theft", "P1"])
    ws.append([102, dt(2024, 3, 31, 1, 30), 407100, 286100, "Theft", "P2"])
    ws.append([103, dt(2024, 4, 1, 9, 0), None, None, "Theft", "P3"])
    wb.create_sheet("Notes").append(["not data"])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    score, mapping = calls.sniff(path, None, None)
    assert score >= 0.5
    assert mapping["occurred_at"] == "Received"
    layer = calls.read([path])
    assert layer.report.rows_total == 3
    assert layer.report.by_reason() == {
        "nonexistent local time (DST gap)": 1,
        "no location": 1,
    }
    r = layer.frame.iloc[0]
    assert r["occurred_at"] == pd.Timestamp(
        2024, 3, 31, 2, 30, 5, tzinfo=ZoneInfo("Europe/London")
    )
    assert r["call_id"] == "101"
    assert layer.provenance["files"][0]["encoding"] == "xlsx"
    assert any("2 sheets" in n for n in layer.report.notes)
    with pytest.raises(DataError, match="no sheet named"):
        calls.read([path], mapping={"sheet": "Missing"})
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataError, match="Excel"):
        calls.read([bad])


def test_national_spread_is_not_out_of_area(tmp_path):
    # a British Transport Police-like file: calls from Penzance to Thurso
    places = [
        (50.118, -5.537),
        (51.507, -0.128),
        (52.480, -1.903),
        (53.480, -2.242),
        (55.953, -3.188),
        (57.477, -4.224),
        (58.593, -3.522),
    ]
    f = tmp_path / "btp.csv"
    rows = [
        f"2024-05-0{i + 1} 12:00,{la},{lo},Trespass"
        for i, (la, lo) in enumerate(places)
    ]
    f.write_text("Timestamp,Latitude,Longitude,Call Type\n" + "\n".join(rows) + "\n")
    layer = calls.read([f])
    assert len(layer) == len(places)
    assert layer.report.rows_rejected == 0


def test_progress_reported_and_cancel_honoured():
    from layers.progress import CallbackProgress, Cancelled

    seen = []
    progress = CallbackProgress(lambda f, m: seen.append(f))
    calls.read([UK], progress=progress)
    assert seen
    assert seen[-1] == 1.0
    assert seen == sorted(seen)
    stop = CallbackProgress()
    stop.cancel()
    with pytest.raises(Cancelled):
        calls.read([UK], progress=stop)
