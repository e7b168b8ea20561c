"""Insert-to-layer latency of the live PostgreSQL feed, against a full re-read.

A throw-away PostgreSQL (PostGIS) gets ``--rows`` calls (1,000,000 by default);
the live layer is loaded with them. Then a writer inserts ``--rate`` calls a minute
(10,000 by default) in small transactions for ``--seconds``, noting each commit's
time. Ours: LISTEN/NOTIFY -> read rows after the cursor -> calls-reader validation ->
append to the layer's arrays and R-tree (what the map draws); a row's latency is
the time from its commit to that append. Baseline (QGIS's approach to a PostGIS
layer, refreshed as often as it can be): re-read the whole table and rebuild the
points, back to back; a row's latency is the time from its commit to the end of the
first full re-read that started after it. The two run one after the other on the
same table, so they do not compete for the two cores.

Run: ``python benchmarks/live.py [--rows 1000000] [--rate 10000] [--seconds 30]``
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import psycopg  # noqa: E402

from layers.live import Feed, LiveLayer  # noqa: E402
from layers.live.postgres import PostgresSource, install_trigger  # noqa: E402
from tests.live.pgserver import start_server  # noqa: E402

T0 = np.datetime64("2024-01-01T00:00:00", "s")
TYPES = ["Violence", "Theft", "ASB - Nuisance", "Concern for Safety", "Alarm"]


def load(conninfo: str, n: int) -> None:
    rng = np.random.default_rng(1)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.execute(
            "CREATE TABLE calls (id bigserial PRIMARY KEY, call_id text, "
            "occurred_at timestamptz, call_type text, priority text, "
            "geom geometry(Point, 27700))"
        )
        secs = np.sort(rng.integers(0, 365 * 86400, n))
        x = rng.uniform(520_000, 540_000, n).round(1)
        y = rng.uniform(170_000, 190_000, n).round(1)
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY calls (call_id, occurred_at, call_type, priority, geom) FROM STDIN"
            ) as copy,
        ):
            for i in range(n):
                t = str(T0 + secs[i]).replace("T", " ") + "+00"
                copy.write_row(
                    (
                        f"H{i:07d}",
                        t,
                        TYPES[i % 5],
                        f"P{1 + i % 4}",
                        f"SRID=27700;POINT({x[i]} {y[i]})",
                    )
                )
        conn.execute("ANALYZE calls")
    install_trigger(conninfo, "calls")


class Writer(threading.Thread):
    """Inserts ``rate`` calls a minute in transactions every 0.1 s; notes commits."""

    def __init__(
        self,
        conninfo: str,
        rate: float,
        seconds: float,
        tag: str,
        box: tuple[float, float, float, float] = (525_000, 535_000, 525_000, 535_000),
    ) -> None:
        super().__init__(daemon=True)
        self.conninfo, self.rate, self.seconds, self.tag = conninfo, rate, seconds, tag
        self.box = box
        self.commits: dict[str, float] = {}

    def run(self) -> None:
        per_tick = self.rate / 60 * 0.1
        owed, k = 0.0, 0
        rng = np.random.default_rng(7)
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            start = time.perf_counter()
            tick = start
            while tick - start < self.seconds:
                owed += per_tick
                m = int(owed)
                owed -= m
                ids = [f"{self.tag}{k + j:07d}" for j in range(m)]
                k += m
                if m:
                    with conn.transaction(), conn.cursor() as cur:
                        cur.executemany(
                            "INSERT INTO calls (call_id, occurred_at, call_type, "
                            "priority, geom) VALUES (%s, now(), 'Violence', 'P2', "
                            "ST_SetSRID(ST_MakePoint(%s, %s), 27700))",
                            [
                                (
                                    i,
                                    rng.uniform(self.box[0], self.box[1]),
                                    rng.uniform(self.box[2], self.box[3]),
                                )
                                for i in ids
                            ],
                        )
                    done = time.perf_counter()
                    for i in ids:
                        self.commits[i] = done
                tick += 0.1
                time.sleep(max(0.0, tick - time.perf_counter()))


def ours(
    conninfo: str, args: argparse.Namespace
) -> tuple[np.ndarray, dict[str, float]]:
    src = PostgresSource(conninfo, "calls", poll_s=5.0, batch_rows=250_000)
    layer = LiveLayer("live")
    t = time.perf_counter()
    for b in src.poll():
        layer.append(b)
    info = {"initial_load_s": time.perf_counter() - t, "rows": len(layer)}
    t = time.perf_counter()
    layer.layer()
    info["make_layer_s"] = time.perf_counter() - t
    seen: dict[str, float] = {}
    feed = Feed(src, layer)
    feed.batch_added.connect(
        lambda ev: seen.update(
            dict.fromkeys(ev.batch.frame["call_id"].tolist(), time.perf_counter())
        )
    )
    feed.start()
    time.sleep(1.0)
    w = Writer(conninfo, args.rate, args.seconds, "L")
    w.start()
    w.join()
    time.sleep(2.0)
    feed.stop()
    lat = np.array([seen[i] - c for i, c in w.commits.items() if i in seen])
    info["missing"] = len(w.commits) - len(lat)
    info["sent"] = len(w.commits)
    return lat, info


def baseline(
    conninfo: str, args: argparse.Namespace
) -> tuple[np.ndarray, dict[str, float]]:
    w = Writer(conninfo, args.rate, args.seconds, "Q")
    seen: dict[str, float] = {}
    reads = []
    with psycopg.connect(conninfo, autocommit=True) as conn:
        w.start()
        while w.is_alive() or len(seen) < len(w.commits):
            began = time.perf_counter()
            rows = conn.execute(
                "SELECT id, call_id, occurred_at, call_type, priority, "
                "ST_X(geom), ST_Y(geom) FROM calls"
            ).fetchall()
            ids = [r[1] for r in rows]
            xs = np.fromiter((r[5] for r in rows), float, len(rows))
            ys = np.fromiter((r[6] for r in rows), float, len(rows))
            gpd.GeoDataFrame({"call_id": ids}, geometry=gpd.points_from_xy(xs, ys))
            done = time.perf_counter()
            reads.append(done - began)
            for i, c in list(w.commits.items()):
                if i not in seen and c < began:
                    seen[i] = done
    lat = np.array([seen[i] - c for i, c in w.commits.items() if i in seen])
    return lat, {"refresh_s_median": float(np.median(reads)), "refreshes": len(reads)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--rate", type=float, default=10_000, help="calls a minute")
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    server = start_server()
    try:
        info = server.conninfo()
        with psycopg.connect(info, autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        db = server.conninfo("bench")
        t = time.perf_counter()
        load(db, args.rows)
        print(
            f"loaded {args.rows:,} calls into PostgreSQL in {time.perf_counter() - t:.1f} s"
        )
        lat_o, io = ours(db, args)
        lat_b, ib = baseline(db, args)
    finally:
        server.stop()
    mo, po = np.median(lat_o) * 1000, np.percentile(lat_o, 95) * 1000
    mb, pb = np.median(lat_b) * 1000, np.percentile(lat_b, 95) * 1000
    print(
        f"what: insert-to-layer latency at {args.rate:,.0f} calls/min, "
        f"{args.rows:,} calls already loaded, {args.seconds:.0f} s each"
    )
    print(
        f"ours (NOTIFY + cursor + validation + append): median {mo:.0f} ms, "
        f"p95 {po:.0f} ms over {len(lat_o):,} calls ({io['missing']} missing of "
        f"{io['sent']:,}); initial load {io['initial_load_s']:.1f} s, "
        f"layer made in {io['make_layer_s']:.2f} s"
    )
    print(
        f"baseline (full re-read each refresh, back to back): median {mb:.0f} ms, "
        f"p95 {pb:.0f} ms over {len(lat_b):,} calls; one re-read "
        f"{ib['refresh_s_median']:.2f} s ({ib['refreshes']} refreshes)"
    )
    print(f"ratio (baseline / ours): median {mb / mo:.1f}x, p95 {pb / po:.1f}x")


if __name__ == "__main__":
    main()
