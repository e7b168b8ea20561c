"""Message bar (warnings and errors, never a traceback), job activity, rejected rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from layers.validation import ReadReport, RejectedRow
from workstation.qt.i18n import translate

LEVEL_COLOURS = {
    "info": ("#e8f1fb", "#1f5f9e"),
    "success": ("#e9f6ec", "#22753a"),
    "warning": ("#fff6e0", "#8a5a00"),
    "error": ("#fdecea", "#a61b1b"),
}
LEVEL_ICONS = {"info": "ℹ", "success": "✔", "warning": "⚠", "error": "✖"}
#: Seconds before an info/success message hides itself; warnings and errors stay.
AUTO_HIDE_S = {"info": 8, "success": 8}
MAX_SHOWN = 4


@dataclass
class Message:
    level: str
    text: str
    actions: list[tuple[str, Callable[[], None]]] = field(default_factory=list)


class _MessageRow(QFrame):
    closed = Signal(object)

    def __init__(self, message: Message, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = message
        bg, fg = LEVEL_COLOURS.get(message.level, LEVEL_COLOURS["info"])
        self.setObjectName("messageRow")
        self.setStyleSheet(
            f"#messageRow {{ background: {bg}; border: 1px solid {fg}40;"
            f" border-left: 4px solid {fg}; border-radius: 2px; }}"
            f" QLabel {{ color: {fg}; }}"
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 3, 4, 3)
        icon = QLabel(LEVEL_ICONS.get(message.level, ""))
        icon.setStyleSheet("font-weight: bold;")
        lay.addWidget(icon)
        self.label = QLabel(message.text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        for text, callback in message.actions:
            b = QPushButton(text)
            b.setFlat(False)
            b.clicked.connect(callback)
            lay.addWidget(b)
            self.buttons.append(b)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(translate("Notifications", "Dismiss"))
        close.clicked.connect(lambda: self.closed.emit(self))
        lay.addWidget(close)


class MessageBar(QWidget):
    """A stack of dismissable messages above the map (newest at the top).

    ``push(level, text, actions=[("Show rejected rows", callback)])``. Info and
    success messages hide themselves after a few seconds; warnings and errors stay
    until dismissed. Every message is kept in :attr:`history`.
    """

    pushed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(4, 2, 4, 2)
        self._lay.setSpacing(2)
        self.history: list[Message] = []
        self._rows: list[_MessageRow] = []
        self.setVisible(False)

    def push(
        self,
        level: str,
        text: str,
        actions: list[tuple[str, Callable[[], None]]] | None = None,
        timeout_s: float | None = None,
    ) -> Message:
        msg = Message(level, text, list(actions or []))
        self.history.append(msg)
        row = _MessageRow(msg, self)
        row.closed.connect(self._remove)
        self._lay.insertWidget(0, row)
        self._rows.insert(0, row)
        while len(self._rows) > MAX_SHOWN:
            self._remove(self._rows[-1])
        timeout = timeout_s if timeout_s is not None else AUTO_HIDE_S.get(level)
        if timeout:
            timer = QTimer(row)  # dies with the row, so it never fires on a dead bar
            timer.setSingleShot(True)
            timer.timeout.connect(lambda r=row: self._remove(r))
            timer.start(int(timeout * 1000))
        self.setVisible(True)
        self.pushed.emit(level, text)
        return msg

    def info(self, text: str, **kw) -> Message:
        return self.push("info", text, **kw)

    def warning(self, text: str, **kw) -> Message:
        return self.push("warning", text, **kw)

    def error(self, text: str, **kw) -> Message:
        return self.push("error", text, **kw)

    def visible_messages(self) -> list[Message]:
        return [r.message for r in self._rows]

    def rows(self) -> list[_MessageRow]:
        return list(self._rows)

    def clear(self) -> None:
        for r in list(self._rows):
            self._remove(r)

    def _remove(self, row: _MessageRow) -> None:
        if row not in self._rows:
            return
        self._rows.remove(row)
        self._lay.removeWidget(row)
        row.deleteLater()
        self.setVisible(bool(self._rows))


class _JobRow(QWidget):
    def __init__(self, key: str, title: str, cancel: Callable[[str], None]) -> None:
        super().__init__()
        self.key = key
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        self.label = QLabel(title)
        lay.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setFixedWidth(90)
        self.bar.setFixedHeight(14)
        self.bar.setTextVisible(False)
        lay.addWidget(self.bar)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("✕")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.setToolTip(
            translate("Notifications", "Cancel {title}").format(title=title)
        )
        self.cancel_button.clicked.connect(lambda: cancel(key))
        lay.addWidget(self.cancel_button)

    def set_progress(self, fraction: float, message: str) -> None:
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1000)
        self.bar.setValue(int(fraction * 1000))
        if message:
            self.setToolTip(message)


class ActivityWidget(QWidget):
    """Status-bar list of running jobs, each with a progress bar and a cancel button."""

    def __init__(self, jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(8)
        self._rows: dict[str, _JobRow] = {}
        jobs.jobs_changed.connect(self.refresh)
        jobs.progressed.connect(self._on_progress)
        self.refresh()

    def refresh(self) -> None:
        running = {j.key: j for j in self.jobs.running()}
        for key in [k for k in self._rows if k not in running]:
            row = self._rows.pop(key)
            self._lay.removeWidget(row)
            row.deleteLater()
        for key, job in running.items():
            if key not in self._rows:
                row = _JobRow(key, job.title, self.jobs.cancel)
                self._rows[key] = row
                self._lay.addWidget(row)
        self.setVisible(bool(self._rows))

    def row(self, key: str) -> _JobRow | None:
        return self._rows.get(key)

    def _on_progress(self, key: str, fraction: float, message: str) -> None:
        row = self._rows.get(key)
        if row is not None:
            row.set_progress(fraction, message)


class RejectedRowsModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("Notifications", "File"),
        QT_TRANSLATE_NOOP("Notifications", "Row"),
        QT_TRANSLATE_NOOP("Notifications", "Column"),
        QT_TRANSLATE_NOOP("Notifications", "Value"),
        QT_TRANSLATE_NOOP("Notifications", "Reason"),
    )

    def __init__(self, rows: list[RejectedRow], parent=None) -> None:
        super().__init__(parent)
        self._rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
        ):
            return translate("Notifications", self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        r = self._rows[index.row()]
        c = index.column()
        if c == 0:
            return Path(r.source).name
        return (None, r.row, r.column, r.value, r.reason)[c]


class RejectedRowsDialog(QDialog):
    """The rows a reader rejected: file, row number as in the file, column, reason."""

    def __init__(self, report: ReadReport, title: str = "", parent=None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(
            translate("Notifications", "Rejected rows - {v0}").format(
                v0=title or Path(report.source).name
            )
        )
        self.resize(820, 480)
        lay = QVBoxLayout(self)
        reasons = report.by_reason()
        summary = QLabel(
            report.summary()
            if reasons
            else translate("Notifications", "{source}: no rows were rejected.").format(
                source=report.source
            )
        )
        summary.setWordWrap(True)
        lay.addWidget(summary)
        self.model = RejectedRowsModel(report.rejected, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch
        )
        lay.addWidget(self.view, 1)
        for w in report.warnings:
            lab = QLabel("⚠ " + w)
            lab.setWordWrap(True)
            lay.addWidget(lab)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        save = buttons.addButton(
            translate("Notifications", "Save as CSV..."),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        save.clicked.connect(self._save)
        save.setEnabled(bool(report.rejected))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("Notifications", "Save rejected rows"),
            translate("Notifications", "rejected-rows.csv"),
            translate("Notifications", "CSV (*.csv)"),
        )
        if path:
            self.report.write_rejects_csv(path)
