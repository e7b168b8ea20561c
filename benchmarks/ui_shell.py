"""GUI-thread work of the window's own views with 1M points loaded (issue 4 item 11).

Measures, with a 1,000,000-row calls layer (times to the second) and a
1,000,000-row month-precision crime layer in one project:

- a time-window change, from ``project.filter.set_window`` to every shell view
  (timeline brush, hour-of-week grid, attribute table) updated; the map's half is
  ``benchmarks/brush.py``;
- a category change (the timeline recounts: searchsorted + bincount);
- the hour-of-week grid recount;
- the attribute table: following the filter, one screen of cells, re-sorting by a
  column already sorted once (the first argsort runs in a job);
- optionally the whole window (map included) for a window change.

Each line prints our median, a baseline measured in the same run (the pandas way of
doing the same thing) and the ratio. Run: ``python benchmarks/ui_shell.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd
import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from layers.filtering import TimeWindow
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project

TZ = "Europe/London"


def make_layers(n: int, seed: int = 3) -> tuple[Layer, Layer]:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2023-01-01", tz=TZ)
    secs = np.sort(rng.integers(0, 3 * 365 * 86400, n))
    calls = gpd.GeoDataFrame(
        {
            "occurred_at": start + pd.to_timedelta(secs, unit="s"),
            "category": pd.Categorical(
                np.array(["Domestic", "ASB", "Concern", "RTC", "Theft", "Alarm"])[
                    rng.integers(0, 6, n)
                ]
            ),
            "grade": rng.integers(1, 5, n),
            "response_s": rng.gamma(2, 300, n).round(),
            "call_id": pd.array(
                np.char.add("CAD", np.arange(n).astype(str)), dtype="str"
            ),
        },
        geometry=gpd.points_from_xy(
            400000 + rng.normal(0, 4000, n), 285000 + rng.normal(0, 4000, n)
        ),
        crs="EPSG:27700",
    )
    months = pd.date_range("2023-01-01", periods=36, freq="MS", tz=TZ)
    crime = gpd.GeoDataFrame(
        {
            "occurred_at": months[np.sort(rng.integers(0, 36, n))],
            "category": pd.Categorical(
                np.array(["Burglary", "Robbery", "Drugs", "Shoplifting", "Violence"])[
                    rng.integers(0, 5, n)
                ]
            ),
        },
        geometry=gpd.points_from_xy(
            400000 + rng.normal(0, 4000, n), 285000 + rng.normal(0, 4000, n)
        ),
        crs="EPSG:27700",
    )
    a = Layer("Calls", LayerKind.DEMAND, calls, time_precision="second")
    b = Layer("Crime", LayerKind.CRIME, crime, time_precision="month")
    return a, b


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def row(what: str, ours: float, base: float, base_what: str) -> None:
    print(
        f"| {what} | {ours:,.1f} ms | {base:,.1f} ms ({base_what}) | {base / ours:,.1f}x |",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--window", action="store_true", help="also time the full window")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    from workstation.qt.main_window import warm_caches
    from workstation.qt.panels.hour_of_week import HourOfWeekPanel, hour_of_week_counts
    from workstation.qt.panels.table import TablePanel
    from workstation.qt.timeline import TimelineWidget, timeline_counts

    t = time.perf_counter()
    calls, crime = make_layers(args.rows)
    warm_caches([calls, crime])
    print(
        f"built 2 x {args.rows:,} rows in {time.perf_counter() - t:.1f} s (not timed below)"
    )
    p = Project()
    p.add_layer(crime)
    p.add_layer(calls)
    tl = TimelineWidget(p)
    how = HourOfWeekPanel(p)
    table = TablePanel(p)
    table.set_layer(calls.id)
    for w in (tl, how, table):
        w.resize(1200, 400)
        w.show()
    app.processEvents()
    print(f"\n{args.rows:,} calls + {args.rows:,} crimes, median of {args.runs}\n")
    print("| what | ours | baseline | ratio |\n|---|---|---|---|")

    # 1. window change -> all shell views
    months = pd.date_range("2023-03-01", periods=args.runs * 2 + 2, freq="MS", tz=TZ)
    it = iter(range(len(months) - 3))

    def window_change():
        i = next(it)
        p.filter.set_window(TimeWindow(months[i], months[i + 3]))
        app.processEvents()

    ours = median_ms(window_change, args.runs)
    f = calls.frame

    def base_window():
        w = p.filter.state.window
        t = f["occurred_at"]
        sub = f[(t >= w.start) & (t < w.end)]
        sub.groupby(
            [sub["occurred_at"].dt.day_of_week, sub["occurred_at"].dt.hour]
        ).size()

    base = median_ms(base_window, max(3, args.runs // 2))
    row(
        "window change -> timeline brush, hour-of-week grid, table rows",
        ours,
        base,
        "pandas mask + hour-of-week groupby",
    )

    # 2. category change -> timeline recount (+ others)
    cats = [{"Domestic", "ASB"}, {"RTC", "Theft", "Alarm"}, None]
    ci = iter(range(100))

    def cat_change():
        p.filter.set_categories(cats[next(ci) % 3])
        app.processEvents()

    ours = median_ms(cat_change, args.runs)
    tl.layer_combo.setCurrentIndex(tl.layer_combo.findData(calls.id))
    ours_tl = median_ms(
        lambda: timeline_counts([calls], p.filter.state, "week", TZ), args.runs
    )

    def base_tl():
        local = f["occurred_at"].dt.tz_convert(TZ).dt.tz_localize(None)
        pd.crosstab(local.dt.to_period("W").dt.start_time, f["category"])

    base = median_ms(base_tl, max(3, args.runs // 2))
    row(
        "category change -> every shell view recounts",
        ours,
        base,
        "pandas crosstab of weeks x categories",
    )
    row(
        "timeline recount (weeks x categories)",
        ours_tl,
        base,
        "pandas crosstab of weeks x categories",
    )

    # 3. hour-of-week recount
    ours = median_ms(lambda: hour_of_week_counts(calls, p.filter.state), args.runs)

    def base_how():
        t = f["occurred_at"]
        t.groupby([t.dt.day_of_week, t.dt.hour]).size()

    base = median_ms(base_how, max(3, args.runs // 2))
    row("hour-of-week recount", ours, base, "pandas groupby day_of_week, hour")

    # 4. table
    p.filter.set_window(None)
    p.filter.set_categories(None)
    m = table.model
    col = m.columns.index("response_s")
    m.sort(
        col, Qt.SortOrder.AscendingOrder
    )  # first sort: the argsort (a job in the GUI)
    first_sort = median_ms(
        lambda: m.set_order(
            "response_s", np.argsort(f["response_s"].to_numpy(), kind="stable")
        ),
        3,
    )
    wins = [TimeWindow(months[i], months[i + 2]) for i in range(args.runs + 1)]
    wi = iter(range(100))

    def follow():
        table.model.set_positions(
            p.filter.slice_for(
                calls, p.filter.state.__class__(window=wins[next(wi) % len(wins)])
            )
        )

    ours = median_ms(follow, args.runs)

    def base_follow():
        pos = p.filter.slice_for(calls, p.filter.state.__class__(window=wins[1]))
        order = np.argsort(f["response_s"].to_numpy()[pos], kind="stable")
        pos[order]

    base = median_ms(base_follow, args.runs)
    row(
        "table follows a new window, sorted by a column",
        ours,
        base,
        "argsort of the filtered rows",
    )

    def page():
        top = int(np.random.default_rng().integers(0, max(m.rowCount() - 50, 1)))
        for r in range(top, top + 40):
            for c in range(m.columnCount()):
                m.data(m.index(r, c))

    ours = median_ms(page, args.runs)
    base = median_ms(lambda: f.iloc[1000:1040].astype(str), args.runs)
    row(
        "table: one screen of cells (40 rows, all columns)",
        ours,
        base,
        "pandas iloc + astype(str) of 40 rows",
    )
    rng = np.random.default_rng(5)
    picks = [rng.choice(len(calls), 200_000, replace=False) for _ in range(args.runs)]
    pi = iter(range(100))

    def map_select():
        p.selection.set(calls.id, picks[next(pi) % len(picks)])
        app.processEvents()

    ours = median_ms(map_select, args.runs)
    base = median_ms(lambda: np.unique(picks[0]), args.runs)
    row(
        "map selection of 200,000 scattered rows -> table shading",
        ours,
        base,
        "np.unique of the rows alone",
    )

    def select_all():
        p.selection.clear()
        table.view.selectAll()
        app.processEvents()

    ours = median_ms(select_all, 3)
    base = median_ms(lambda: np.unique(table.model.positions), 3)
    row(
        "table Select All (1M rows) -> project selection",
        ours,
        base,
        "np.unique of the rows alone",
    )
    print(
        f"\nfirst sort of {args.rows:,} rows (np.argsort, runs in a job): {first_sort:,.0f} ms"
    )

    if args.window:
        from workstation.qt.main_window import MainWindow

        win = MainWindow(p)
        win.ask_unsaved = lambda: "discard"
        win.show()
        app.processEvents()
        if win.canvas is not None:
            while win.canvas.redraw_pending():
                app.processEvents()
        it2 = iter(range(len(months) - 3))

        def full():
            i = next(it2)
            p.filter.set_window(TimeWindow(months[i], months[i + 3]))
            app.processEvents()
            if win.canvas is not None:
                while win.canvas.redraw_pending():
                    app.processEvents()
                win.canvas.grab()

        ours = median_ms(full, args.runs)
        print(
            f"\nwhole window (map + shell views, frame grabbed) per window change: {ours:,.0f} ms"
        )
        win.jobs.shutdown()


if __name__ == "__main__":
    main()
