"""One CSV writer for every CSV the tool writes: no formulas, no split rows."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from layers.csvsafe import safe_text, write_frame, write_rows
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.validation import ReadReport, RejectedRow
from workstation.analysis.scan import horizon_scan

ROOT = Path(__file__).resolve().parents[2]
EVIL = "Burglary\r=2+2"
HOSTILE = [EVIL, "=1+1", "@SUM(A1)", "+cmd", "-cmd", "\t=1", "\r=1", "a\nb", "ok"]


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _scan_layer(n: int = 1440, categories=(EVIL, "Robbery")) -> tuple[Layer, int]:
    """36 months x 40 events, two categories; the first rises in the last month."""
    rng = np.random.default_rng(13)
    per_month = n // 36
    when, cats = [], []
    start = pd.Timestamp("2022-01-01", tz="Europe/London")
    for m in range(36):
        share = 0.8 if m == 35 else 0.4
        k = rng.binomial(per_month, share)
        cats += [categories[0]] * k + [categories[1]] * (per_month - k)
        when += [start + pd.DateOffset(months=m)] * per_month
    frame = gpd.GeoDataFrame(
        {"occurred_at": when, "category": cats},
        geometry=gpd.points_from_xy(
            rng.uniform(0, 2000, len(cats)), rng.uniform(0, 2000, len(cats))
        ),
        crs="EPSG:27700",
    )
    return Layer("crime", LayerKind.CRIME, frame, time_precision="month"), len(cats)


@pytest.fixture(scope="module")
def scan_csv(tmp_path_factory):
    crime, n = _scan_layer()
    assert n == 1440
    res = horizon_scan(crime, cell_m=500, emerging=False, near_repeat=False)
    assert (res.table["category"] == EVIL).any()  # the hostile value is in the table
    out = res.to_csv(tmp_path_factory.mktemp("scan") / "scan.csv")
    return res, out


def test_scan_csv_of_1440_rows_has_no_split_rows_and_no_formulas(scan_csv):
    res, out = scan_csv
    rows = _read(out)
    header, body = rows[0], rows[1:]
    assert len(body) == len(res.table)  # 0 split rows
    assert all(len(r) == len(header) for r in body)
    cells = [c for r in rows for c in r]
    assert sum(c.startswith("=") for c in cells) == 0
    assert sum(c.startswith(("+", "@", "\t", "\r")) for c in cells) == 0
    cat = header.index("category")
    assert EVIL in {r[cat] for r in body}  # the value is kept, whole, in one cell
    # numbers stay numbers
    assert pd.read_csv(out)["observed"].dtype.kind in "if"


@pytest.mark.skipif(
    shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)",
)
def test_scan_csv_read_by_libreoffice_has_no_formula_cells(scan_csv, tmp_path):
    from openpyxl import load_workbook

    res, out = scan_csv
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    ws = load_workbook(tmp_path / "scan.xlsx").active
    cells = [c for row in ws.iter_rows() for c in row]
    assert ws.max_row == len(res.table) + 1  # 0 split rows
    assert [c for c in cells if c.data_type == "f"] == []
    assert [c.value for c in cells if str(c.value or "").startswith("=")] == []
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    observed = [r[header.index("observed")] for r in ws.iter_rows(min_row=2)]
    assert all(isinstance(c.value, int | float) for c in observed)


def test_hostile_text_is_neutralised_and_numbers_stay_numbers(tmp_path):
    frame = pd.DataFrame(
        {
            "text": HOSTILE,
            "number": [-5, 0, 3, -7, 1, 2, -9, 4, 8],
            "float": [-2.5, np.nan, 1.25, 0.0, -1e-3, 5.5, 7.0, 8.0, -0.125],
            "as_text": ["-5", "-1,234", "-2.5e3", "-", "-1+2", "1", "-.5", "x", ""],
        }
    )
    out = write_frame(frame, tmp_path / "t.csv")
    rows = _read(out)
    assert len(rows) == len(frame) + 1
    text = [r[0] for r in rows[1:]]
    assert text == ["'" + v if v[0] in "=+-@\t\r" else v for v in HOSTILE]
    assert [int(r[1]) for r in rows[1:]] == frame["number"].tolist()
    back = pd.read_csv(out)
    np.testing.assert_allclose(back["float"], frame["float"], equal_nan=True)
    assert [r[3] for r in rows[1:]] == [
        "-5",
        "-1,234",
        "-2.5e3",
        "'-",
        "'-1+2",
        "1",
        "-.5",
        "x",
        "",
    ]


def test_plain_data_round_trips_unchanged(tmp_path):
    """No signal: a table with nothing hostile reads back exactly as pandas wrote it."""
    rng = np.random.default_rng(4)
    frame = pd.DataFrame(
        {
            "name": [f"Area {i}" for i in range(50)],
            "count": rng.integers(-100, 100, 50),
            "rate": rng.normal(size=50),
        }
    )
    ours = pd.read_csv(write_frame(frame, tmp_path / "ours.csv"))
    frame.to_csv(tmp_path / "pd.csv", index=False)
    theirs = pd.read_csv(tmp_path / "pd.csv")
    pd.testing.assert_frame_equal(ours, frame)
    pd.testing.assert_frame_equal(ours, theirs)


def test_numbers_are_written_as_pandas_writes_them(tmp_path):
    frame = pd.DataFrame(
        {
            "f32": np.array([0.1, -2.5, 1e-7], dtype=np.float32),
            "f64": [0.1, -2.5, 1e-7],
            "i": np.array([-1, 0, 2], dtype=np.int32),
            "b": [True, False, True],
            "t": pd.to_datetime(
                ["2024-01-01 18:00", "2024-06-01 00:00", None]
            ).tz_localize("Europe/London"),
        }
    )
    ours = write_frame(frame, tmp_path / "ours.csv").read_text().replace("\r\n", "\n")
    frame.to_csv(tmp_path / "pd.csv", index=False)
    assert ours == (tmp_path / "pd.csv").read_text()


def test_bidi_controls_are_shown_not_obeyed(tmp_path):
    out = write_rows(tmp_path / "b.csv", ["file"], [["evil\u202egnp.exe"]])
    assert _read(out)[1] == ["evil[U+202E]gnp.exe"]
    assert safe_text("a\u2066b\u2069") == "a[U+2066]b[U+2069]"


def test_rejects_csv_goes_through_the_writer(tmp_path):
    report = ReadReport("calls.csv")
    report.rejected.append(RejectedRow("calls.csv", 7, "category", EVIL, "=bad"))
    out = report.write_rejects_csv(tmp_path / "rejects.csv")
    rows = _read(out)
    assert rows == [
        ["file", "row", "column", "value", "reason", "count"],
        ["calls.csv", "7", "category", EVIL, "'=bad", "1"],
    ]


#: CSV writing that is not an output an analyst opens: the import dialog's sample
#: (a copy of the input for the reader to sniff), text handed to a reader (a
#: workbook, a live batch, a header row), and the synthetic demo *input* files.
NOT_OUTPUTS = {
    "layers/readers/files.py",  # a workbook's sheet as text for the reader
    "layers/readers/__init__.py",  # a header row for the sniffer
    "layers/readers/archives.py",  # point features handed back to the reader
    "layers/live/base.py",  # a live batch handed to the calls reader
    "layers/synthetic.py",
    "workstation/qt/dialogs/import_dialog.py",
    "layers/csvsafe.py",
}


def test_every_csv_output_goes_through_the_one_writer():
    pattern = re.compile(r"\.to_csv\(|csv\.writer\(|csv\.DictWriter\(")
    offenders = []
    for folder in ("layers", "workstation"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel in NOT_OUTPUTS:
                continue
            for i, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line) and "def to_csv" not in line:
                    if "result.to_csv" in line or "self.result.to_csv" in line:
                        continue  # a result's own to_csv, which uses the writer
                    offenders.append(f"{rel}:{i}: {line.strip()}")
    assert offenders == []
