"""Issue 11 point 5: readers stay bounded on hostile input; issue 13: control characters.

Each hostile file is written by the test itself (a zip bomb or a million rows are
not fixtures one commits); the small fixtures live in ``tests/data/hostile``.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from layers import readers
from layers.readers.tables import MAX_COLUMNS, inflated_limit
from layers.store import load_project
from layers.validation import KEEP_EACH, DataError, ReadReport
from workstation.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
HOSTILE = DATA / "hostile"
HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
    "LSOA code,LSOA name,Crime type,Last outcome category,Context"
)
ROW = (
    "{cid},2023-07,West Midlands Police,West Midlands Police,-1.897000,52.472000,"
    "On or near Street 1,E01009000,Birmingham 010A,Vehicle crime,"
    "Under investigation,"
)


def _bomb(path: Path, megabytes: int) -> Path:
    """A zip whose one police.uk-named member is ``megabytes`` MB of zeros."""
    chunk = b"0" * (1 << 20)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("2023-07-west-midlands-street.csv", "w", force_zip64=True) as fh,
    ):
        fh.write((HEADER + "\n").encode())
        for _ in range(megabytes):
            fh.write(chunk)
    return path


def _peak_rss_mb(code: str) -> tuple[float, str]:
    """Run ``code`` in a fresh interpreter; its peak RSS (MB) and what it printed."""
    prog = (
        "import resource\n"
        + code
        + "\nprint('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    r = subprocess.run(
        [sys.executable, "-c", prog], capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stderr
    peak = float(r.stdout.rsplit("PEAK", 1)[1])
    return peak, r.stdout


def test_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path):
    bomb = _bomb(tmp_path / "download.zip", 300)
    assert bomb.stat().st_size < 2_000_000  # 300 MB in well under 2 MB
    assert inflated_limit(bomb.stat().st_size) < 300 * 2**20
    code = (
        "from layers import readers\n"
        "from layers.validation import DataError\n"
        "try:\n"
        f"    readers.read({str(bomb)!r})\n"
        "except DataError as e:\n"
        "    print('ERR', e)\n"
    )
    peak, out = _peak_rss_mb(code)
    assert "ERR" in out and "refused" in out and "inflates to 300 MB" in out
    baseline, _ = _peak_rss_mb("from layers import readers")
    assert peak - baseline < 100  # it was 2.3 GB for 1 GB before


def test_zip_member_lying_about_its_size_is_bounded(tmp_path: Path):
    """A member declaring 1 kB that inflates to 300 MB stops at what it declared."""
    bomb = _bomb(tmp_path / "liar.zip", 300)
    raw = bytearray(bomb.read_bytes())
    # zip64: sizes live in the extra fields; patch every uncompressed-size copy
    real = 300 * 2**20 + len(HEADER) + 1
    patched = raw.replace(struct.pack("<Q", real), struct.pack("<Q", 1000))
    assert patched != raw
    liar = tmp_path / "2023-07-liar.zip"
    liar.write_bytes(bytes(patched))
    with pytest.raises(DataError):
        readers.read(liar)


def test_small_genuine_archive_still_reads(tmp_path: Path):
    """The limit never refuses a small, very compressible but genuine archive."""
    csv_text = HEADER + "\n" + "\n".join(ROW.format(cid=f"id{i}") for i in range(3000))
    z = tmp_path / "2023-07.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2023-07/2023-07-west-midlands-street.csv", csv_text)
    assert len(csv_text) / z.stat().st_size > 50  # more than 50x, yet genuine
    layer = readers.read(z)
    assert len(layer) == 3000


def _identical_rows(path: Path, n: int) -> Path:
    path.write_text(HEADER + "\n" + "\n".join([ROW.format(cid="dup")] * n) + "\n")
    return path


def test_identical_rows_keep_one_counted_reject_entry(tmp_path: Path, capsys):
    n = 20_000
    src = _identical_rows(tmp_path / "2023-07-west-midlands-street.csv", n)
    layer = readers.read(src)
    rep = layer.report
    assert rep.rows_total == n and rep.rows_loaded == 1
    assert rep.rows_rejected == n - 1 and rep.balanced
    assert rep.by_reason() == {"duplicate Crime ID": n - 1}
    assert len(rep.rejected) == KEEP_EACH + 1
    counted = rep.rejected[-1]
    assert counted.count == n - 1 - KEEP_EACH
    assert counted.row == KEEP_EACH + 3 and counted.last_row == n + 1
    # through the command: the rejects file and the project's table stay small
    proj = tmp_path / "p.gpkg"
    assert main(["import", str(src), "-o", str(proj)]) == 0
    with (tmp_path / "p-rejects.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == KEEP_EACH + 1
    assert sum(int(r["count"]) for r in rows) == n - 1
    assert rows[-1]["row"] == f"{KEEP_EACH + 3}-{n + 1}"
    con = sqlite3.connect(proj)
    (stored,) = con.execute("SELECT count(*) FROM workstation_rejects").fetchone()
    con.close()
    assert stored == KEEP_EACH + 1
    (back,) = load_project(proj).layers
    assert back.report.rows_rejected == n - 1 and back.report.balanced


def test_distinct_bad_values_are_each_kept():
    """No folding without duplicates: every distinct rejected value is its own row."""
    rep = ReadReport("f.csv")
    rep.rows_total = 500
    for i in range(500):
        rep.reject(i + 2, "Month", f"bad{i}", "unparsable month")
    assert len(rep.rejected) == 500 and rep.rows_rejected == 500
    assert all(r.count == 1 for r in rep.rejected)
    # merging two reports folds across them too, and the counts still add up
    other = ReadReport("f.csv")
    for i in range(KEEP_EACH + 50):
        other.reject(1000 + i, "Month", "same", "unparsable month")
    rep.merge(other)
    assert rep.rows_rejected == 500 + KEEP_EACH + 50
    assert len(rep.rejected) == 500 + KEEP_EACH + 1


def test_too_many_columns_is_a_clear_exit_2(tmp_path: Path, capsys):
    extra = [f"extra_{i}" for i in range(2_100)]
    src = tmp_path / "calls.csv"
    with src.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Latitude", "Longitude", "Call Type", "Date Time", *extra])
        w.writerow(["52.48", "-1.89", "ASB", "01/07/2023 10:00", *["x"] * len(extra)])
    code = main(["import", str(src), "-o", str(tmp_path / "p.gpkg")])
    err = capsys.readouterr().err
    assert code == 2
    assert "2,104 columns" in err and f"{MAX_COLUMNS:,}" in err
    assert len(err.strip().splitlines()) == 1


def test_too_many_vector_attributes_is_a_clear_exit_2(tmp_path: Path, capsys):
    props = {"name": "Hall", "type": "community centre"}
    props |= {f"f{i}": i for i in range(2_100)}
    feature = {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "Point", "coordinates": [-1.89, 52.48]},
    }
    src = tmp_path / "assets.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    code = main(["import", str(src), "--kind", "asset", "-o", str(tmp_path / "p.gpkg")])
    err = capsys.readouterr().err
    assert code == 2 and "columns" in err and "FieldError" not in err


def test_library_warnings_go_to_the_report_not_stderr(tmp_path: Path):
    """GDAL warns about duplicate feature ids; the user sees it in the read report."""
    feats = [
        {
            "type": "Feature",
            "id": 1,
            "properties": {"name": f"Hall {i}", "type": "hall"},
            "geometry": {"type": "Point", "coordinates": [-1.89 + i / 100, 52.48]},
        }
        for i in range(3)
    ]
    src = tmp_path / "halls.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    out = str(tmp_path / "p.gpkg")
    r = subprocess.run(
        [sys.executable, "-m", "workstation", "import", src, "--kind=asset", "-o", out],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "Warning" not in r.stderr and "site-packages" not in r.stderr
    assert "a library warned" in r.stdout
    assert "site-packages" not in r.stdout


def test_control_characters_become_spaces_and_are_reported():
    """CR, LF, TAB, C1 and bidi controls inside values (issue 13)."""
    src = HOSTILE / "2023-07-controls-street.csv"
    layer = readers.read(src)
    cats = set(layer.frame["category"].astype(str))
    assert "Burglary =2+2" in cats and "evil gnp.exe" in cats
    for col in layer.frame.columns.drop("geometry"):
        text = "".join(map(str, layer.frame[col].dropna().astype(str)))
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text), col
        assert not any(0x202A <= ord(c) <= 0x202E for c in text), col
        assert not any(0x2066 <= ord(c) <= 0x2069 for c in text), col
    (warning,) = [w for w in layer.report.warnings if "control characters" in w]
    assert "in 4 row(s)" in warning
    assert "'category' (2)" in warning and "'location' (2)" in warning


def test_clean_text_is_left_alone():
    """No controls, no warning, and the values are exactly as read."""
    layer = readers.read(DATA / "police_uk" / "2023-07-west-midlands-street.csv")
    assert not [w for w in layer.report.warnings if "control characters" in w]


@pytest.mark.parametrize("dtype", ["str", object, "category"])
def test_text_columns_of_every_kind_are_cleaned(dtype):
    """Arrow-backed (chunked), object and categorical text alike."""
    import pandas as pd

    from layers.readers.pipeline import clean_text_column

    vals = ["ok", "a\rb", "x\u202ey", None, "plain", "t\tt", "\x85c1"] * 3
    s = pd.Series(vals, dtype=dtype)
    if dtype == "str":  # several chunks, as a concat of files gives
        s = pd.concat([s.iloc[:10], s.iloc[10:]], ignore_index=True)
    out, hit = clean_text_column(s)
    want = [None if v is None else v for v in vals]
    clean = [
        None if v is None else v.translate({0x0D: 32, 0x202E: 32, 0x09: 32, 0x85: 32})
        for v in want
    ]
    got = [None if pd.isna(v) else v for v in out]
    assert got == clean
    assert hit.sum() == 4 * 3
    untouched, none = clean_text_column(pd.Series(["a", "b c", "d"] * 5, dtype=dtype))
    assert none is None and list(untouched) == ["a", "b c", "d"] * 5
