"""Synthetic demo data benchmark: the whole default data set, against an I/O floor.

Ours: ``layers.synthetic.write_demo_data(dir, seed=7, scale=1.0)`` (geography,
signals, ~250k street crimes in 36 monthly files, ~130k calls, assets, boundary
GeoPackages/GeoJSON, manifest). Target: under 15 s.

Baseline (an I/O floor, not a competitor): writing the same street-crime and calls
tables again with plain ``DataFrame.to_csv`` (no generation at all), so the ratio
says how much the generation costs on top of writing the files.

Usage: python benchmarks/synthetic.py [--runs 3] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from layers.synthetic import write_demo_data


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    ours: list[float] = []
    floor: list[float] = []
    rows = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            manifest = write_demo_data(Path(tmp) / "demo", seed=7, scale=args.scale)
            ours.append(time.perf_counter() - t0)
            rows = manifest["rows"]["street_crime"] + manifest["rows"]["calls"]
            street = pd.concat(
                pd.read_csv(p, dtype=str, keep_default_na=False)
                for p in sorted((Path(tmp) / "demo" / "crime").glob("*/*street.csv"))
            )
            calls = pd.read_csv(
                Path(tmp) / "demo" / "calls" / "synthetic_calls_for_service.csv",
                dtype=str,
                keep_default_na=False,
            )
            t0 = time.perf_counter()
            street.to_csv(Path(tmp) / "street.csv", index=False)
            calls.to_csv(Path(tmp) / "calls.csv", index=False)
            floor.append(time.perf_counter() - t0)
    med_ours = statistics.median(ours)
    med_floor = statistics.median(floor)
    print(f"what: write_demo_data(seed=7, scale={args.scale:g}), {args.runs} runs")
    print(f"size: {rows:,} rows (street crime + calls) plus boundaries and assets")
    print(f"ours (median): {med_ours:.2f} s   [target < 15 s]")
    print(f"baseline, to_csv of the same two tables (median): {med_floor:.2f} s")
    print(f"ratio ours/baseline: {med_ours / med_floor:.1f}x")


if __name__ == "__main__":
    main()
