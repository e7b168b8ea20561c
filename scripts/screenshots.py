"""Screenshots of the window for the user guide, taken from the code.

Opens the demo force area at the window's default size (offscreen, or under
``xvfb-run``), grabs the main window, then opens each analysis panel, runs it
with its default settings, and grabs the window again with the panel in front.
Last, it exports the briefing PDF of that project and renders every page with
pdftoppm. The PNGs go to ``docs/`` (``docs/screenshot-*.png``), which the user
guide shows.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR] [--only NAME]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

#: (file stem, panel title, how to set it up before Run)
PANELS = [
    ("kde", "Kernel density (KDE)"),
    ("hotspots", "Hot spots (Gi*)"),
    ("emerging", "Emerging hot spots"),
    ("nearrepeat", "Near repeat (Knox)"),
    ("scan", "Horizon scan"),
    ("patrol", "Plan patrols"),
    ("evaluate", "Evaluate (WDD / WDQ)"),
]


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(test, timeout_ms: int = 180_000) -> bool:
    waited = 0
    while not test():
        if waited >= timeout_ms:
            return False
        wait(100)
        waited += 100
    return True


def grab(window, out: Path, stem: str) -> Path:
    wait(600)
    wait_until(lambda: not window.jobs.is_busy(), 120_000)  # choropleth counts
    if window.canvas is not None:
        wait_until(lambda: not window.canvas.redraw_pending(), 10_000)
    wait(800)
    path = out / f"screenshot-{stem}.png"
    window.grab().save(str(path))
    sys.stdout.write(f"{path}\n")
    return path


def _prepare(stem: str, panel, window) -> None:
    """Choose inputs a user would for the demo: the street crime, and for near
    repeats the burglary extract (exact times and places).
    """
    from layers.kinds import LayerKind

    project = window.project
    crime = max(project.layers_of(LayerKind.CRIME), key=len)
    burglary = next(
        (lyr for lyr in project.layers if lyr.name.startswith("Burglary")), crime
    )
    want = burglary if stem == "nearrepeat" else crime
    # an analyst hides the last panel's result before reading the next one
    for lyr in project.layers_of(LayerKind.RESULT):
        project.set_visible(lyr.id, False)
    for combo in (
        getattr(getattr(panel, "inputs", None), "layer_combo", None),
        getattr(panel, "layer_combo", None),
    ):
        if combo is not None and combo.findData(want.id) >= 0:
            combo.setCurrentIndex(combo.findData(want.id))
    if window.canvas is not None:
        window.canvas.show_outline(None)
    window.zoom_full()


def _zoom_to_patterns(window, half_m: float = 1500.0) -> None:
    """Zoom on the busiest emerging-pattern cell, close enough to see the hatching."""
    layer = window.project.layers[-1]
    if "pattern" not in layer.frame:
        return
    found = layer.frame[layer.frame["pattern"].astype(str) != "no_pattern"]
    if not len(found):
        return
    c = found.geometry.iloc[0].centroid
    window.project.request_zoom(
        (c.x - half_m, c.y - half_m * 0.8, c.x + half_m, c.y + half_m * 0.8)
    )


def shoot_panel(window, out: Path, stem: str, title: str) -> None:
    panel = window.open_panel(title)
    if panel is None:
        sys.stderr.write(f"{title}: not available\n")
        return
    _prepare(stem, panel, window)
    button = getattr(getattr(panel, "run_bar", None), "run_button", None)
    if button is not None and button.isEnabled() and stem != "evaluate":
        panel.run()
        wait(200)
        if not wait_until(lambda: not window.jobs.is_busy(), 300_000):
            sys.stderr.write(f"{title}: no result in time\n")
            window.jobs.cancel_all()
    if stem == "emerging":
        _zoom_to_patterns(window)
    if stem == "scan" and getattr(panel, "model", None) and panel.model.rowCount():
        panel.view.selectRow(0)
        panel.show_item(0)
    grab(window, out, stem)


def shoot_briefing(project, out: Path, dpi: int = 60) -> list[Path]:
    """Every page of the briefing PDF of the window's project, as PNGs (pdftoppm)."""
    import subprocess
    import tempfile

    from workstation.export.sheet import export_pdf

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "briefing.pdf"
        export_pdf(project, pdf, audit=False)
        for old in out.glob("screenshot-briefing-page-*.png"):
            old.unlink()
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                str(pdf),
                str(out / "screenshot-briefing-page"),
            ],
            check=True,
        )
    pages = sorted(out.glob("screenshot-briefing-page-*.png"))
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default="docs")
    ap.add_argument("--only", action="append", help="panel file stems to take")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from workstation.demo import load_demo_project
    from workstation.qt import settings as ws_settings
    from workstation.qt.app import style_application
    from workstation.qt.main_window import MainWindow, warm_caches

    app = QApplication.instance() or QApplication(["workstation"])
    app.setApplicationName("Analyst Workstation")
    style_application(app)
    ws_settings.use_settings_dir(out / ".screenshot-settings")  # default layout
    window = MainWindow()
    window.ask_unsaved = lambda: "discard"
    window.show()
    project = load_demo_project(seed=7)
    warm_caches(project.layers)
    window.load_into_window(project)
    window.timeline.apply_preset("12m")
    window.message_bar.info(
        "Demo: a synthetic force area (made-up crime, calls, assets and "
        "boundaries). Drag on the timeline to choose a period."
    )
    grab(window, out, "demo")
    for stem, title in PANELS:
        if args.only and stem not in args.only:
            continue
        shoot_panel(window, out, stem, title)
    if not args.only:
        shoot_briefing(window.project, out)
    window.project.mark_dirty(False)
    window.jobs.shutdown()
    window.close()
    import shutil

    shutil.rmtree(out / ".screenshot-settings", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
