"""File → Export briefing: HTML map, PDF or PNG sheet, with a live preview.

The marking is required: Export stays disabled until one is chosen. The briefing's
contents are resolved on the main thread (a snapshot of the filter and layers),
the file is written on a worker thread, and the audit entry (with the file's
SHA-256) is recorded back on the main thread, where alone the project changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from layers.project import Project
from layers.validation import DataError
from workstation.export import briefing as bf
from workstation.qt.dialogs.downgrade_row import DowngradeRow
from workstation.qt.i18n import translate

FORMATS = (
    (
        "pdf",
        QT_TRANSLATE_NOOP("ExportBriefing", "PDF briefing sheet (map, tables, notes)"),
    ),
    ("png", QT_TRANSLATE_NOOP("ExportBriefing", "PNG image of the map sheet")),
    (
        "html",
        QT_TRANSLATE_NOOP(
            "ExportBriefing", "Offline HTML map (phone or laptop, no network)"
        ),
    ),
)
CHOOSE = QT_TRANSLATE_NOOP("ExportBriefing", "Choose a marking…")
NEED_MARKING = QT_TRANSLATE_NOOP(
    "ExportBriefing", "Choose a protective marking: every briefing carries one."
)
NEED_REASON = QT_TRANSLATE_NOOP(
    "ExportBriefing",
    "This marking is below the project's, or drops or changes its descriptor: "
    "give the reason and confirm it "
    "(both are recorded in the audit trail and the file).",
)


class _ExportWorker(QThread):
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            self.done.emit(self._fn())
        except DataError as exc:
            self.failed.emit(exc.describe())
        except Exception as exc:  # shown in the dialog, never as a traceback
            self.failed.emit(f"{type(exc).__name__}: {exc}")


class ExportBriefingDialog(QDialog):
    """Export a briefing of ``project``; ``canvas`` (optional) gives the map view."""

    exported = Signal(str)  # output path

    def __init__(self, project: Project, canvas: Any = None, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.canvas = canvas
        self.worker: _ExportWorker | None = None
        self._cache: dict[str, Any] = {}
        self.last_path: Path | None = None
        self.setWindowTitle(translate("ExportBriefing", "Export briefing"))
        self.setModal(True)

        meta = project.metadata
        self.format = QComboBox()
        for key, label in FORMATS:
            label = translate("ExportBriefing", label)
            self.format.addItem(label, key)
        self.page = QComboBox()
        self.page.addItems(["A4", "A3"])
        self.orientation = QComboBox()
        self.orientation.addItem(translate("ExportBriefing", "Portrait"), "portrait")
        self.orientation.addItem(translate("ExportBriefing", "Landscape"), "landscape")
        self.dpi = QSpinBox()
        self.dpi.setRange(150, 300)
        self.dpi.setValue(200)
        self.dpi.setSuffix(translate("ExportBriefing", " dpi"))
        self.title = QLineEdit(meta.title or "")
        self.marking = QComboBox()
        self.marking.addItem(translate("ExportBriefing", CHOOSE), "")
        for m in bf.EXPORT_MARKINGS:
            self.marking.addItem(m, m)
        idx = self.marking.findData(meta.marking if meta.marking else "")
        self.marking.setCurrentIndex(max(idx, 0))
        self.descriptor = QLineEdit(meta.marking_descriptor or "")
        self.descriptor.setPlaceholderText(
            translate("ExportBriefing", "optional, e.g. PERSONAL or OPERATIONAL")
        )
        self.downgrade = downgrade_box = DowngradeRow()
        self.downgrade_reason = self.downgrade.reason
        self.downgrade_confirm = self.downgrade.confirm
        self.use_view = QCheckBox(
            translate("ExportBriefing", "Use the current map view")
        )
        self.use_view.setChecked(canvas is not None and hasattr(canvas, "extent"))
        self.use_view.setEnabled(canvas is not None and hasattr(canvas, "extent"))
        self.path = QLineEdit()
        self.path.setPlaceholderText(translate("ExportBriefing", "output file"))
        browse = QPushButton(translate("ExportBriefing", "Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        path_box = QWidget()
        path_box.setLayout(path_row)
        path_row.setContentsMargins(0, 0, 0, 0)

        form = QFormLayout()
        form.addRow(translate("ExportBriefing", "Format"), self.format)
        form.addRow(translate("ExportBriefing", "Page size"), self.page)
        form.addRow(translate("ExportBriefing", "Orientation"), self.orientation)
        form.addRow(translate("ExportBriefing", "PNG resolution"), self.dpi)
        form.addRow(translate("ExportBriefing", "Title"), self.title)
        form.addRow(translate("ExportBriefing", "Protective marking"), self.marking)
        form.addRow(translate("ExportBriefing", "Descriptor"), self.descriptor)
        form.addRow(translate("ExportBriefing", "Downgrade"), downgrade_box)
        self._form, self._downgrade_box = form, downgrade_box
        form.addRow("", self.use_view)
        form.addRow(translate("ExportBriefing", "Save to"), path_box)

        self.preview = QLabel(translate("ExportBriefing", "Preview"))
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setMinimumSize(260, 360)
        self.preview.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.preview.setStyleSheet("background:#e9ecef;border:1px solid #c8ced3;")
        self.status = QLabel("")
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.close_button = self.buttons.button(QDialogButtonBox.Cancel)
        self.export_button = self.buttons.addButton(
            translate("ExportBriefing", "Export"), QDialogButtonBox.AcceptRole
        )
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.run_export)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.status)
        left.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(self.preview, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(self.update_preview)
        for w in (self.format, self.page, self.orientation, self.marking):
            w.currentIndexChanged.connect(self._changed)
        for w in (self.title, self.descriptor, self.path):
            w.textChanged.connect(self._changed)
        self.use_view.toggled.connect(self._changed)
        self.downgrade.changed.connect(self._changed)
        self._fmt_shown = self.fmt
        self._suggest_path()
        self._changed()
        self.update_preview()

    # -- state ----------------------------------------------------------------------
    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def _suggest_path(self) -> None:
        base = Path(self.project.path).with_suffix("") if self.project.path else None
        stem = (base.name if base else (self.title.text() or "briefing")).strip()
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
        folder = base.parent if base else Path.home()
        self.path.setText(str(folder / f"{stem}-briefing.{self.fmt}"))

    @property
    def lowered(self) -> bool:
        """Whether the chosen marking is below the project's or drops its descriptor."""
        return bool(self.downgrade.how)

    def _downgrade_ok(self) -> bool:
        return self.downgrade.ok()

    def _show_downgrade(self) -> None:
        mark = str(self.marking.currentData() or "")
        how = self.downgrade.check(self.project.metadata, mark, self.descriptor.text())
        self._form.setRowVisible(self._downgrade_box, bool(how))

    def _changed(self, *_args) -> None:
        sheet = self.fmt != "html"
        self.page.setEnabled(sheet)
        self.orientation.setEnabled(sheet)
        self.dpi.setEnabled(self.fmt == "png")
        if self.fmt != self._fmt_shown:  # only a change of format edits the path
            self._fmt_shown = self.fmt
            self._set_suffix()
        self._show_downgrade()
        ok = bool(self.marking.currentData()) and bool(self.path.text().strip())
        ok = ok and self._downgrade_ok()
        busy = self.worker is not None and self.worker.isRunning()
        self.export_button.setEnabled(ok and not busy)
        if not self.marking.currentData():
            self.status.setText(translate("ExportBriefing", NEED_MARKING))
        elif self.lowered and not self._downgrade_ok():
            self.status.setText(translate("ExportBriefing", NEED_REASON))
        elif self.status.text() in (
            translate("ExportBriefing", NEED_MARKING),
            translate("ExportBriefing", NEED_REASON),
        ):
            self.status.setText("")
        self._preview_timer.start()

    def _set_suffix(self) -> None:
        text = self.path.text().strip()
        target = self._typed_path(text)
        if target is None or target.suffix.lower() == "." + self.fmt:
            return
        self.path.blockSignals(True)
        self.path.setText(str(Path(text).with_suffix("." + self.fmt)))
        self.path.blockSignals(False)

    def _typed_path(self, text: str) -> Path | None:
        """The path as typed (``~`` expanded), or None when it names no file."""
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.name or text.endswith(("/", "\\")) or path.name in (".", ".."):
            return None
        return path

    def output_path(self) -> Path:
        """The output file from the typed text (DataError when it names none).

        A relative path is taken from the project's folder (else the home
        folder); a missing suffix gets the format's.
        """
        text = self.path.text().strip()
        path = self._typed_path(text)
        if path is None:
            raise DataError(
                translate(
                    "ExportBriefing", "give a file name to save to, not a folder"
                ),
                source=text or translate("ExportBriefing", "Save to"),
            )
        if not path.is_absolute():
            base = Path(self.project.path).parent if self.project.path else Path.home()
            path = base / path
        if path.is_dir():
            raise DataError(
                translate("ExportBriefing", "that is a folder; add a file name"),
                source=str(path),
            )
        suffix = path.suffix.lower()
        if suffix in {"." + key for key, _ in FORMATS} and suffix != "." + self.fmt:
            path = path.with_suffix("." + self.fmt)  # another format's suffix
        elif suffix != "." + self.fmt:
            path = path.with_name(path.name + "." + self.fmt)
        return path

    def _browse(self) -> None:
        filters = {
            "pdf": translate("ExportBriefing", "PDF (*.pdf)"),
            "png": translate("ExportBriefing", "PNG image (*.png)"),
            "html": translate("ExportBriefing", "HTML page (*.html)"),
        }
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("ExportBriefing", "Save briefing"),
            self.path.text(),
            filters[self.fmt],
        )
        if path:
            self.path.setText(path)

    def make_briefing(self, preview: bool = False) -> bf.Briefing:
        """The briefing as the dialog's fields say (DataError without a marking)."""
        reason = self.downgrade.reason_text()
        if preview and self.lowered and not reason:
            reason = "(reason not given yet)"
        extent = None
        if self.use_view.isChecked() and self.canvas is not None:
            extent = tuple(float(v) for v in self.canvas.extent())
        b = bf.make_briefing(
            self.project,
            title=self.title.text().strip() or None,
            marking=str(self.marking.currentData() or ""),
            descriptor=self.descriptor.text(),
            extent=extent,
            downgrade_reason=reason,
        )
        b.cache = self._cache  # choropleth counts: the dialog is modal, data fixed
        return b

    # -- preview ----------------------------------------------------------------------
    def update_preview(self) -> None:
        from workstation.export import sheet

        try:
            b = self.make_briefing_for_preview()
            img, _ = sheet.render_image(
                b,
                page=self.page.currentText(),
                landscape=self.orientation.currentData() == "landscape",
                dpi=36.0,
            )
        except DataError as exc:
            self.preview.setText(exc.describe())
            return
        pix = QPixmap.fromImage(img)
        self.preview.setPixmap(
            pix.scaled(self.preview.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation)
        )
        self.preview.setToolTip(
            translate(
                "ExportBriefing",
                "Preview of page 1 (the HTML map shows the same layers)",
            )
            if self.fmt == "html"
            else translate("ExportBriefing", "Preview of page 1")
        )

    def make_briefing_for_preview(self) -> bf.Briefing:
        if self.marking.currentData():
            return self.make_briefing(preview=True)
        # the preview shows where the marking goes even before one is chosen
        above = (bf.marking_rank(self.project.metadata.marking) or 0) > 0
        b = bf.make_briefing(
            self.project,
            marking="OFFICIAL",
            downgrade_reason="(preview)" if above else None,
        )
        b.marking, b.descriptor = "MARKING NOT CHOSEN", ""
        b.downgrade_reason = ""
        b.cache = self._cache
        return b

    # -- export -----------------------------------------------------------------------
    def run_export(self) -> None:
        if self.worker is not None and self.worker.isRunning():
            return
        if not self._downgrade_ok():
            self.status.setText(translate("ExportBriefing", NEED_REASON))
            return
        try:
            b = self.make_briefing()
            path = self.output_path()
        except DataError as exc:
            self.status.setText(exc.describe())
            return
        if not path.parent.exists():
            self.status.setText(
                translate("ExportBriefing", "{parent}: folder does not exist").format(
                    parent=path.parent
                )
            )
            return
        fmt = self.fmt
        page = self.page.currentText()
        landscape = self.orientation.currentData() == "landscape"
        dpi = self.dpi.value()

        def work() -> dict[str, Any]:
            if fmt == "html":
                from workstation.export.html import export_html

                export_html(self.project, path, briefing=b, audit=False)
                return {"descriptor": b.descriptor}
            from workstation.export import sheet

            if fmt == "pdf":
                lay = sheet.export_pdf(
                    self.project,
                    path,
                    page=page,
                    landscape=landscape,
                    briefing=b,
                    audit=False,
                )
            else:
                lay = sheet.export_png(
                    self.project,
                    path,
                    page=page,
                    landscape=landscape,
                    dpi=dpi,
                    briefing=b,
                    audit=False,
                )
            return {
                "page": page,
                "landscape": landscape,
                "pages": lay.pages if fmt == "pdf" else 1,
                "scale": lay.scale,
            }

        self.worker = _ExportWorker(work, self)
        # bound methods of this (main-thread) dialog, so the results are queued to
        # the GUI thread; a lambda could run in the writer thread and touch widgets
        self._pending = (b, path, fmt)
        self.worker.done.connect(self._worker_done, Qt.QueuedConnection)
        self.worker.failed.connect(self._failed, Qt.QueuedConnection)
        self.worker.finished.connect(self._worker_finished)
        self.status.setText(
            translate("ExportBriefing", "Writing {name}…").format(name=path.name)
        )
        self.export_button.setEnabled(False)
        self.worker.start()

    def _worker_done(self, extra: dict) -> None:
        b, path, fmt = self._pending
        self._finished(b, path, fmt, extra)

    def _finished(self, b: bf.Briefing, path: Path, fmt: str, extra: dict) -> None:
        bf.record_export(b, path, fmt, extra)
        entry = self.project.audit[-1]
        self.last_path = path
        self.status.setText(
            translate(
                "ExportBriefing",
                "Briefing written to {path} ({v1:,} bytes, {v2}). SHA-256 {v3}… recorded in the audit trail.",
            ).format(
                path=path,
                v1=entry.parameters["bytes"],
                v2=entry.parameters["marking"],
                v3=entry.parameters["sha256"][:16],
            )
        )
        self.close_button.setText(
            translate("ExportBriefing", "Close")
        )  # nothing left to cancel
        self.export_button.setDefault(False)  # Enter closes; it does not re-export
        self.close_button.setDefault(True)
        self.exported.emit(str(path))

    def _worker_finished(self) -> None:
        ok = bool(self.marking.currentData()) and bool(self.path.text().strip())
        self.export_button.setEnabled(ok)

    def _failed(self, message: str) -> None:
        self.status.setText(
            translate("ExportBriefing", "Export failed: {message}").format(
                message=message
            )
        )

    def done(self, result: int) -> None:  # Qt override: wait for the writer
        if self.worker is not None and self.worker.isRunning():
            self.worker.wait()
        super().done(result)
