"""Statistical disclosure control of a two-way count table with its totals (no Qt).

A public table shows counts by area (rows) and month (columns) with row, column
and grand totals. The rule, applied to the table *with* its totals:

1. **Primary suppression**: every count from 1 to ``threshold - 1`` is hidden
   (zeros are shown: they say that nothing was recorded, about no one).
2. **Secondary suppression**: each line (a row with its row total, a column with
   its column total, the totals row with the grand total) that has exactly one
   hidden entry gets a second one hidden: the smallest other non-zero count in
   that line (a total only when the line has no count left). Repeated until every
   line has no hidden entry or at least two.
3. **Audit**: for every hidden entry a linear programme finds the smallest and
   largest value consistent with everything shown (every line sums to its total,
   counts are non-negative; the page marks primary and secondary entries alike,
   so a reader cannot tell which hidden entry is the small one). An entry whose range holds one value only could be worked out by
   subtraction; the smallest count in its row or column is then hidden as well,
   and steps 2-3 run again until no hidden entry can be recovered.

The two-way table's constraint matrix is totally unimodular, so the programme's
bounds are whole numbers and "one value only" is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

#: The rule in one sentence, for method notes and the audit trail.
RULE = (
    "counts from 1 to {t1} hidden (primary); in every row and column with one "
    "hidden entry the smallest other count hidden too (secondary), repeated until "
    "each has none or at least two, then audited by linear programming so that "
    "no hidden entry can be worked out from the totals"
)


@dataclass(frozen=True)
class SuppressedTable:
    """A count table with margins and what is hidden.

    ``values`` is ``(R + 1, C + 1)``: the counts, the row totals in the last
    column, the column totals in the last row and the grand total in the corner.
    ``hidden`` is the same shape; ``primary`` marks the entries hidden because
    they are below the threshold.
    """

    values: np.ndarray
    hidden: np.ndarray
    primary: np.ndarray
    threshold: int

    @property
    def secondary(self) -> np.ndarray:
        return self.hidden & ~self.primary

    def shown(self) -> np.ndarray:
        """The values with hidden entries as -1 (what a reader can see)."""
        return np.where(self.hidden, -1, self.values)

    def rule(self) -> str:
        return RULE.format(t1=self.threshold - 1)


def with_margins(counts: np.ndarray) -> np.ndarray:
    """The table with row totals, column totals and the grand total appended."""
    counts = np.asarray(counts, dtype=np.int64)
    rows = np.column_stack([counts, counts.sum(axis=1)])
    return np.vstack([rows, rows.sum(axis=0)])


def _lines(shape: tuple[int, int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every line of a table with margins: (flat indices, signs), margin sign -1."""
    n_r, n_c = shape
    flat = np.arange(n_r * n_c).reshape(shape)
    out = []
    for r in range(n_r):
        signs = np.ones(n_c)
        signs[-1] = -1
        out.append((flat[r], signs))
    for c in range(n_c):
        signs = np.ones(n_r)
        signs[-1] = -1
        out.append((flat[:, c], signs))
    return out


def _margin_mask(shape: tuple[int, int]) -> np.ndarray:
    m = np.zeros(shape, dtype=bool)
    m[-1, :] = True
    m[:, -1] = True
    return m


def _complement(values, hidden, idx, margins) -> int | None:
    """The entry to hide next among flat indices ``idx``: smallest non-zero count."""
    v, h, m = values.ravel(), hidden.ravel(), margins.ravel()
    for pool in (
        [i for i in idx if not h[i] and not m[i] and v[i] > 0],
        [i for i in idx if not h[i] and not m[i]],
        [i for i in idx if not h[i]],
    ):
        if pool:
            return int(min(pool, key=lambda i: (v[i], i)))
    return None


def _secondary(values, hidden, margins) -> None:
    """Hide entries until no line has exactly one hidden entry (in place)."""
    lines = _lines(values.shape)
    changed = True
    while changed:
        changed = False
        for idx, _ in lines:
            if hidden.ravel()[idx].sum() == 1:
                j = _complement(values, hidden, idx, margins)
                if j is not None:
                    hidden.ravel()[j] = True
                    changed = True


def feasible_ranges(shown: np.ndarray) -> dict[tuple[int, int], tuple[float, float]]:
    """What a reader can work out about each hidden entry of a table with margins.

    Parameters
    ----------
    shown
        ``(R + 1, C + 1)`` table with margins, hidden entries as -1.

    Returns
    -------
    dict
        ``(row, col) -> (smallest, largest)`` value consistent with the page.
    """
    shown = np.asarray(shown)
    hidden = shown < 0
    unknown = np.flatnonzero(hidden.ravel())
    if not len(unknown):
        return {}
    col = {int(f): k for k, f in enumerate(unknown)}
    a_eq, b_eq = [], []
    flat = shown.ravel()
    for idx, signs in _lines(shown.shape):
        row = np.zeros(len(unknown))
        known = 0.0
        for i, s in zip(idx, signs, strict=True):
            if hidden.ravel()[i]:
                row[col[int(i)]] = s
            else:
                known += s * flat[i]
        if row.any():
            a_eq.append(row)
            b_eq.append(-known)
    bounds = [(0, None)] * len(unknown)
    out = {}
    for k, f in enumerate(unknown):
        c = np.zeros(len(unknown))
        c[k] = 1.0
        lo = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        hi = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        top = -hi.fun if hi.status == 0 else np.inf
        out[divmod(int(f), shown.shape[1])] = (float(lo.fun), float(top))
    return out


def recoverable(table: SuppressedTable) -> list[tuple[int, int]]:
    """Hidden entries whose value the shown entries pin to one number."""
    ranges = feasible_ranges(table.shown())
    return [k for k, (lo, hi) in ranges.items() if hi - lo < 0.5]


def suppress(counts: np.ndarray, threshold: int = 5) -> SuppressedTable:
    """Hide small counts of a rows x columns table and protect them (see module).

    Parameters
    ----------
    counts
        Non-negative integer counts, rows x columns (no totals).
    threshold
        Counts from 1 to ``threshold - 1`` are hidden.

    Returns
    -------
    SuppressedTable
        The table with margins, what is hidden and why.
    """
    if threshold < 1:
        raise ValueError("the suppression threshold must be at least 1")
    values = with_margins(counts)
    margins = _margin_mask(values.shape)
    primary = (values > 0) & (values < threshold)
    hidden = primary.copy()
    while True:
        _secondary(values, hidden, margins)
        table = SuppressedTable(values, hidden.copy(), primary, threshold)
        bad = recoverable(table)
        if not bad:
            return table
        r, c = bad[0]
        idx = np.concatenate(
            [
                np.ravel_multi_index(
                    ([r] * values.shape[1], range(values.shape[1])), values.shape
                ),
                np.ravel_multi_index(
                    (range(values.shape[0]), [c] * values.shape[0]), values.shape
                ),
            ]
        )
        j = _complement(values, hidden, idx, margins)
        if j is None:  # everything in reach is hidden already
            hidden[:] = hidden | (values > 0)
            return SuppressedTable(values, hidden, primary, threshold)
        hidden.ravel()[j] = True
