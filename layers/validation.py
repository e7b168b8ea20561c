"""Row-level accounting for readers: every row is loaded or rejected with a reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layers.csvsafe import safe_text, write_rows


def safe_cell(value: Any) -> Any:
    """Neutralise a spreadsheet formula: text starting with = + - @ gets a leading '.

    Numbers are left alone (a negative number is data, not a formula); see
    :func:`layers.csvsafe.safe_text`.
    """
    return safe_text(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class RejectedRow:
    """One row that could not be loaded.

    ``row`` is the row number as in the file: 1-based, the header is row 1, so the
    first data row of a file with a header is row 2. For non-tabular sources it is
    the 1-based feature number.
    """

    source: str
    row: int
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        col = f", column {self.column!r}" if self.column else ""
        val = f" (value {self.value!r})" if self.value not in ("", None) else ""
        return f"{self.source}: row {self.row}{col}: {self.reason}{val}"


@dataclass
class ReadReport:
    """What a reader did with a source: rows seen, loaded, rejected and why."""

    source: str
    rows_total: int = 0
    rows_loaded: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected)

    def by_reason(self) -> dict[str, int]:
        return dict(Counter(r.reason for r in self.rejected).most_common())

    def reject(
        self, row: int, column: str, value: Any, reason: str, source: str | None = None
    ) -> None:
        text = "" if value is None else str(value)
        if len(text) > 200:
            text = text[:197] + "..."
        self.rejected.append(
            RejectedRow(source or self.source, int(row), column, text, reason)
        )

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    @property
    def balanced(self) -> bool:
        return self.rows_loaded + self.rows_rejected == self.rows_total

    def check_balanced(self) -> None:
        if not self.balanced:
            raise AssertionError(
                f"{self.source}: {self.rows_loaded} loaded + {self.rows_rejected} "
                f"rejected != {self.rows_total} rows"
            )

    def merge(self, other: ReadReport) -> None:
        self.rows_total += other.rows_total
        self.rows_loaded += other.rows_loaded
        self.rejected.extend(other.rejected)
        for w in other.warnings:
            self.warn(w)
        self.notes.extend(n for n in other.notes if n not in self.notes)

    def summary(self) -> str:
        text = (
            f"{self.source}: {self.rows_loaded:,} of {self.rows_total:,} rows loaded, "
            f"{self.rows_rejected:,} rejected"
        )
        reasons = self.by_reason()
        if reasons:
            text += " (" + "; ".join(f"{k}: {v:,}" for k, v in reasons.items()) + ")"
        return text

    def write_rejects_csv(self, path: str | Path) -> Path:
        """Write rejected rows (file, row, column, value, reason), formulas neutralised."""
        return write_rows(
            path,
            ["file", "row", "column", "value", "reason"],
            ((r.source, r.row, r.column, r.value, r.reason) for r in self.rejected),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "rows_total": self.rows_total,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "rejected_by_reason": self.by_reason(),
            "warnings": list(self.warnings),
            "notes": list(self.notes),
        }


class DataError(Exception):
    """Bad input that stops a read or a command: names the file, row, column and reason.

    ``str(err)`` is one line suitable for the command line and the message bar.
    """

    def __init__(
        self,
        reason: str,
        *,
        source: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.reason = reason
        self.source = str(source) if source is not None else None
        self.row = row
        self.column = column
        super().__init__(self.describe())

    def describe(self) -> str:
        parts = []
        if self.source:
            parts.append(self.source)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        where = ", ".join(parts)
        return f"{where}: {self.reason}" if where else self.reason
