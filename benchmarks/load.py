"""Load benchmark: 1M street-level crimes in 12 monthly files, ours vs the naive path.

Ours: ``layers.readers.read(folder)`` -> a validated CRIME layer in British National
Grid (sniffing, per-row validation with reasons, duplicate Crime ID check, OSTN15,
month parsing, categoricals, sorted times, provenance with SHA-256 of every file).

Naive: ``pandas.read_csv`` of each file + ``pandas.concat`` +
``geopandas.points_from_xy`` + ``.set_crs(4326).to_crs(27700)`` (no validation).

Each measurement runs in its own subprocess so its peak RSS is honest; runs
alternate ours/naive; medians are printed.

Usage: python benchmarks/load.py [--rows 1000000] [--runs 3] [--dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

CRIME_TYPES = {  # roughly England and Wales shares, ASB ~25%
    "Anti-social behaviour": 0.25,
    "Violence and sexual offences": 0.30,
    "Public order": 0.07,
    "Criminal damage and arson": 0.07,
    "Other theft": 0.06,
    "Vehicle crime": 0.05,
    "Shoplifting": 0.05,
    "Burglary": 0.04,
    "Drugs": 0.025,
    "Other crime": 0.015,
    "Theft from the person": 0.01,
    "Robbery": 0.007,
    "Bicycle theft": 0.008,
    "Possession of weapons": 0.008,
}
OUTCOMES = [
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Under investigation",
    "Status update unavailable",
    "Local resolution",
    "Offender given a caution",
    "Awaiting court outcome",
    "Court result unavailable",
    "Action to be taken by another organisation",
    "Further investigation is not in the public interest",
]
FORCES = ["West Midlands Police", "Staffordshire Police", "Warwickshire Police"]
PLACES = [
    "Parking Area",
    "Supermarket",
    "Shopping Area",
    "Petrol Station",
    "Nightclub",
    "Sports/Recreation Area",
    "Further/Higher Educational Building",
    "Police Station",
    "Hospital",
    "Theatre/Concert Hall",
]
STREETS = ["Road", "Street", "Avenue", "Close", "Lane", "Grove", "Drive", "Way"]


def generate(folder: Path, rows: int, seed: int = 20231) -> list[Path]:
    """Write ``rows`` records as 12 monthly modern-layout files (unquoted, like police.uk)."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_points = 40_000
    p_lon = rng.normal(-1.89, 0.12, n_points).round(6)
    p_lat = rng.normal(52.48, 0.07, n_points).round(6)
    stems = [
        a + b
        for a in ("Ash", "Oak", "Elm", "Birch", "Hazel", "Rowan", "Holly", "Cedar")
        for b in ("field", "wood", "ley", "ton", "bury", "croft", "gate", "mere")
    ]
    names = [
        f"{stems[i % len(stems)]} {STREETS[(i // len(stems)) % len(STREETS)]}"
        for i in range(len(stems) * len(STREETS))
    ]
    p_loc = np.array(
        [
            "On or near " + (PLACES[i % 10] if i % 9 == 0 else names[i % len(names)])
            for i in range(n_points)
        ],
        dtype=object,
    )
    lsoa_idx = (np.arange(n_points) * 7919) % 1700
    lsoa_code = np.array([f"E0100{8000 + k:04d}" for k in range(1700)], dtype=object)
    lsoa_name = np.array(
        [f"Birmingham {k // 4 + 1:03d}{'ABCD'[k % 4]}" for k in range(1700)],
        dtype=object,
    )
    types = np.array(list(CRIME_TYPES), dtype=object)
    probs = np.array(list(CRIME_TYPES.values()))
    probs = probs / probs.sum()
    per_month = np.full(12, rows // 12)
    per_month[: rows % 12] += 1
    paths = []
    for m, n in enumerate(per_month):
        month = f"2023-{m + 1:02d}"
        pt = rng.integers(0, n_points, n)
        ct = types[rng.choice(len(types), n, p=probs)]
        asb = ct == "Anti-social behaviour"
        noloc = rng.random(n) < 0.01
        ids = np.array(
            [
                hashlib.sha256(f"{month}-{i}-{seed}".encode()).hexdigest()
                for i in range(n)
            ],
            dtype=object,
        )
        ids[asb] = ""
        lon = p_lon[pt].astype(str).astype(object)
        lat = p_lat[pt].astype(str).astype(object)
        loc = p_loc[pt].copy()
        code = lsoa_code[lsoa_idx[pt]].copy()
        lname = lsoa_name[lsoa_idx[pt]].copy()
        lon[noloc] = ""
        lat[noloc] = ""
        loc[noloc] = "No location"
        code[noloc] = ""
        lname[noloc] = ""
        outcome = np.array(OUTCOMES, dtype=object)[rng.integers(0, len(OUTCOMES), n)]
        outcome[asb] = ""
        force = np.array(FORCES, dtype=object)[(rng.random(n) < 0.03).astype(int)]
        table = pa.table(
            {
                "Crime ID": ids,
                "Month": np.full(n, month, dtype=object),
                "Reported by": force,
                "Falls within": force,
                "Longitude": lon,
                "Latitude": lat,
                "Location": loc,
                "LSOA code": code,
                "LSOA name": lname,
                "Crime type": ct,
                "Last outcome category": outcome,
                "Context": np.full(n, "", dtype=object),
            }
        )
        path = folder / month / f"{month}-west-midlands-street.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        pa_csv.write_csv(
            table, path, write_options=pa_csv.WriteOptions(quoting_style="none")
        )
        paths.append(path)
    return paths


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_ours(folder: Path) -> dict:
    from layers import readers

    readers.available_readers()  # imports done before timing, as for the naive path
    t, c = time.perf_counter(), _cpu()
    layer = readers.read(folder)
    dt, dc = time.perf_counter() - t, _cpu() - c
    rep = layer.report
    assert rep.balanced
    return {
        "seconds": dt,
        "cpu_seconds": dc,
        "rows_loaded": rep.rows_loaded,
        "rows_rejected": rep.rows_rejected,
        "rows_total": rep.rows_total,
        "crs": layer.crs.to_string(),
        "parsers": sorted({f["parser"] for f in layer.provenance["files"]}),
    }


