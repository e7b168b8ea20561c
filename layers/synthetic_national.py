"""A synthetic national data set: the 43 forces of England and Wales, in data.police.uk's layout.

The files are laid out as data.police.uk's bulk download is: one folder per month, one
``YYYY-MM-FORCE-street.csv`` per force and month, the exact 12-column street-level header, Crime IDs
(none for anti-social behaviour), "On or near ..." snapped locations and LSOA codes. Volumes follow
each force's rough share of recorded crime. Two signals are planted and written to
``national.json`` so tests and benchmarks can look for them:

- **an emerging hot spot**: burglary in one 1 km square of West Yorkshire rises every month over
  the last 12 months;
- **a surge**: bicycle theft in Cambridgeshire doubles in the last month.

Everything else is stationary (seasonality aside), so a scan should find little more.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from layers.synthetic import ASB, CRIME_TYPES, POLICE_UK_HEADER, _bng_to_lonlat

#: force: (centre easting, centre northing, half-width km, share of national volume)
FORCES: dict[str, tuple[float, float, float, float]] = {
    "Avon and Somerset": (350000, 150000, 45, 0.027),
    "Bedfordshire": (505000, 235000, 18, 0.011),
    "Cambridgeshire": (545000, 275000, 30, 0.015),
    "Cheshire": (360000, 365000, 28, 0.017),
    "City of London": (532500, 181300, 2, 0.002),
    "Cleveland": (450000, 518000, 14, 0.013),
    "Cumbria": (335000, 530000, 45, 0.008),
    "Derbyshire": (425000, 360000, 30, 0.016),
    "Devon and Cornwall": (260000, 70000, 70, 0.025),
    "Dorset": (380000, 95000, 28, 0.009),
    "Durham": (420000, 535000, 22, 0.011),
    "Dyfed-Powys": (265000, 250000, 55, 0.005),
    "Essex": (570000, 210000, 30, 0.029),
    "Gloucestershire": (385000, 215000, 25, 0.008),
    "Greater Manchester": (380000, 400000, 22, 0.068),
    "Gwent": (330000, 200000, 15, 0.009),
    "Hampshire": (450000, 120000, 40, 0.028),
    "Hertfordshire": (520000, 215000, 20, 0.015),
    "Humberside": (500000, 440000, 30, 0.016),
    "Kent": (590000, 155000, 38, 0.031),
    "Lancashire": (360000, 440000, 30, 0.025),
    "Leicestershire": (460000, 305000, 25, 0.016),
    "Lincolnshire": (505000, 365000, 45, 0.011),
    "Merseyside": (340000, 392000, 15, 0.024),
    "Metropolitan Police": (530000, 180000, 25, 0.160),
    "Norfolk": (610000, 310000, 40, 0.012),
    "North Wales": (290000, 360000, 40, 0.010),
    "North Yorkshire": (440000, 470000, 45, 0.010),
    "Northamptonshire": (475000, 265000, 25, 0.012),
    "Northumbria": (415000, 580000, 35, 0.025),
    "Nottinghamshire": (465000, 345000, 22, 0.019),
    "South Wales": (290000, 190000, 25, 0.021),
    "South Yorkshire": (440000, 400000, 22, 0.026),
    "Staffordshire": (395000, 320000, 28, 0.015),
    "Suffolk": (610000, 255000, 30, 0.009),
    "Surrey": (510000, 150000, 22, 0.013),
    "Sussex": (525000, 115000, 35, 0.026),
    "Thames Valley": (460000, 190000, 40, 0.033),
    "Warwickshire": (430000, 265000, 20, 0.008),
    "West Mercia": (370000, 270000, 45, 0.018),
    "West Midlands": (405000, 290000, 18, 0.055),
    "West Yorkshire": (420000, 430000, 22, 0.058),
    "Wiltshire": (405000, 160000, 28, 0.008),
}
EMERGING = (
    "West Yorkshire",
    "Burglary",
    430000.0,
    433000.0,
)  # force, type, 1 km square x0, y0
SURGE = (
    "Cambridgeshire",
    "Bicycle theft",
    2.0,
)  # force, type, factor in the last month
SNAP_M = 100.0
_HEX = np.array([f"{i:02x}".encode() for i in range(256)], dtype="S2")


def force_slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def _hex_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """Random 64-character hex Crime IDs, vectorised."""
    raw = rng.integers(0, 256, size=(n, 32), dtype=np.uint8)
    return _HEX[raw].view("S64").ravel().astype(str)


def _points(
    rng: np.random.Generator, force: str, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Points in a force: 60 % around a few towns, the rest spread over its area."""
    cx, cy, half_km, _ = FORCES[force]
    half = half_km * 1000.0
    town_rng = np.random.default_rng(zlib.crc32(force.encode()))
    towns = town_rng.uniform(-0.6, 0.6, size=(4, 2)) * half
    in_town = rng.random(n) < 0.6
    which = rng.integers(0, len(towns), n)
    sd = max(half / 12.0, 400.0)
    x = np.where(
        in_town,
        cx + towns[which, 0] + rng.normal(0, sd, n),
        cx + rng.uniform(-half, half, n),
    )
    y = np.where(
        in_town,
        cy + towns[which, 1] + rng.normal(0, sd, n),
        cy + rng.uniform(-half, half, n),
    )
    return x, y


