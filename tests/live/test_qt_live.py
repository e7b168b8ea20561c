"""The live panel in a real Qt event loop: a watched folder grows the project's layer."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from shapely.geometry import Point

from layers.live.folder import FolderSource
from layers.project import Project
from tests.live.test_folder import HEADER, line
from workstation.qt.live import LIVE_BADGE, LivePanel


def _live_layer(project):
    for lyr in project.layers:
        if lyr.style.get("live"):
            return lyr
    return None


def _rows(project) -> int:
    lyr = _live_layer(project)
    return len(lyr) if lyr is not None else 0


def test_folder_feed_grows_the_project_layer_pauses_and_saves(qtbot, tmp_path):
    from layers.store import load_project, save_project

    project = Project()
    panel = LivePanel(project)
    qtbot.addWidget(panel)
    folder = tmp_path / "exports"
    folder.mkdir()
    src = FolderSource(folder, settle_s=0.05, eof_s=0.3, poll_s=0.2)
    panel.start(source=src)
    f = folder / "cad.csv"
    f.write_text(HEADER + "".join(line(i) for i in range(20)))
    t0 = time.perf_counter()
    qtbot.waitUntil(lambda: _rows(project) == 20, timeout=5000)
    assert time.perf_counter() - t0 < 1.0 + src.settle_s  # on the map within 1 s
    lyr = _live_layer(project)
    assert lyr.name.startswith(LIVE_BADGE) and lyr.kind.value == "demand"
    # the time window follows "now": it ends just after the last call
    window = project.filter.state.window
    assert window is not None and window.end > lyr.time_range()[1]
    assert "20 calls on the map" in panel.status.text()

    panel.toggle_pause()
    with f.open("a") as fh:
        fh.write("".join(line(i) for i in range(20, 30)))
    qtbot.wait(800)
    assert _rows(project) == 20  # paused: nothing new shown ...
    panel.toggle_pause()
    qtbot.waitUntil(lambda: _rows(project) == 30, timeout=5000)  # ... nor lost
    assert len(project.layers) == 1  # the layer was replaced, not added again
    ui_ms = panel.controller.max_ui_ms
    panel.stop()
    # the controller's own GUI-thread work (no views here: with the whole window the
    # views' rebuild on each swap adds to it, see benchmarks/README.md)
    assert ui_ms < 100, ui_ms

    out = tmp_path / "p.gpkg"
    save_project(project, out)
    again = load_project(out)
    assert [len(x) for x in again.layers] == [30]


def test_alerting_areas_are_drawn_as_a_layer_over_the_calls(qtbot, tmp_path):
    """With a history in the project, a surge raises an alert and outlines its area."""
    from layers.store import load_project
    from tests.live.test_cli import END, _history_csv
    from workstation.cli import main

    _history_csv(tmp_path / "calls.csv")
    assert (
        main(["import", str(tmp_path / "calls.csv"), "-o", str(tmp_path / "p.gpkg")])
        == 0
    )
    project = load_project(tmp_path / "p.gpkg")
    n_audit = len(project.audit)
    panel = LivePanel(project)
    qtbot.addWidget(panel)
    folder = tmp_path / "exports"
    folder.mkdir()
    panel.start(source=FolderSource(folder, settle_s=0.05, eof_s=0.3, poll_s=0.2))
    rows = [
        f"S{i:03d},{(END + dt.timedelta(minutes=2 * i)):%d/%m/%Y %H:%M:%S},"
        "Violence,P1,532500,180500\n"
        for i in range(15)
    ]
    (folder / "surge.csv").write_text(HEADER + "".join(rows))
    qtbot.waitUntil(
        lambda: any(lyr.style.get("alerts") for lyr in project.layers), timeout=10000
    )
    alerts = next(lyr for lyr in project.layers if lyr.style.get("alerts"))
    assert alerts.frame["area_code"].tolist() == ["E532000N180000"]
    assert alerts.frame.geometry.iloc[0].contains(Point(532500, 180500))
    assert "E532000N180000" in panel.alert_list.item(0).text()
    assert [e.action for e in project.audit[n_audit:]] == ["live demand alert"]
    panel.stop()


def test_live_calls_reach_the_map_in_the_window_within_a_second(qtbot, tmp_path):
    """Analysis > Live demand in the real main window: the map's point count follows."""
    from workstation.qt import settings as ws_settings
    from workstation.qt.main_window import MainWindow

    ws_settings.use_settings_dir(tmp_path / "settings")
    try:
        project = Project()
        window = MainWindow(project)
        window.ask_unsaved = lambda: "discard"
        qtbot.addWidget(window)
        window.show()
        if window.canvas is None:
            pytest.skip(f"map canvas not available: {window.canvas_missing}")
        panel = window.open_panel("Live demand")
        assert isinstance(panel, LivePanel)
        folder = tmp_path / "exports"
        folder.mkdir()
        src = FolderSource(folder, settle_s=0.05, eof_s=0.3, poll_s=0.2)
        panel.start(source=src)
        f = folder / "cad.csv"
        # the first lines span the extent the map zooms to; later ones fall inside it
        first = [0, 24, *range(1, 9)]
        f.write_text(HEADER + "".join(line(i) for i in first))

        def shown(n):
            lyr = _live_layer(project)
            return lyr is not None and window.canvas.visible_point_count(lyr.id) == n

        qtbot.waitUntil(lambda: shown(10), timeout=5000)
        with f.open("a") as fh:
            fh.write("".join(line(i) for i in range(9, 24)))
        t0 = time.perf_counter()
        qtbot.waitUntil(lambda: shown(25), timeout=5000)
        assert time.perf_counter() - t0 < 1.0 + src.settle_s
        # 9-23 are older than 24: the layer was replaced; newer calls are appended
        # to the layer and to its map item, nothing rebuilt
        turns = panel.controller.turns
        assert turns["appended"] == 0 and turns["replaced"] >= 2
        replaced = turns["replaced"]
        item = window.canvas.item(_live_layer(project).id)
        with f.open("a") as fh:
            fh.write(
                "".join(
                    f"INC1000{k},04/03/2025 11:0{k},Theft,P2,{530100 + k},180100\n"
                    for k in range(5)
                )
            )
        qtbot.waitUntil(lambda: shown(30), timeout=5000)
        assert turns["appended"] >= 1 and turns["replaced"] == replaced
        assert window.canvas.item(_live_layer(project).id) is item
        # a call older than the newest shown cannot be appended: the layer is replaced
        with f.open("a") as fh:
            fh.write("INC09999,04/03/2025 10:03:30,Theft,P2,530035,180035\n")
        qtbot.waitUntil(lambda: shown(31), timeout=5000)
        assert turns["replaced"] == replaced + 1
        lyr = _live_layer(project)
        # the layer panel shows the badge; the timeline's brush follows "now"
        entry = window.layer_panel._item_for(lyr.id)
        assert entry.text(0).startswith(LIVE_BADGE)
        _lo, hi = window.timeline.region.getRegion()
        w = project.filter.state.window
        assert hi == pytest.approx(w.end_ns / 1e9, abs=1.0)
        assert hi >= lyr.times_ns[-1] / 1e9
        assert "INC09999" in set(lyr.frame["call_id"])
        assert (lyr.times_ns[1:] >= lyr.times_ns[:-1]).all()
        panel.stop()
        window.jobs.shutdown()
    finally:
        ws_settings.use_settings_dir(None)


