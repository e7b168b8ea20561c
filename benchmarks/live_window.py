"""The live feed in the real window: GUI-thread stalls and commit-to-map latency.

A throw-away PostgreSQL (PostGIS) table gets ``--rate`` calls a minute (10,000 by
default) from a writer committing every 0.1 s, for ``--minutes`` (3 by default). The
real main window (offscreen or under xvfb-run) holds ``--history`` calls of the last
12 weeks (the alerts' baseline) and follows the table through Analysis > Live demand
(LISTEN/NOTIFY, new calls only, following "now", alerts on).

Measured on the GUI thread:
- *stalls*: a 10 ms precise timer notes how late each tick comes; a tick's gap is the
  longest the event loop was busy in that time (every slot, paint and layout);
- *turns*: the live controller's own GUI turn (append or swap, follow, alerts);
- *latency*: from a call's commit to the first paint of the map that holds it.

Ours (rows appended: every view adds the new rows) and the rebuild path (the layer
replaced on every turn: every view rebuilds, as before) run one after the other in
the same process on the same table, each for ``--minutes``.

Run: ``python benchmarks/live_window.py [--minutes 3] [--rate 10000] [--history N]``
(``QT_QPA_PLATFORM=offscreen`` is set unless a display is given, e.g. by xvfb-run).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
import psycopg  # noqa: E402
from live import Writer  # noqa: E402
from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from layers.kinds import LayerKind  # noqa: E402
from layers.layer import Layer  # noqa: E402
from layers.live import Validator  # noqa: E402
from layers.live.postgres import PostgresSource, install_trigger  # noqa: E402
from layers.project import Project  # noqa: E402
from tests.live.pgserver import start_server  # noqa: E402

BOX = (525_000.0, 535_000.0, 175_000.0, 185_000.0)
TYPES = ["Violence", "Theft", "ASB - Nuisance", "Concern for Safety", "Alarm"]
TICK_MS = 10


def history(n: int, seed: int = 3) -> gpd.GeoDataFrame:
    """``n`` calls spread over the 12 weeks before now, in :data:`BOX`."""
    rng = np.random.default_rng(seed)
    now = pd.Timestamp.now(tz="UTC").floor("s")
    secs = np.sort(rng.integers(60, 12 * 7 * 86400, n))[::-1]
    return gpd.GeoDataFrame(
        {
            "occurred_at": (now - pd.to_timedelta(secs, "s")).tz_convert(
                "Europe/London"
            ),
            "category": pd.Series(rng.choice(TYPES, n), dtype="str"),
            "call_id": pd.Series([f"H{i:07d}" for i in range(n)], dtype="str"),
            "grade": pd.array(rng.integers(1, 5, n), dtype="Int64"),
        },
        geometry=gpd.points_from_xy(
            rng.uniform(BOX[0], BOX[1], n), rng.uniform(BOX[2], BOX[3], n)
        ),
        crs="EPSG:27700",
    )


def make_table(conninfo: str) -> None:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.execute(
            "CREATE TABLE calls (id bigserial PRIMARY KEY, call_id text, "
            "occurred_at timestamptz, call_type text, priority text, "
            "geom geometry(Point, 27700))"
        )
    install_trigger(conninfo, "calls")


class Probe:
    """Event-loop stalls (a precise timer's lateness) and map paints of the window."""

    def __init__(self, window: Any, panel: Any) -> None:
        self.window, self.panel = window, panel
        self.gaps: list[float] = []
        #: the GUI thread's own CPU time in each gap (the rest it waited: for the
        #: GIL, the CPU or a garbage collection in another thread)
        self.cpu: list[float] = []
        self.paints: list[tuple[float, int]] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        window.canvas.graphics_view.painted.connect(self._painted)

    def start(self) -> None:
        self.gaps.clear()
        self.cpu.clear()
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.timer.start()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append((now - self._last) * 1000)
        self.cpu.append((cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def _painted(self) -> None:
        c = self.panel.controller
        lid = c._layer_id if c is not None else None
        item = self.window.canvas.item(lid) if lid else None
        self.paints.append((time.perf_counter(), len(item._x) if item else 0))


def run_window(db: str, hist: gpd.GeoDataFrame, args: Any, incremental: bool) -> dict:
    """One run of the window following the table; the figures of :func:`summary`."""
    from workstation.qt import settings as ws_settings
    from workstation.qt.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    ws_settings.use_settings_dir(tempfile.mkdtemp(prefix="livebench-"))
    project = Project()
    project.add_layer(
        Layer("History", LayerKind.DEMAND, hist.copy(), time_precision="second")
    )
    window = MainWindow(project)
    window.ask_unsaved = lambda: "discard"
    window.resize(1500, 950)
    window.show()
    panel = window.open_panel("Live demand")
    panel.incremental = incremental
    src = PostgresSource(
        db, "calls", poll_s=2.0, validator=Validator(), start_after="latest"
    )
    probe = Probe(window, panel)
    panel.start(source=src)
    _spin(app, lambda: src._conn is not None, 20)
    tag = "A" if incremental else "R"
    writer = Writer(db, args.rate, args.minutes * 60, tag, box=BOX)
    probe.start()
    writer.start()
    _spin(app, lambda: not writer.is_alive(), args.minutes * 60 + 60)
    _spin(app, lambda: False, 3)  # the last rows reach the map
    probe.timer.stop()
    c = panel.controller
    out = summary(probe, writer, c)
    if args.screenshot:
        window.grab().save(str(args.screenshot).replace(".png", f"-{tag}.png"))
    panel.stop()
    window.jobs.shutdown()
    window.close()
    window.deleteLater()
    app.processEvents()
    return out


def _spin(app: QApplication, done: Any, seconds: float) -> None:
    """Run the event loop until ``done()`` or ``seconds`` pass."""
    loop = QEventLoop()
    end = time.perf_counter() + seconds

    def check() -> None:
        if done() or time.perf_counter() > end:
            loop.quit()

    t = QTimer()
    t.timeout.connect(check)
    t.start(100)
    loop.exec()
    t.stop()


def summary(probe: Probe, writer: Writer, controller: Any) -> dict:
    """Stalls, turns and commit-to-paint latency of one run."""
    gaps = np.array(probe.gaps)
    cpu = np.array(probe.cpu)
    long = gaps > 100
    commits = np.array(list(writer.commits.values()))
    lat = np.full(len(commits), np.nan)
    if probe.paints:
        t = np.array([p[0] for p in probe.paints])
        n = np.maximum.accumulate(np.array([p[1] for p in probe.paints]))
        k = np.searchsorted(n, np.arange(1, len(commits) + 1), side="left")
        ok = k < len(t)
        lat[ok] = t[k[ok]] - commits[ok]
    ui = np.array(controller.ui_ms) if controller.ui_ms else np.zeros(1)
    return {
        "ticks": len(gaps),
        "gap_median": float(np.median(gaps)),
        "gap_p95": float(np.percentile(gaps, 95)),
        "gap_p99": float(np.percentile(gaps, 99)),
        "gap_max": float(gaps.max()),
        "over_100": int(long.sum()),
        "busy_over_100": int((cpu > 100).sum()),
        "long_cpu_median": float(np.median(cpu[long])) if long.any() else 0.0,
        "turn_median": float(np.median(ui)),
        "turn_p95": float(np.percentile(ui, 95)),
        "turn_max": float(ui.max()),
        "turns": dict(controller.turns),
        "sent": len(commits),
        "on_map": int(np.isfinite(lat).sum()),
        "lat_median": float(np.nanmedian(lat)) if np.isfinite(lat).any() else np.nan,
        "lat_p95": float(np.nanpercentile(lat, 95))
        if np.isfinite(lat).any()
        else np.nan,
        "paints": len(probe.paints),
    }


def show(name: str, r: dict) -> None:
    print(
        f"{name}: GUI stalls (gap between {TICK_MS} ms ticks, {r['ticks']:,} ticks) "
        f"median {r['gap_median']:.0f} ms, p95 {r['gap_p95']:.0f} ms, p99 "
        f"{r['gap_p99']:.0f} ms, max {r['gap_max']:.0f} ms, {r['over_100']} over "
        f"100 ms (the GUI thread's own CPU in those: median "
        f"{r['long_cpu_median']:.0f} ms; {r['busy_over_100']} gaps with over 100 ms "
        f"of it); controller turns median {r['turn_median']:.0f} ms, p95 "
        f"{r['turn_p95']:.0f} ms, max {r['turn_max']:.0f} ms {r['turns']}; "
        f"commit-to-map median {r['lat_median'] * 1000:.0f} ms, p95 "
        f"{r['lat_p95'] * 1000:.0f} ms ({r['on_map']:,} of {r['sent']:,} calls "
        f"painted, {r['paints']} paints)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--rate", type=float, default=10_000, help="calls a minute")
    ap.add_argument("--history", type=int, default=100_000)
    ap.add_argument("--only", choices=("ours", "rebuild"), default=None)
    ap.add_argument("--screenshot", type=Path, default=None, help="PNG of the window")
    args = ap.parse_args()
    hist = history(args.history)
    server = start_server()
    results = {}
    try:
        with psycopg.connect(server.conninfo(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        db = server.conninfo("bench")
        make_table(db)
        for name, inc in (("ours", True), ("rebuild", False)):
            if args.only in (None, name):
                results[name] = run_window(db, hist, args, inc)
    finally:
        server.stop()
    print(
        f"what: the live window at {args.rate:,.0f} calls/min for "
        f"{args.minutes:g} min per path, {args.history:,} calls of history, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for name, r in results.items():
        show(f"{name} ({'rows appended' if name == 'ours' else 'layer replaced'})", r)
    if len(results) == 2:
        o, b = results["ours"], results["rebuild"]
        print(
            f"ratio (rebuild / ours): stall p95 {b['gap_p95'] / o['gap_p95']:.1f}x, "
            f"max {b['gap_max'] / o['gap_max']:.1f}x; latency median "
            f"{b['lat_median'] / o['lat_median']:.1f}x"
        )


if __name__ == "__main__":
    main()
