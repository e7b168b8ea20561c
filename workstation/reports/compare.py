"""Comparisons of two counts, and the one sentence that states each honestly.

Every sentence that states a change names the two numbers and the test; when
either count is under :data:`TOO_FEW` it says "too few to judge" instead of a
direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from workstation.analysis.results import benjamini_hochberg

#: Below this many events in either period a change is "too few to judge".
TOO_FEW = 10
TEST_NAME = "exact Poisson test (conditional binomial, two-sided)"


@dataclass(frozen=True)
class Window:
    """A half-open local-time window ``[start, end)`` with its label."""

    start: pd.Timestamp
    end: pd.Timestamp

    @property
    def label(self) -> str:
        last = self.end - pd.Timedelta(days=1)
        if (
            self.start.day == 1
            and self.end.day == 1
            and (self.end - self.start).days > 27
        ):
            if (last.year, last.month) == (self.start.year, self.start.month):
                return f"{self.start:%B %Y}"
            return f"{self.start:%b %Y} to {last:%b %Y}"
        return f"{self.start:%d %b %Y} to {last:%d %b %Y}"

    @property
    def days(self) -> float:
        return (self.end - self.start) / pd.Timedelta(days=1)

    def shifted(self, days: float | None = None, *, years: int = 0) -> Window:
        """The window moved back by ``days`` (or by whole calendar years)."""
        if years:
            off = pd.DateOffset(years=years)
            return Window(self.start - off, self.end - off)
        d = pd.Timedelta(days=days if days is not None else self.days)
        return Window(self.start - d, self.end - d)

    def bounds_ns(self) -> tuple[int, int]:
        """``[start, end)`` as UTC nanoseconds (the layers' ``times_ns``)."""
        return (
            int(self.start.tz_convert("UTC").value),
            int(self.end.tz_convert("UTC").value),
        )

    def mask(self, times_ns: np.ndarray) -> np.ndarray:
        a, b = self.bounds_ns()
        return (times_ns >= a) & (times_ns < b)

    def count(self, times_ns: np.ndarray) -> int:
        """Events in the window (times sorted: two searchsorted calls)."""
        a, b = self.bounds_ns()
        return int(np.searchsorted(times_ns, b) - np.searchsorted(times_ns, a))


@dataclass(frozen=True)
class Change:
    """Two counts, the exact test of their ratio and its BH-adjusted p."""

    what: str
    current: int
    previous: int
    current_label: str
    previous_label: str
    p: float
    p_fdr: float
    exposure: float = 1.0  # length of the current window / the previous one

    @property
    def too_few(self) -> bool:
        return min(self.current, self.previous) < TOO_FEW

    @property
    def direction(self) -> str:
        if self.too_few:
            return "too few to judge"
        if self.p_fdr <= 0.05:
            return (
                "a significant rise"
                if self.current > self.previous
                else "a significant fall"
            )
        return "no clear change"

    def sentence(self) -> str:
        """One sentence naming both numbers, the test and what it shows."""
        pct = ""
        if self.previous > 0:
            pct = f", {(self.current / self.previous - 1) * 100:+,.0f} %"
        base = (
            f"{self.what}: {self.current:,} in {self.current_label} against "
            f"{self.previous:,} in {self.previous_label}{pct}"
        )
        if self.too_few:
            return (
                f"{base}: too few to judge (fewer than {TOO_FEW} events in a period)."
            )
        return f"{base} ({TEST_NAME}, {_p(self.p_fdr)}): {self.direction}."


def _p(q: float) -> str:
    if not math.isfinite(q):
        return "p not computed"
    return "adjusted p < 0.001" if q < 0.001 else f"adjusted p {q:.3f}"


def exact_p(current: int, previous: int, exposure: float = 1.0) -> float:
    """Two-sided exact test that two Poisson counts share one rate.

    Given the total, the current count is binomial with success probability
    ``exposure / (1 + exposure)`` under the null (``scipy.stats.binomtest``).
    """
    n = int(current) + int(previous)
    if n == 0:
        return 1.0
    return float(stats.binomtest(int(current), n, exposure / (1.0 + exposure)).pvalue)


def compare_many(
    items: list[tuple[str, int, int]],
    current_label: str,
    previous_label: str,
    exposure: float = 1.0,
) -> list[Change]:
    """Changes for ``(what, current, previous)`` rows, BH-corrected together."""
    ps = np.array([exact_p(c, p, exposure) for _w, c, p in items], dtype=float)
    q = benjamini_hochberg(ps) if len(ps) else ps
    return [
        Change(
            w,
            int(c),
            int(p),
            current_label,
            previous_label,
            float(pv),
            float(qv),
            exposure,
        )
        for (w, c, p), pv, qv in zip(items, ps, q, strict=True)
    ]


METHOD_NOTE = (
    "Period comparisons: the count of the period against the count of the period "
    "before it and of the same period a year earlier, each with an exact Poisson "
    "test (conditional binomial: given the total of the two periods, the share in "
    "the latest is binomial under equal rates; two-sided), the p-values of one "
    "table corrected together with the Benjamini-Hochberg false discovery rate. "
    f"Where either count is under {TOO_FEW} the change is reported as too few to "
    "judge. Counts are of recorded events: a change in recording or reporting "
    "looks the same as a change in crime."
)


@dataclass(frozen=True)
class RateComparison:
    """An area's count against the count its population would have at a reference rate."""

    what: str
    count: int
    expected: float
    p: float

    @property
    def too_few(self) -> bool:
        return self.count < TOO_FEW and self.expected < TOO_FEW

    def sentence(self, reference: str) -> str:
        base = f"{self.what}: {self.count:,} events against {self.expected:,.1f} at the {reference} rate"
        if self.too_few:
            return f"{base}: too few to judge (fewer than {TOO_FEW} events)."
        ratio = self.count / self.expected if self.expected > 0 else math.inf
        verdict = "no clear difference"
        if self.p <= 0.05:
            verdict = (
                "significantly higher"
                if self.count > self.expected
                else "significantly lower"
            )
        return (
            f"{base} ({ratio:.2f} times; exact Poisson test against the {reference} "
            f"rate, two-sided, p {'< 0.001' if self.p < 0.001 else f'{self.p:.3f}'}): {verdict}."
        )


def rate_p(count: int, expected: float) -> float:
    """Two-sided exact Poisson p of ``count`` given the expected count (doubling the smaller tail)."""
    if expected <= 0:
        return 1.0 if count == 0 else 0.0
    lo = stats.poisson.cdf(count, expected)
    hi = stats.poisson.sf(count - 1, expected)
    return float(min(1.0, 2 * min(lo, hi)))
