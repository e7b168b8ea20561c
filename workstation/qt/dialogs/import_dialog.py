"""Import: which reader, the column mapping, and the effect of the mapping before reading.

The window calls :func:`needs_mapping` on the readers' verdicts
(``layers.readers.sniff_all``). When the best reader is sure, the file is read
straight away in a job; otherwise :class:`ImportDialog` shows the first rows, the
guessed kind, one drop-down per canonical field, a "first row is a header" box and
a preview made by running the real reader on the first rows (values parsed, rows
that would be rejected by reason).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from layers import readers
from layers.layer import Layer
from layers.readers._common import decode_bytes, sniff_delimiter
from layers.validation import DataError
from workstation.qt.i18n import translate, vocab

#: Below this confidence the import asks the user to confirm the mapping.
CONFIDENT = 0.8
#: Rows the preview reads through the real reader.
PREVIEW_ROWS = 500
SHOWN_ROWS = 12
TABLE_SUFFIXES = {".csv", ".tab", ".tsv", ".txt", ".psv", ".dat", ""}

FIELD_LABELS = {
    "occurred_at": QT_TRANSLATE_NOOP("ImportDialog", "Date and time"),
    "date": QT_TRANSLATE_NOOP("ImportDialog", "Date (with a separate time)"),
    "time": QT_TRANSLATE_NOOP("ImportDialog", "Time of day"),
    "month": QT_TRANSLATE_NOOP("ImportDialog", "Month"),
    "lon": QT_TRANSLATE_NOOP("ImportDialog", "Longitude"),
    "lat": QT_TRANSLATE_NOOP("ImportDialog", "Latitude"),
    "longitude": QT_TRANSLATE_NOOP("ImportDialog", "Longitude"),
    "latitude": QT_TRANSLATE_NOOP("ImportDialog", "Latitude"),
    "easting": QT_TRANSLATE_NOOP("ImportDialog", "Easting (BNG)"),
    "northing": QT_TRANSLATE_NOOP("ImportDialog", "Northing (BNG)"),
    "x": QT_TRANSLATE_NOOP("ImportDialog", "X (projected)"),
    "y": QT_TRANSLATE_NOOP("ImportDialog", "Y (projected)"),
    "category": QT_TRANSLATE_NOOP("ImportDialog", "Category / type"),
    "priority": QT_TRANSLATE_NOOP("ImportDialog", "Priority / grade"),
    "call_id": QT_TRANSLATE_NOOP("ImportDialog", "Call id"),
    "crime_id": QT_TRANSLATE_NOOP("ImportDialog", "Crime id"),
    "closed_at": QT_TRANSLATE_NOOP("ImportDialog", "Closed at"),
    "response_s": QT_TRANSLATE_NOOP("ImportDialog", "Response time"),
    "caller": QT_TRANSLATE_NOOP("ImportDialog", "Caller (for repeats)"),
    "name": QT_TRANSLATE_NOOP("ImportDialog", "Name"),
    "asset_type": QT_TRANSLATE_NOOP("ImportDialog", "Asset type"),
    "asset_id": QT_TRANSLATE_NOOP("ImportDialog", "Asset id"),
    "area_code": QT_TRANSLATE_NOOP("ImportDialog", "Area code"),
    "area_name": QT_TRANSLATE_NOOP("ImportDialog", "Area name"),
    "population": QT_TRANSLATE_NOOP("ImportDialog", "Population"),
    "grid_ref": QT_TRANSLATE_NOOP("ImportDialog", "Grid ref"),
    "point": QT_TRANSLATE_NOOP("ImportDialog", "Point"),
    "location": QT_TRANSLATE_NOOP("ImportDialog", "Location"),
    "lsoa_code": QT_TRANSLATE_NOOP("ImportDialog", "Lsoa code"),
    "lsoa_name": QT_TRANSLATE_NOOP("ImportDialog", "Lsoa name"),
    "outcome": QT_TRANSLATE_NOOP("ImportDialog", "Outcome"),
    "address": QT_TRANSLATE_NOOP("ImportDialog", "Address"),
    "postcode": QT_TRANSLATE_NOOP("ImportDialog", "Postcode"),
    "opening_hours": QT_TRANSLATE_NOOP("ImportDialog", "Opening hours"),
    "imd_decile": QT_TRANSLATE_NOOP("ImportDialog", "Imd decile"),
    "grade": QT_TRANSLATE_NOOP("ImportDialog", "Grade"),
    "threat": QT_TRANSLATE_NOOP("ImportDialog", "Threat"),
    "wkt": QT_TRANSLATE_NOOP("ImportDialog", "Wkt"),
}
#: Fields offered when a reader does not list its own.
DEFAULT_FIELDS = {
    "calls": (
        "occurred_at date time lon lat easting northing x y category priority "
        "call_id closed_at response_s caller"
    ).split(),
    "police_uk": (
        "month longitude latitude easting northing category crime_id location "
        "lsoa_code lsoa_name outcome"
    ).split(),
    "assets": "name asset_type lon lat easting northing asset_id address postcode".split(),
    "boundaries": ["area_code", "area_name", "population"],
}
NONE = QT_TRANSLATE_NOOP("ImportDialog", "(not in the file)")
_DATA_LIKE = re.compile(r"^[-+]?[\d][\d.,:/\sT+-]*$")


@dataclass
class ImportRequest:
    """What to read: passed to ``layers.readers.read`` in a job."""

    paths: list[Path]
    reader: str | None = None
    mapping: dict[str, Any] | None = None
    columns: list[str] | None = None
    name: str | None = None
    notes: list[str] = field(default_factory=list)

    def read(self, progress=None) -> Layer:
        return readers.read(
            self.paths,
            reader=self.reader,
            mapping=self.mapping or None,
            columns=self.columns,
            name=self.name or None,
            progress=progress,
        )


def is_table_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in TABLE_SUFFIXES


def looks_headerless(columns: list[str] | None) -> bool:
    """True when most 'header' fields look like data (numbers, dates, times)."""
    if not columns or len(columns) < 2:
        return False
    datalike = sum(bool(_DATA_LIKE.match(str(c).strip())) for c in columns)
    return datalike >= max(2, len(columns) // 2)


def needs_mapping(paths: list[Path], verdicts: list) -> tuple[bool, str]:
    """Whether to ask the user before reading, and why."""
    if not verdicts:
        return True, translate("ImportDialog", "no reader recognised the file")
    best = verdicts[0]
    if best.confidence < CONFIDENT:
        return True, translate(
            "ImportDialog",
            "the best guess ({kind}, {reader} reader) has confidence {confidence:.2f}",
        ).format(
            kind=vocab(best.kind.label), reader=best.reader, confidence=best.confidence
        )
    if len(paths) == 1 and is_table_file(paths[0]):
        if getattr(best, "headerless", False):
            return True, translate(
                "ImportDialog",
                "the file has no header row; the columns were guessed from their values",
            )
        if looks_headerless(best.columns):
            return True, translate(
                "ImportDialog", "the first row looks like data, not a header"
            )
    return False, ""


def raw_rows(path: Path, limit: int = SHOWN_ROWS + 1) -> tuple[list[list[str]], str]:
    """The first ``limit`` records of a delimited file (header included) and the delimiter."""
    with path.open("rb") as fh:
        raw = fh.read(256 * 1024)
    text, _enc = decode_bytes(raw)
    text = text.lstrip("\ufeff")
    cut = text.rfind("\n")
    if len(raw) == 256 * 1024 and cut > 0:
        text = text[: cut + 1]
    delim = sniff_delimiter(text[:65536])
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delim):
        if not row or all(not c.strip() for c in row):
            continue
        rows.append(row)
        if len(rows) >= limit:
            break
    return rows, delim


def write_sample(path: Path, folder: Path, n_rows: int = PREVIEW_ROWS) -> Path:
    """The first ``n_rows`` records (+ header line) of ``path`` in ``folder``, same name."""
    rows, delim = raw_rows(path, limit=n_rows + 1)
    out = folder / path.name
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delim, lineterminator="\n")
        w.writerows(rows)
    return out


def reader_fields(reader: str) -> list[str]:
    try:
        mod = readers._module(reader)
    except Exception:
        mod = None
    keys = getattr(mod, "COLUMN_KEYS", None) if mod is not None else None
    if keys is None and mod is not None and hasattr(mod, "CANDIDATES"):
        keys = list(mod.CANDIDATES)
    return list(keys or DEFAULT_FIELDS.get(reader, []))


@dataclass
class Preview:
    """The effect of a mapping on the first rows."""

    rows_total: int = 0
    rows_loaded: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)
    head: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    kind: str = ""
    crs: str = ""
    timezone: str = ""

    def summary(self) -> str:
        if self.error:
            return translate(
                "ImportDialog", "Cannot read with this mapping: {error}"
            ).format(error=self.error)
        text = translate(
            "ImportDialog",
            "Of the first {total:,} rows, {loaded:,} would load "
            "and {rejected:,} would be rejected",
        ).format(
            total=self.rows_total,
            loaded=self.rows_loaded,
            rejected=self.rows_total - self.rows_loaded,
        )
        if self.by_reason:
            text += ": " + "; ".join(f"{k} {v:,}" for k, v in self.by_reason.items())
        text += "."
        if self.crs:
            text += translate("ImportDialog", " Working CRS {crs}").format(crs=self.crs)
            text += (
                translate("ImportDialog", ", time zone {tz}.").format(tz=self.timezone)
                if self.timezone
                else "."
            )
        return text


def make_preview(request: ImportRequest, progress=None) -> Preview:
    """Run the real reader on the first rows of the (single) file of ``request``."""
    path = request.paths[0]
    with tempfile.TemporaryDirectory(prefix="ws-preview-") as tmp:
        sample = write_sample(path, Path(tmp)) if is_table_file(path) else path
        req = ImportRequest(
            [sample], request.reader, request.mapping, request.columns, request.name
        )
        try:
            layer = req.read(progress=progress)
        except DataError as exc:
            return Preview(error=exc.describe())
        except Exception as exc:
            return Preview(error=f"{type(exc).__name__}: {exc}")
    rep = layer.report
    head = []
    frame = layer.frame
    cols = [c for c in frame.columns if c != frame.geometry.name][:6]
    xy = layer.xy if len(frame) else np.zeros((0, 2))
    for i in range(min(SHOWN_ROWS, len(frame))):
        row = {
            c: _fmt(
                frame[c].iat[i],
                layer.time_precision if c == layer.time_column else None,
            )
            for c in cols
        }
        row["x"] = f"{xy[i, 0]:.1f}"
        row["y"] = f"{xy[i, 1]:.1f}"
        head.append(row)
    return Preview(
        rows_total=rep.rows_total if rep else len(frame),
        rows_loaded=rep.rows_loaded if rep else len(frame),
        by_reason=rep.by_reason() if rep else {},
        head=head,
        warnings=list(rep.warnings) if rep else [],
        kind=layer.kind.label,
        crs=frame.crs.to_string() if frame.crs is not None else "",
        timezone=layer.timezone if layer.is_temporal else "",
    )


def _fmt(v: Any, precision: str | None = None) -> str:
    from workstation.qt.panels.table import format_value

    return format_value(v, precision)


class ImportDialog(QDialog):
    """Column mapping with a live preview of its effect."""

    def __init__(
        self,
        paths: list[str | Path],
        verdicts: list | None = None,
        *,
        jobs=None,
        why: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = [Path(p) for p in paths]
        self.jobs = jobs
        self.verdicts = (
            verdicts if verdicts is not None else readers.sniff_all(self.paths[0])
        )
        self.preview: Preview | None = None
        self._combos: dict[str, QComboBox] = {}
        self.setWindowTitle(
            translate("ImportDialog", "Import {name}").format(name=self.paths[0].name)
        )
        self.resize(980, 680)
        self._is_table = len(self.paths) == 1 and is_table_file(self.paths[0])
        self._raw: list[list[str]] = []
        if self._is_table:
            try:
                self._raw, self._delim = raw_rows(self.paths[0])
            except OSError as exc:
                self._raw, self._delim = [], ","
                why = translate(
                    "ImportDialog", "{why}; cannot read the file: {exc}"
                ).format(why=why, exc=exc)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.update_preview)
        self._build(why)
        self._reader_changed()

    # -- layout -------------------------------------------------------------
    def _build(self, why: str) -> None:
        lay = QVBoxLayout(self)
        names = ", ".join(p.name for p in self.paths[:3]) + (
            translate("ImportDialog", " and {n} more").format(n=len(self.paths) - 3)
            if len(self.paths) > 3
            else ""
        )
        head = QLabel(
            f"<b>{names}</b>"
            + (
                translate(
                    "ImportDialog", "<br>Please check the mapping: {why}."
                ).format(why=why)
                if why
                else ""
            )
        )
        head.setWordWrap(True)
        lay.addWidget(head)

        form = QFormLayout()
        self.reader_combo = QComboBox()
        for v in self.verdicts:
            self.reader_combo.addItem(
                translate(
                    "ImportDialog",
                    "{label} ({reader} reader, confidence {confidence:.2f})",
                ).format(label=v.kind.label, reader=v.reader, confidence=v.confidence),
                v.reader,
            )
            self.reader_combo.setItemData(
                self.reader_combo.count() - 1, v.reason, Qt.ItemDataRole.ToolTipRole
            )
        self.reader_combo.currentIndexChanged.connect(self._reader_changed)
        form.addRow(translate("ImportDialog", "Read as"), self.reader_combo)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("color: #555;")
        form.addRow("", self.reason_label)
        self.name_edit = QLineEdit(self.paths[0].stem.replace("_", " "))
        form.addRow(translate("ImportDialog", "Layer name"), self.name_edit)
        self.header_box = QCheckBox(translate("ImportDialog", "First row is a header"))
        first = self.verdicts[0] if self.verdicts else None
        self.header_box.setChecked(
            first is None or not (first.headerless or looks_headerless(first.columns))
        )
        self.header_box.setEnabled(self._is_table)
        self.header_box.toggled.connect(self._header_toggled)
        form.addRow("", self.header_box)
        lay.addLayout(form)

        split = QSplitter(Qt.Orientation.Vertical)
        raw_box = QGroupBox(translate("ImportDialog", "First rows of the file"))
        rl = QVBoxLayout(raw_box)
        self.raw_table = QTableWidget()
        self.raw_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.raw_table.verticalHeader().setDefaultSectionSize(20)
        rl.addWidget(self.raw_table)
        split.addWidget(raw_box)

        mid = QWidget()
        ml = QHBoxLayout(mid)
        ml.setContentsMargins(0, 0, 0, 0)
        self.map_box = QGroupBox(translate("ImportDialog", "Column for each field"))
        self.map_grid = QGridLayout(self.map_box)
        ml.addWidget(self.map_box, 1)
        prev_box = QGroupBox(
            translate(
                "ImportDialog",
                "Effect of this mapping (the reader run on the first rows)",
            )
        )
        pl = QVBoxLayout(prev_box)
        self.preview_label = QLabel("")
        self.preview_label.setWordWrap(True)
        pl.addWidget(self.preview_label)
        self.preview_table = QTableWidget()
        self.preview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview_table.verticalHeader().setDefaultSectionSize(20)
        pl.addWidget(self.preview_table, 1)
        ml.addWidget(prev_box, 2)
        split.addWidget(mid)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("ImportDialog", "Import")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    # -- state --------------------------------------------------------------
    def reader(self) -> str | None:
        return self.reader_combo.currentData()

    def verdict(self):
        r = self.reader()
        return next((v for v in self.verdicts if v.reader == r), None)

    def has_header(self) -> bool:
        return self.header_box.isChecked() or not self._is_table

    def column_names(self) -> list[str]:
        if not self._raw:
            v = self.verdict()
            return list(v.columns or []) if v else []
        if self.has_header():
            return [c.strip() for c in self._raw[0]]
        width = max(len(r) for r in self._raw)
        return [f"column_{i + 1}" for i in range(width)]

    def mapping(self) -> dict[str, str]:
        out = {}
        for key, combo in self._combos.items():
            col = combo.currentData()
            if col:
                out[key] = col
        for key, w in getattr(self, "_options", {}).items():
            value = w.currentData() if isinstance(w, QComboBox) else w.text().strip()
            if value:
                out[key] = value
        return out

    def set_field(self, key: str, column: str | None) -> None:
        """Choose ``column`` for the canonical field ``key`` (None: not in the file)."""
        combo = self._combos[key]
        i = combo.findData(column) if column else 0
        if i < 0:
            raise KeyError(f"no column {column!r} in {self.column_names()}")
        combo.setCurrentIndex(i)

    def request(self) -> ImportRequest:
        headerless = self._is_table and not self.has_header()
        return ImportRequest(
            paths=self.paths,
            reader=self.reader(),
            mapping=self.mapping() if self._is_table else None,
            columns=self.column_names() if headerless else None,
            name=self.name_edit.text().strip() or None,
        )

    # -- reactions ------------------------------------------------------------
    def _reader_changed(self, _i: int | None = None) -> None:
        v = self.verdict()
        self.reason_label.setText(v.reason if v else "")
        self._fill_raw()
        self._fill_mapping(self._guessed(v))
        self.schedule_preview()

    def _header_toggled(self, _on: bool) -> None:
        self._fill_raw()
        self._fill_mapping(self._guessed(self.verdict()))
        self.schedule_preview()

    def _guessed(self, v) -> dict[str, Any]:
        """The verdict's mapping when it fits the header choice (named columns
        with a header row, ``column_N`` guessed from values without one).
        """
        if v is None or self.has_header() == getattr(v, "headerless", False):
            return {}
        return dict(v.mapping)

    def _fill_raw(self) -> None:
        t = self.raw_table
        t.clear()
        if not self._raw:
            t.setRowCount(0)
            t.setColumnCount(0)
            return
        names = self.column_names()
        body = self._raw[1:] if self.has_header() else self._raw[:SHOWN_ROWS]
        t.setColumnCount(len(names))
        t.setRowCount(len(body))
        t.setHorizontalHeaderLabels(names)
        for r, row in enumerate(body):
            for c, val in enumerate(row[: len(names)]):
                t.setItem(r, c, QTableWidgetItem(val))
        t.resizeColumnsToContents()

    def _fill_mapping(self, guessed: dict[str, Any]) -> None:
        while self.map_grid.count():
            w = self.map_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self._combos = {}
        reader = self.reader()
        if not self._is_table or reader is None:
            self.map_box.setVisible(False)
            return
        self.map_box.setVisible(True)
        names = self.column_names()
        keys = reader_fields(reader)
        for extra in guessed:
            if extra not in keys and isinstance(guessed[extra], str):
                keys.append(extra)
        for i, key in enumerate(keys):
            label = QLabel(
                translate(
                    "ImportDialog",
                    FIELD_LABELS.get(key, key.replace("_", " ").capitalize()),
                )
            )
            combo = QComboBox()
            combo.addItem(translate("ImportDialog", NONE), None)
            for n in names:
                combo.addItem(n, n)
            col = guessed.get(key)
            if isinstance(col, str):
                j = combo.findData(col)
                combo.setCurrentIndex(max(j, 0))
            combo.currentIndexChanged.connect(lambda _i: self.schedule_preview())
            self.map_grid.addWidget(label, i // 2, (i % 2) * 2)
            self.map_grid.addWidget(combo, i // 2, (i % 2) * 2 + 1)
            self._combos[key] = combo
        self._add_options(reader, (len(keys) + 1) // 2)

    def _add_options(self, reader: str, row: int) -> None:
        """Reader options the file cannot tell: date order, CRS of x/y columns."""
        self._options = {}
        try:
            mod = readers._module(reader)
        except Exception:
            mod = None
        keys = getattr(mod, "OPTION_KEYS", ()) if mod is not None else ()
        if "date_order" in keys:
            combo = QComboBox()
            combo.addItem(translate("ImportDialog", "Dates: work it out"), None)
            combo.addItem(
                translate("ImportDialog", "Dates: day first (31/01/2024)"), "dmy"
            )
            combo.addItem(
                translate("ImportDialog", "Dates: month first (01/31/2024)"), "mdy"
            )
            combo.setToolTip(
                translate(
                    "ImportDialog",
                    "Only needed when every day in the file is 12 or less, so the order cannot be told from the data",
                )
            )
            combo.currentIndexChanged.connect(lambda _i: self.schedule_preview())
            self.map_grid.addWidget(
                QLabel(translate("ImportDialog", "Date order")), row, 0
            )
            self.map_grid.addWidget(combo, row, 1)
            self._options["date_order"] = combo
        if "source_crs" in keys:
            edit = QLineEdit()
            edit.setPlaceholderText(
                translate("ImportDialog", "e.g. EPSG:27700 (x/y columns only)")
            )
            edit.setToolTip(
                translate(
                    "ImportDialog",
                    "The coordinate system of projected x/y columns; longitude/latitude and easting/northing need none",
                )
            )
            edit.editingFinished.connect(self.schedule_preview)
            self.map_grid.addWidget(
                QLabel(translate("ImportDialog", "CRS of x/y")), row, 2
            )
            self.map_grid.addWidget(edit, row, 3)
            self._options["source_crs"] = edit

    def set_option(self, key: str, value: str | None) -> None:
        """Set a reader option (``date_order`` "dmy"/"mdy", ``source_crs``)."""
        w = self._options[key]
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(w.findData(value), 0))
        else:
            w.setText(value or "")

    def schedule_preview(self) -> None:
        self._timer.start()

    def update_preview(self) -> None:
        """Run the reader on the first rows now (in a job when the dialog has one)."""
        self._timer.stop()
        req = self.request()
        if len(self.paths) != 1:
            self._show_preview(None)
            return
        self.preview_label.setText(
            translate("ImportDialog", "Reading the first rows...")
        )
        if self.jobs is None:
            self._show_preview(make_preview(req))
        else:
            self.jobs.submit(
                "import-preview",
                make_preview,
                req,
                on_done=self._show_preview,
                job_title=translate("ImportDialog", "Import preview"),
            )

    def _show_preview(self, preview: Preview | None) -> None:
        self.preview = preview
        t = self.preview_table
        t.clear()
        if preview is None:
            self.preview_label.setText(
                translate(
                    "ImportDialog",
                    "Several files are read together; no preview is made.",
                )
            )
            t.setRowCount(0)
            return
        colour = "#a61b1b" if preview.error else "#222"
        text = preview.summary()
        if preview.warnings:
            text += "<br>⚠ " + "<br>⚠ ".join(preview.warnings[:4])
        self.preview_label.setText(
            translate(
                "ImportDialog", "<span style='color:{colour}'>{text}</span>"
            ).format(colour=colour, text=text)
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(preview.error is None)
        ok.setToolTip(preview.error or "")
        if not preview.head:
            t.setRowCount(0)
            t.setColumnCount(0)
            return
        cols = list(preview.head[0])
        t.setColumnCount(len(cols))
        t.setRowCount(len(preview.head))
        t.setHorizontalHeaderLabels(cols)
        for r, row in enumerate(preview.head):
            for c, key in enumerate(cols):
                t.setItem(r, c, QTableWidgetItem(row.get(key, "")))
        t.resizeColumnsToContents()
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


__all__ = [
    "CONFIDENT",
    "ImportDialog",
    "ImportRequest",
    "Preview",
    "looks_headerless",
    "make_preview",
    "needs_mapping",
]
