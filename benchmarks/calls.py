"""Calls-for-service reader against the naive pandas path, same file, same run.

Ours: ``layers.readers.calls.read`` (mapping guess, dd/mm/yyyy parsing, DST gap and
repeat handling, grade mapping, OSTN15 to BNG, per-row accounting, provenance with a
SHA-256 of the file). Naive: ``pandas.read_csv`` + ``pd.to_datetime`` with the
known format + ``tz_localize`` + ``geopandas.points_from_xy`` + ``to_crs`` (no
validation, no accounting, Helmert instead of OSTN15). Ours pauses the garbage
collector while it makes objects in bulk; the naive path is timed both as written and
with the collector paused the same way, so the ratio is not only that trick.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.readers import calls
from layers.readers.pipeline import bulk_objects


def make_file(path: Path, n: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-01").value
    span = 365 * 86400 * 10**9
    t = pd.to_datetime(np.sort(rng.integers(start, start + span, n)))
    frame = pd.DataFrame(
        {
            "Incident Number": [f"CAD-{i:07d}" for i in range(n)],
            "Date Time Received": t.strftime("%d/%m/%Y %H:%M:%S"),
            "Latitude": np.round(52.48 + rng.normal(0, 0.05, n), 6),
            "Longitude": np.round(-1.89 + rng.normal(0, 0.08, n), 6),
            "Call Type": rng.choice(
                ["ASB", "Theft", "Domestic", "RTC", "Concern for safety"], n
            ),
            "Grade": rng.choice(["Grade 1", "Grade 2", "Grade 3", "Grade 4"], n),
            "Response Mins": np.round(rng.gamma(2.0, 10.0, n), 1),
        }
    )
    frame.to_csv(path, index=False)


def ours(path: Path) -> int:
    return len(calls.read([path]))


def naive(path: Path) -> int:
    df = pd.read_csv(path)
    t = pd.to_datetime(df["Date Time Received"], format="%d/%m/%Y %H:%M:%S")
    df["occurred_at"] = t.dt.tz_localize(
        "Europe/London", ambiguous="NaT", nonexistent="NaT"
    )
    gdf = gpd.GeoDataFrame(
        df,
        geometry=gpd.points_from_xy(df["Longitude"], df["Latitude"]),
        crs="EPSG:4326",
    ).to_crs("EPSG:27700")
    return len(gdf)


def naive_no_gc(path: Path) -> int:
    """The naive path with the garbage collector paused, as ours pauses it."""
    with bulk_objects():
        return naive(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "calls.csv"
        make_file(path, args.rows)
        size_mb = path.stat().st_size / 1e6
        t_ours, t_naive, t_nogc = [], [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            n1 = ours(path)
            t_ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            n2 = naive(path)
            t_naive.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            naive_no_gc(path)
            t_nogc.append(time.perf_counter() - t0)
        a, b = statistics.median(t_ours), statistics.median(t_naive)
        c = statistics.median(t_nogc)
        load = "/".join(f"{v:.2f}" for v in os.getloadavg())
        print(f"calls reader, {args.rows:,} rows ({size_mb:.1f} MB), {args.runs} runs")
        print(
            f"  load average (1/5/15 min) at the end: {load} on {os.cpu_count()} cores"
        )
        print(f"  ours  (validated DEMAND layer, {n1:,} rows): median {a:.2f} s")
        print(
            f"  naive (read_csv + to_datetime + to_crs, {n2:,} rows): median {b:.2f} s"
        )
        print(f"  naive with the garbage collector paused: median {c:.2f} s")
        print(f"  ratio ours/naive: {a / b:.2f}x ({b / a:.2f}x faster)")
        print(f"  ratio ours/naive-without-gc: {a / c:.2f}x ({c / a:.2f}x faster)")


if __name__ == "__main__":
    main()
