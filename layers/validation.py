"""Row-level accounting for readers: every row is loaded or rejected with a reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from layers.csvsafe import safe_text, write_rows

#: Rejected rows kept one by one for each distinct (file, column, value, reason);
#: the rest of that kind are one counted entry, so a file of millions of identical
#: bad rows gives a small report (and rejects file) while the counts still add up.
KEEP_EACH = 100


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
    #: How many rows this entry stands for: 1, or for a counted entry the rows
    #: past the first :data:`KEEP_EACH` of the same file, column, value and reason
    #: (``row`` is the first of them, ``last_row`` the last).
    count: int = 1
    last_row: int | None = None

    def describe(self) -> str:
        col = f", column {self.column!r}" if self.column else ""
        val = f" (value {self.value!r})" if self.value not in ("", None) else ""
        rows = f"row {self.row}"
        if self.count > 1:
            rows = f"{self.count:,} rows from row {self.row} to {self.last_row}"
        return f"{self.source}: {rows}{col}: {self.reason}{val}"


@dataclass
class ReadReport:
    """What a reader did with a source: rows seen, loaded, rejected and why."""

    source: str
    rows_total: int = 0
    rows_loaded: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _kinds: dict[tuple, list[int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def rows_rejected(self) -> int:
        return sum(r.count for r in self.rejected)

    def by_reason(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for r in self.rejected:
            counts[r.reason] += r.count
        return dict(counts.most_common())

    def reject(
        self, row: int, column: str, value: Any, reason: str, source: str | None = None
    ) -> None:
        """Account for one rejected row (past :data:`KEEP_EACH` alike: counted)."""
        text = "" if value is None else str(value)
        if len(text) > 200:
            text = text[:197] + "..."
        self.add_rejected(
            [RejectedRow(source or self.source, int(row), column, text, reason)]
        )

    def add_rejected(self, rows: list[RejectedRow]) -> None:
        """Take rejected entries (e.g. another report's), folding alike ones."""
        if not self._kinds and self.rejected:
            self._reindex()
        for r in rows:
            kind = self._kinds.setdefault(
                (r.source, r.column, r.value, r.reason), [0, -1]
            )
            if r.count == 1 and kind[0] < KEEP_EACH:
                kind[0] += 1
                self.rejected.append(r)
            elif kind[1] < 0:
                kind[1] = len(self.rejected)
                self.rejected.append(replace(r, last_row=r.last_row or r.row))
            else:
                old = self.rejected[kind[1]]
                self.rejected[kind[1]] = replace(
                    old,
                    row=min(old.row, r.row),
                    count=old.count + r.count,
                    last_row=max(old.last_row or old.row, r.last_row or r.row),
                )

    def _reindex(self) -> None:
        old, self.rejected = self.rejected, []
        self._kinds = {}
        self.add_rejected(old)

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
        self.add_rejected(other.rejected)
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
            ["file", "row", "column", "value", "reason", "count"],
            (
                (
                    r.source,
                    r.row if r.count == 1 else f"{r.row}-{r.last_row}",
                    r.column,
                    r.value,
                    r.reason,
                    r.count,
                )
                for r in self.rejected
            ),
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