def _month_rows(
    rng: np.random.Generator, force: str, month_i: int, n_months: int, per_month: float
) -> pd.DataFrame:
    """The street records of one force in one month (before the planted signals)."""
    season = 1.0 + 0.1 * np.cos(2 * np.pi * (month_i % 12 - 6) / 12)
    n = int(rng.poisson(per_month * season))
    names = list(CRIME_TYPES)
    p = np.array([CRIME_TYPES[k] for k in names])
    ctype = np.array(names, dtype=object)[rng.choice(len(names), n, p=p / p.sum())]
    x, y = _points(rng, force, n)
    frame = pd.DataFrame({"x": x, "y": y, "type": ctype})
    return _planted(rng, frame, force, month_i, n_months)


def _planted(
    rng: np.random.Generator,
    frame: pd.DataFrame,
    force: str,
    month_i: int,
    n_months: int,
) -> pd.DataFrame:
    extra = []
    f, ctype, x0, y0 = EMERGING
    start = n_months - 12
    if force == f and month_i >= start:
        k = 3 * (month_i - start + 1)  # 3, 6, ... 36 more burglaries a month
        extra.append(
            pd.DataFrame(
                {
                    "x": rng.uniform(x0, x0 + 1000, k),
                    "y": rng.uniform(y0, y0 + 1000, k),
                    "type": ctype,
                }
            )
        )
    f, ctype, factor = SURGE
    if force == f and month_i == n_months - 1:
        base = frame[frame["type"] == ctype]
        k = round(len(base) * (factor - 1))
        if k:
            pick = base.sample(
                n=k, replace=True, random_state=int(rng.integers(1 << 31))
            )
            extra.append(pick.reset_index(drop=True))
    return pd.concat([frame, *extra], ignore_index=True) if extra else frame


def _police_uk_table(
    rng: np.random.Generator, frame: pd.DataFrame, force: str, month: str
) -> pa.Table:
    """The rows in data.police.uk's exact layout (snapped points, Crime IDs, LSOA codes)."""
    sx = (np.floor(frame["x"].to_numpy() / SNAP_M) + 0.5) * SNAP_M
    sy = (np.floor(frame["y"].to_numpy() / SNAP_M) + 0.5) * SNAP_M
    lon, lat = _bng_to_lonlat(sx, sy)
    n = len(frame)
    ctype = frame["type"].to_numpy(dtype=object)
    ids = _hex_ids(rng, n).astype(object)
    ids[ctype == ASB] = ""
    street = (np.floor(sx / 300) * 7 + np.floor(sy / 300) * 13).astype(np.int64) % 997
    lsoa = np.floor(sx / 1500).astype(np.int64) * 1000 + np.floor(sy / 1500).astype(
        np.int64
    )
    outcome = np.where(ctype == ASB, "", "Under investigation").astype(object)
    cols = {
        "Crime ID": ids,
        "Month": np.full(n, month, dtype=object),
        "Reported by": np.full(
            n, f"{force} Police" if "Police" not in force else force, dtype=object
        ),
        "Longitude": np.round(lon, 6),
        "Latitude": np.round(lat, 6),
        "Location": np.char.add("On or near Street ", street.astype(str)).astype(
            object
        ),
        "LSOA code": np.char.add(
            "E01", np.char.zfill((lsoa % 1_000_000).astype(str), 6)
        ).astype(object),
        "LSOA name": np.char.add(f"{force} ", (lsoa % 1000).astype(str)).astype(object),
        "Crime type": ctype,
        "Last outcome category": outcome,
        "Context": np.full(n, "", dtype=object),
    }
    cols["Falls within"] = cols["Reported by"]
    order = rng.permutation(n)
    return pa.table({h: pa.array(np.asarray(cols[h])[order]) for h in POLICE_UK_HEADER})


