"""Start the desktop application: ``workstation [PROJECT]`` and ``workstation --demo``.

Options that ride along in ``qt_args``: ``--screenshot PATH`` (or the
``WORKSTATION_SCREENSHOT`` environment variable) grabs the window to a PNG once the
project or demo has loaded, then quits (used for the documentation screenshot).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QProgressDialog

from layers.validation import DataError
from workstation.qt import i18n
from workstation.qt import settings as ws_settings
from workstation.qt.i18n import translate
from workstation.qt.main_window import MainWindow, warm_caches

log = logging.getLogger(__name__)
ERROR_LOG = "workstation-errors.log"
SCREENSHOT_DELAY_MS = 2500


def _pop_option(args: list[str], name: str) -> str | None:
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            value = args[i + 1]
            del args[i : i + 2]
            return value
        if a.startswith(name + "="):
            del args[i]
            return a.split("=", 1)[1]
    return None


def make_excepthook(window: MainWindow):
    """An excepthook that logs the traceback to a file and shows one line in the window."""

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = ws_settings.user_data_dir() / ERROR_LOG
        try:
            with path.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n")
                fh.write("".join(traceback.format_exception(exc_type, exc, tb)))
        except OSError:
            path = None
        if isinstance(exc, DataError):
            window.message_bar.error(exc.describe())
        else:
            window.report_exception(exc_type, exc, path)

    return hook


def style_application(app: QApplication) -> None:
    """A calm, light Fusion look (professional GIS rather than platform default)."""
    import pyqtgraph as pg

    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#f3f4f6"))
    pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f6f8fa"))
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#1f78b4"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.Button, QColor("#f7f7f8"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffe8"))
    app.setPalette(pal)
    font = QFont(app.font())
    font.setPointSizeF(9.5)
    app.setFont(font)
    app.setStyleSheet(
        "QDockWidget::title { background: #e4e7eb; padding: 4px; font-weight: bold; }"
        "QToolBar { spacing: 2px; border-bottom: 1px solid #d0d4da; }"
        "QStatusBar { border-top: 1px solid #d0d4da; }"
    )
    pg.setConfigOptions(background="w", foreground="#333")


def _full(window: MainWindow):
    """The window spanning all the timeline's bins (what "all time" looks like)."""
    from layers.filtering import TimeWindow
    from layers.layer import ns_to_timestamp

    c = window.timeline.counts
    if c is None:
        return None
    tz = window.project.metadata.timezone or "Europe/London"
    return TimeWindow(ns_to_timestamp(c.edges[0], tz), ns_to_timestamp(c.edges[-1], tz))


def load_demo(window: MainWindow, seed: int = 7) -> None:
    """Generate (or reuse) the synthetic force area in a job, with a progress dialog."""
    from workstation.demo import load_demo_project

    dlg = QProgressDialog(
        translate("App", "Building the demo force area..."),
        translate("App", "Cancel"),
        0,
        1000,
        window,
    )
    dlg.setWindowTitle(translate("App", "Analyst Workstation demo"))
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(0)
    dlg.setValue(0)
    window.demo_progress = dlg

    def progressed(key: str, fraction: float, message: str) -> None:
        if key == "demo":
            dlg.setValue(int(fraction * 1000))
            if message:
                dlg.setLabelText(message)

    def done(project) -> None:
        dlg.close()
        window.jobs.progressed.disconnect(progressed)
        window.load_into_window(project)
        if project.filter.state.window is None or project.filter.state.window == _full(
            window
        ):
            window.timeline.apply_preset("12m")  # show the brush at work
            project_now = window.project
            project_now.mark_dirty(False)
        window.message_bar.info(
            translate(
                "App",
                "Demo: a synthetic force area (made-up crime, calls, assets and boundaries). Drag the blue brush on the timeline to filter the map.",
            )
        )

    def failed(message: str) -> None:
        dlg.close()
        window.message_bar.error(
            translate("App", "The demo could not be built: {message}").format(
                message=message
            )
        )

    window.jobs.progressed.connect(progressed)
    dlg.canceled.connect(lambda: window.jobs.cancel("demo"))

    def build(progress=None):
        project = load_demo_project(seed=seed, progress=progress)
        warm_caches(project.layers)
        return project

    window.jobs.submit(
        "demo",
        build,
        on_done=done,
        on_error=failed,
        job_title=translate("App", "Building the demo"),
    )


def grab_window(window: MainWindow, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    window.grab().save(str(path))
    return path


def run_gui(
    project: str | None = None,
    demo: bool = False,
    seed: int = 7,
    qt_args: list[str] | None = None,
    language: str | None = None,
) -> int:
    """Open the window (on a project file, or the demo) and run the event loop.

    ``language`` (``workstation --language cy``) overrides the interface language
    stored in the preferences for this run.
    """
    args = list(qt_args or [])
    if (
        args
        and args[-1] == "--screenshot"
        and project
        and Path(project).suffix.lower() == ".png"
    ):
        # ``workstation --demo --screenshot out.png``: the command line's parser
        # took the file name for the project argument; give it back
        args.append(project)
        project = None
    screenshot = _pop_option(args, "--screenshot") or os.environ.get(
        "WORKSTATION_SCREENSHOT"
    )
    app = QApplication.instance() or QApplication(["workstation", *args])
    app.setApplicationName("Analyst Workstation")
    app.setOrganizationName(ws_settings.ORGANISATION)
    style_application(app)
    i18n.install_language(language or i18n.language_setting(), app)
    window = MainWindow()
    sys.excepthook = make_excepthook(window)
    window.show()

    if screenshot:

        def grab_and_quit() -> None:
            grab_window(window, screenshot)
            window.project.mark_dirty(False)
            window.close()

        def shoot() -> None:
            QTimer.singleShot(SCREENSHOT_DELAY_MS, grab_and_quit)

        if project or demo:
            window.project_opened.connect(shoot)
            window.jobs.failed.connect(lambda _k, _m: shoot())
            window.jobs.cancelled.connect(lambda _k: shoot())
        else:
            shoot()
    if project:
        if not Path(project).exists():
            window.message_bar.error(
                translate("App", "{project}: no such project file").format(
                    project=project
                )
            )
        else:
            window.open_project(project, ask=False)
    elif demo:
        load_demo(window, seed)
    return int(app.exec())