def test_panel_follows_a_postgres_table_new_rows_only(qtbot, pg_db):
    import psycopg

    from layers.live.postgres import install_trigger
    from tests.live.test_postgres import _insert, _make_table

    _make_table(pg_db)
    with psycopg.connect(pg_db, autocommit=True) as conn:
        _insert(conn, range(5))  # already there: skipped with "New calls only"
    install_trigger(pg_db, "calls")
    project = Project()
    panel = LivePanel(project)
    qtbot.addWidget(panel)
    panel.source_edit.setText(pg_db)
    panel.table_edit.setText("calls")
    panel.start()
    assert panel.controller is not None, panel.status.text()
    qtbot.waitUntil(lambda: panel.controller.source._conn is not None, timeout=5000)
    with psycopg.connect(pg_db, autocommit=True) as conn:
        _insert(conn, range(5, 12))
    qtbot.waitUntil(lambda: _rows(project) == 7, timeout=5000)
    ids = sorted(_live_layer(project).frame["call_id"])
    assert ids == [f"C{i:06d}" for i in range(5, 12)]
    panel.stop()


def test_panel_names_a_bad_source(qtbot, tmp_path):
    panel = LivePanel(Project())
    qtbot.addWidget(panel)
    panel.source_edit.setText("cad_service")
    panel.start()
    assert panel.controller is None
    assert "needs a table" in panel.status.text()


def test_demand_is_checked_at_most_every_check_s_and_the_last_rows_too(qtbot, tmp_path):
    """Batches in quick succession share a check; the last rows are checked later
    by a timer, with no batch after them."""
    from layers.kinds import LayerKind
    from layers.store import load_project
    from tests.live.test_cli import END, _history_csv
    from workstation.cli import main
    from workstation.qt.live import LiveController

    _history_csv(tmp_path / "calls.csv")
    out = tmp_path / "p.gpkg"
    assert main(["import", str(tmp_path / "calls.csv"), "-o", str(out)]) == 0
    project = load_project(out)
    baseline = project.layers_of(LayerKind.DEMAND)[0]
    folder = tmp_path / "exports"
    folder.mkdir()
    src = FolderSource(folder, settle_s=0.05, eof_s=0.3, poll_s=0.1)
    c = LiveController(project, src, baseline=baseline, check_s=1.5)
    c.start()

    def write(name, ids):
        rows = [
            f"S{i:03d},{(END + dt.timedelta(minutes=2 * i)):%d/%m/%Y %H:%M:%S},"
            "Violence,P1,532500,180500\n"
            for i in ids
        ]
        (folder / name).write_text(HEADER + "".join(rows))

    t0 = time.monotonic()
    write("a.csv", range(5))
    qtbot.waitUntil(lambda: c.checks == 1, timeout=5000)
    for k in range(3):  # three more batches, well inside one check interval
        write(f"b{k}.csv", range(5 + 5 * k, 10 + 5 * k))
        qtbot.waitUntil(lambda k=k: len(c.live) == 10 + 5 * k, timeout=5000)
    qtbot.waitUntil(lambda: c.watch._n == 20, timeout=5000)  # no batch after them
    assert c.checks <= 1 + (time.monotonic() - t0) / c.check_s
    last = END + dt.timedelta(minutes=38)  # the newest call's time

    def shown_last():
        r = c.last_result
        return r is not None and r.window_end > last

    qtbot.waitUntil(shown_last, timeout=3000)  # and the window was given it
    (alert,) = [a for a in c.last_result.alerts if a.area == "E532000N180000"]
    assert alert.observed >= 20  # the 20 calls (and any history in that hour)
    c.stop()
