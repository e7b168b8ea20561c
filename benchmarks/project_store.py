"""Project save/open with the integrity checks, against the raw GeoPackage I/O floor.

Ours: ``save_project`` (leftover clean-up, save lock, content and side hashes, keyed
audit seals and manifest MAC, fsync) and ``load_project`` (manifest schema, table
type and ``count(*)`` checks, dtype restore, chain / head / MAC / layer hash checks).
Baseline: ``pyogrio.write_dataframe`` / ``read_dataframe`` of the same layer alone
(no manifest, no dtypes, no checks). Also printed: ``frame_hash`` of the layer alone.

Usage: python benchmarks/project_store.py [--rows 300000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault(
    "WORKSTATION_AUDIT_KEY", str(Path(tempfile.mkdtemp()) / "audit.key")
)


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    import pyogrio

    from layers import Project
    from layers.project import frame_hash
    from layers.store import load_project, save_project
    from tests.layers.test_store import crime_layer

    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=300_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    p = Project()
    layer = p.add_layer(crime_layer(n=args.rows, seed=5))
    p.record("import", {"files": ["bench"]}, inputs=[layer])
    folder = Path(tempfile.mkdtemp())
    ours_path, raw_path = folder / "p.gpkg", folder / "raw.gpkg"
    raw = layer.frame.astype({"category": "object", "maybe_int": "float64"})
    rows: dict[str, list[float]] = {
        k: [] for k in ("save", "rsave", "open", "ropen", "hash")
    }
    for _ in range(args.runs):
        rows["save"].append(timed(lambda: save_project(p, ours_path)))
        raw_path.unlink(missing_ok=True)
        rows["rsave"].append(
            timed(lambda: pyogrio.write_dataframe(raw, raw_path, layer="layer_1"))
        )
        t = time.perf_counter()
        q = load_project(ours_path)
        rows["open"].append(time.perf_counter() - t)
        assert q.audit_intact
        rows["ropen"].append(
            timed(lambda: pyogrio.read_dataframe(raw_path, datetime_as_string=True))
        )
        rows["hash"].append(timed(lambda: frame_hash(layer)))
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(f"project store, {args.rows:,} rows (8 columns), medians of {args.runs}")
    for what, ours, base in (("save", "save", "rsave"), ("open", "open", "ropen")):
        print(
            f"{what}: ours {med[ours]:.2f} s, raw pyogrio {med[base]:.2f} s, "
            f"ratio {med[ours] / med[base]:.2f}x"
        )
    print(f"frame_hash alone: {med['hash']:.2f} s")


if __name__ == "__main__":
    main()
