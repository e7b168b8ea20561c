"""New tactical assessment / problem profile: draft it, preview it, write the files.

The draft is built as a background job (``workstation/qt/jobs.py``) so the window
does not freeze; its HTML is shown in the preview. Writing renders each chosen
format (PDF, HTML, DOCX) from the same draft through
:func:`workstation.reports.render.write_report`, which records each file in the
audit trail. A marking below the project's (or dropping its descriptor) needs a
reason and a confirmation, as in the briefing export.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
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
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from layers.kinds import LayerKind
from layers.project import Project
from layers.validation import DataError
from workstation.qt.dialogs.downgrade_row import DowngradeRow

JOB_KEY = "report_draft"
FORMATS = (
    ("PDF", ".pdf"),
    ("HTML", ".html"),
    (QT_TRANSLATE_NOOP("ReportDialog", "Word (DOCX)"), ".docx"),
)
MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE")


def build_draft(project: Project, kind: str, options: dict[str, Any], progress=None):
    """The report of ``kind`` ("assess" or "profile"), built off the GUI thread."""
    if kind == "profile":
        from workstation.reports.profile import build_profile

        return build_profile(project, options["area"], progress=progress)
    from workstation.reports.assessment import build_assessment

    return build_assessment(
        project, period=options["period"], areas=options["areas"], progress=progress
    )


class ReportDialog(QDialog):
    """Draft, preview and write a tactical assessment or a problem profile.

    ``kind`` is ``"assess"`` (File ▸ New tactical assessment…) or ``"profile"``
    (a right-click on an area of the map), with ``area`` the area's code.
    """

    def __init__(
        self,
        project: Project,
        jobs,
        kind: str = "assess",
        area: str = "",
        area_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project, self.jobs, self.kind, self.area = project, jobs, kind, area
        self.report = None
        self.written: list[Path] = []
        if kind == "profile":
            self.setWindowTitle(
                self.tr("Problem profile of {0}").format(area_name or area)
            )
        else:
            self.setWindowTitle(self.tr("New tactical assessment"))
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._inputs(form)
        left.addLayout(form)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        left.addWidget(self.status)
        left.addStretch(1)
        # in the order of the work: draft, then write; Close apart (it keeps Qt's
        # own, translated, text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.draft_button = QPushButton(self.tr("Draft"))
        self.draft_button.setDefault(True)
        self.write_button = QPushButton(self.tr("Write files"))
        self.write_button.setEnabled(False)
        self.draft_button.clicked.connect(self.draft)
        self.write_button.clicked.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.draft_button)
        row.addWidget(self.write_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        left.addLayout(row)
        lay.addLayout(left, 2)
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(False)
        self.preview.setPlaceholderText(self.tr("The draft shows here once made."))
        lay.addWidget(self.preview, 3)
        self.resize(1000, 640)
        self._changed()

    # -- the form ---------------------------------------------------------------------
    def _inputs(self, form: QFormLayout) -> None:
        md = self.project.metadata
        self.period = QComboBox()
        for label, value in (
            (self.tr("Last 7 days"), 7),
            (self.tr("Last 14 days"), 14),
            (self.tr("Last 28 days"), 28),
            (self.tr("Last calendar month"), "month"),
        ):
            self.period.addItem(label, value)
        self.period.setCurrentIndex(1)
        self.areas = QComboBox()
        self.areas.addItem(self.tr("Automatic (wards: 10 to 100 areas)"), None)
        for lyr in self.project.layers_of(LayerKind.BOUNDARY):
            self.areas.addItem(lyr.name, lyr.name)
        if self.kind == "assess":
            form.addRow(self.tr("Period"), self.period)
            form.addRow(self.tr("Areas"), self.areas)
        else:
            form.addRow(self.tr("Area"), QLabel(self.area))
        self.marking = QComboBox()
        self.marking.addItems(MARKINGS)
        if md.marking in MARKINGS:
            self.marking.setCurrentText(md.marking)
        self.descriptor = QLineEdit(md.marking_descriptor or "")
        self.descriptor.setPlaceholderText(self.tr("e.g. OPERATIONAL (optional)"))
        form.addRow(self.tr("Marking"), self.marking)
        form.addRow(self.tr("Descriptor"), self.descriptor)
        self.format_boxes = {}
        row = QHBoxLayout()
        for label, suffix in FORMATS:
            box = QCheckBox(self.tr(label))
            box.setChecked(suffix != ".docx")
            box.toggled.connect(self._changed)
            self.format_boxes[suffix] = box
            row.addWidget(box)
        form.addRow(self.tr("Formats"), row)
        self.path = QLineEdit(str(self._default_path()))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        prow = QHBoxLayout()
        prow.addWidget(self.path, 1)
        prow.addWidget(browse)
        form.addRow(self.tr("Save as"), prow)
        self.downgrade = DowngradeRow()
        self.downgrade_reason = self.downgrade.reason
        self.downgrade_confirm = self.downgrade.confirm
        form.addRow(self.tr("Downgrade"), self.downgrade)
        self._form = form
        for w in (self.descriptor, self.path):
            w.textChanged.connect(self._changed)
        self.marking.currentTextChanged.connect(self._changed)
        self.downgrade.changed.connect(self._changed)

    def _default_path(self) -> Path:
        stem = (
            "problem-profile-" + self.area
            if self.kind == "profile"
            else "tactical-assessment"
        )
        return Path.home() / f"{stem}-{pd.Timestamp.now():%Y-%m-%d}"

    def _browse(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("Save the report as"), self.path.text(),
            self.tr("Reports (*.pdf *.html *.docx)"),
        )  # fmt: skip
        if path:
            self.path.setText(str(Path(path).with_suffix("")))

    def lowered(self) -> str:
        """How the chosen marking lowers the project's (see :class:`DowngradeRow`)."""
        mark, desc = self.marking.currentText(), self.descriptor.text()
        return self.downgrade.check(self.project.metadata, mark, desc)

    def _changed(self, *_a) -> None:
        self._form.setRowVisible(self.downgrade, bool(self.lowered()))
        ok = any(b.isChecked() for b in self.format_boxes.values())
        ok = ok and bool(self.path.text().strip()) and self.downgrade.ok()
        self.write_button.setEnabled(self.report is not None and ok)

    # -- draft and write --------------------------------------------------------------
    def options(self) -> dict[str, Any]:
        return {
            "period": self.period.currentData(),
            "areas": self.areas.currentData(),
            "area": self.area,
        }

    def draft(self) -> None:
        """Build the draft as a background job; the preview follows."""
        self.draft_button.setEnabled(False)
        self.status.setText(self.tr("Drafting…"))
        self.jobs.submit(
            JOB_KEY, build_draft, self.project, self.kind, self.options(),
            on_done=self._drafted, on_error=self._failed, job_title=self.windowTitle(),
        )  # fmt: skip

    def _drafted(self, report) -> None:
        from workstation.reports.html import write_html
        from workstation.reports.render import closing_section, resolve_marking

        self.report = report
        self.draft_button.setEnabled(True)
        m = resolve_marking(self.project, None, None, None, "preview")
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "draft.html"
            write_html(report, closing_section(report, m), m, page)
            self.preview.setHtml(page.read_text(encoding="utf-8"))
        self.status.setText(
            self.tr("Draft ready: {0}. Check it, then write the files.").format(
                report.title
            )
        )
        self._changed()

    def _failed(self, message: str) -> None:
        self.draft_button.setEnabled(True)
        self.status.setText(self.tr("The draft could not be made: {0}").format(message))

    def write(self) -> None:
        """Write every chosen format of the draft (each one audited)."""
        from workstation.reports.render import write_report

        base = Path(self.path.text().strip()).expanduser()
        reason = self.downgrade.reason_text() if self.lowered() else None
        self.written = []
        try:
            for suffix, box in self.format_boxes.items():
                if box.isChecked():
                    out = (
                        base.with_name(base.name + suffix)
                        if base.suffix
                        else base.with_suffix(suffix)
                    )
                    write_report(
                        self.project, self.report, out,
                        marking=self.marking.currentText(),
                        descriptor=self.descriptor.text().strip(),
                        downgrade_reason=reason,
                        params={"from": "window"},
                    )  # fmt: skip
                    self.written.append(out)
        except (DataError, OSError) as exc:
            self.status.setText(self.tr("Not written: {0}").format(exc))
            return
        self.status.setText(
            self.tr("Written (and recorded in the audit trail): {0}").format(
                ", ".join(str(p) for p in self.written)
            )
        )
        self.close_button.setFocus()