def run_naive(folder: Path) -> dict:
    import geopandas as gpd
    import pandas as pd

    files = sorted(folder.rglob("*-street.csv"))
    t, c = time.perf_counter(), _cpu()
    df = pd.concat([pd.read_csv(f) for f in files], ignore_index=True)
    gdf = gpd.GeoDataFrame(
        df, geometry=gpd.points_from_xy(df["Longitude"], df["Latitude"])
    )
    gdf = gdf.set_crs(4326).to_crs(27700)
    dt, dc = time.perf_counter() - t, _cpu() - c
    return {
        "seconds": dt,
        "cpu_seconds": dc,
        "rows": len(gdf),
        "crs": gdf.crs.to_string(),
    }


def _child(mode: str, folder: str) -> None:
    out = (run_ours if mode == "ours" else run_naive)(Path(folder))
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def measure(mode: str, folder: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--dir", str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=None, help="reuse/keep data here")
    ap.add_argument("--child", choices=["ours", "naive"], default=None)
    args = ap.parse_args()
    if args.child:
        _child(args.child, str(args.dir))
        return
    tmp = None
    folder = args.dir
    if folder is None:
        tmp = tempfile.TemporaryDirectory(prefix="load-bench-")
        folder = Path(tmp.name)
    if not list(folder.rglob("*-street.csv")):
        t = time.perf_counter()
        generate(folder, args.rows)
        print(f"generated {args.rows:,} rows in {time.perf_counter() - t:.1f} s")
    size = sum(f.stat().st_size for f in folder.rglob("*-street.csv"))
    ours, naive = [], []
    for _ in range(args.runs):
        ours.append(measure("ours", folder))
        naive.append(measure("naive", folder))

    def med(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    o, b = med(ours, "seconds"), med(naive, "seconds")
    oc, bc = med(ours, "cpu_seconds"), med(naive, "cpu_seconds")
    o_rss, b_rss = med(ours, "peak_rss_mb"), med(naive, "peak_rss_mb")
    last = ours[-1]
    try:
        load = f" (load average {__import__('os').getloadavg()[0]:.1f} at the end)"
    except OSError:
        load = ""
    print(
        f"load: {args.rows:,} rows, 12 monthly files, {size / 1e6:.0f} MB "
        f"(median of {args.runs} runs, each in its own process){load}"
    )
    print(
        f"  ours  (validated BNG layer): {o:6.2f} s wall  {oc:6.2f} s CPU  "
        f"peak RSS {o_rss:5.0f} MB  [{last['rows_loaded']:,} loaded, "
        f"{last['rows_rejected']:,} rejected, parser {'/'.join(last['parsers'])}]"
    )
    print(
        f"  naive (read_csv+to_crs)    : {b:6.2f} s wall  {bc:6.2f} s CPU  "
        f"peak RSS {b_rss:5.0f} MB"
    )
    print(f"  ratio naive/ours: {b / o:.2f}x wall, {bc / oc:.2f}x CPU")
    bo = min(r["seconds"] for r in ours)
    bb = min(r["seconds"] for r in naive)
    print(f"  best runs: ours {bo:.2f} s, naive {bb:.2f} s, ratio {bb / bo:.2f}x")
    print("  runs ours : " + ", ".join(f"{r['seconds']:.2f}" for r in ours))
    print("  runs naive: " + ", ".join(f"{r['seconds']:.2f}" for r in naive))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