def write_national_data(
    out_dir: str | Path,
    *,
    rows: int = 20_000_000,
    months: int = 36,
    end_month: str = "2026-09",
    seed: int = 43,
    forces: list[str] | None = None,
    as_zip: bool = False,
) -> dict[str, Any]:
    """Write the national set under ``out_dir``; returns (and writes) its description.

    ``rows`` is the expected total over all forces and months; ``forces`` limits the set to some
    forces (all 43 by default); ``as_zip`` writes one archive as data.police.uk's bulk download.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = forces or list(FORCES)
    unknown = [f for f in names if f not in FORCES]
    if unknown:
        raise ValueError(f"unknown force(s): {', '.join(unknown)}")
    share = np.array([FORCES[f][3] for f in names])
    per_month = rows * share / share.sum() / months
    periods = pd.period_range(
        end=pd.Period(end_month, freq="M"), periods=months, freq="M"
    )
    rng = np.random.default_rng(seed)
    zf = (
        zipfile.ZipFile(out / "national.zip", "w", zipfile.ZIP_DEFLATED)
        if as_zip
        else None
    )
    counts: dict[str, int] = {}
    try:
        for mi, period in enumerate(periods):
            month = str(period)
            for fi, force in enumerate(names):
                frame = _month_rows(rng, force, mi, months, float(per_month[fi]))
                table = _police_uk_table(rng, frame, force, month)
                rel = f"{month}/{month}-{force_slug(force)}-street.csv"
                _write(table, out, rel, zf)
                counts[rel] = table.num_rows
    finally:
        if zf is not None:
            zf.close()
    info = _describe(out, names, periods, counts, seed, as_zip)
    (out / "national.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


def _write(table: pa.Table, out: Path, rel: str, zf: zipfile.ZipFile | None) -> None:
    opts = pacsv.WriteOptions(quoting_style="needed")
    if zf is None:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        pacsv.write_csv(table, target, write_options=opts)
        return
    sink = pa.BufferOutputStream()
    pacsv.write_csv(table, sink, write_options=opts)
    zf.writestr(rel, sink.getvalue().to_pybytes())


def _describe(out, names, periods, counts, seed, as_zip) -> dict[str, Any]:
    return {
        "generator": "layers.synthetic_national",
        "seed": seed,
        "forces": names,
        "months": [str(p) for p in periods],
        "rows": int(sum(counts.values())),
        "files": len(counts),
        "layout": "national.zip (bulk download)"
        if as_zip
        else "YYYY-MM/YYYY-MM-FORCE-street.csv",
        "planted": {
            "emerging_hot_spot": {
                "force": EMERGING[0],
                "crime_type": EMERGING[1],
                "square_bng": [
                    EMERGING[2],
                    EMERGING[3],
                    EMERGING[2] + 1000,
                    EMERGING[3] + 1000,
                ],
                "rise": "3 more a month for each of the last 12 months (3, 6, ... 36)",
            },
            "surge": {
                "force": SURGE[0],
                "crime_type": SURGE[1],
                "factor": SURGE[2],
                "month": str(periods[-1]),
            },
        },
    }
