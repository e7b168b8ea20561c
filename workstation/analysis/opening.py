"""Opening hours as a week of minutes (Monday 00:00 = minute 0) or of hours.

Reads what community-asset files carry: ``Mon: 09:00-17:00; Tue: Closed; ...`` (the
assets reader's form), OpenStreetMap-style ``Mo-Fr 09:00-17:00; Sa 10:00-12:30``,
``24/7``, and the categorical library opening times of the Arts Council data set
(``AM & PM (continuous)``, ``PM & Eve (with closure)``, ...), which are approximated
with stated hours: AM 09-13, PM 13-17, Eve 17-20, "All Day" 09-17.

Times are kept to the minute, so a school open 08:30-15:30 is closed at 15:31.
Hours that end after midnight (``Fri: 22:00-02:00``) run into the next morning, and
Sunday's run into Monday's. Unknown text gives ``None`` (unknown, not closed).
"""

from __future__ import annotations

import re

import numpy as np

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_OSM = ["mo", "tu", "we", "th", "fr", "sa", "su"]
_BLOCKS = {"am": (9, 13), "pm": (13, 17), "eve": (17, 20)}
_RANGE = re.compile(r"(\d{1,2})[:.]?(\d{2})?\s*(?:-|–|to)\s*(\d{1,2})[:.]?(\d{2})?")
WEEK_MIN = 7 * 24 * 60
DAY_MIN = 24 * 60
APPROXIMATION_NOTE = (
    "categorical opening times approximated as AM 09:00-13:00, PM 13:00-17:00, "
    "Eve 17:00-20:00, All Day 09:00-17:00"
)


def _day_index(token: str) -> int | None:
    t = token.strip().lower()[:3]
    if t in DAYS:
        return DAYS.index(t)
    if t[:2] in _OSM:
        return _OSM.index(t[:2])
    return None


def _day_ranges(text: str) -> tuple[list[tuple[int, int]] | None, bool]:
    """Open spans of one day's text as (start, end) minutes after that day's midnight.

    An end at or before the start runs past midnight (end > 1440). Returns
    (None, False) for unknown text and (spans, approximated?) otherwise.
    """
    t = text.strip().lower()
    if not t or t in ("[unknown]", "unknown", "varied by schedule", "appointment only"):
        return None, False
    if t in ("closed", "no regular opening", "off"):
        return [], False
    ranges = list(_RANGE.finditer(t))
    if ranges:
        spans = []
        for m in ranges:
            h0, m0 = int(m.group(1)), int(m.group(2) or 0)
            h1, m1 = int(m.group(3)), int(m.group(4) or 0)
            if h0 > 24 or h1 > 24 or m0 > 59 or m1 > 59:
                return None, False
            start, end = h0 * 60 + m0, h1 * 60 + m1
            if end <= start:  # past midnight: into the next morning
                end += DAY_MIN
            spans.append((start, end))
        return spans, False
    if "all day" in t:
        return [(9 * 60, 17 * 60)], True
    spans = [
        (a * 60, b * 60)
        for key, (a, b) in _BLOCKS.items()
        if re.search(rf"\b{key}\b", t)
    ]
    return (spans, True) if spans else (None, False)


def parse_opening_minutes(text: object) -> tuple[np.ndarray | None, bool]:
    """(10,080 bools, one per minute of the week, or None when unknown; approximated?).

    Minute ``m`` is True when the asset is open from ``m`` to ``m + 1``.
    """
    if text is None or not isinstance(text, str) or not text.strip():
        return None, False
    t = text.strip()
    if t.lower() in ("24/7", "24 hours", "always open"):
        return np.ones(WEEK_MIN, dtype=bool), False
    week = np.zeros(WEEK_MIN, dtype=bool)
    known = approx = False
    for part in re.split(r"[;\n]", t):
        m = re.match(
            r"^([A-Za-z]{2,9})(?:\s*-\s*([A-Za-z]{2,9}))?\s*[:]?\s*(.*)$", part.strip()
        )
        if not m or _day_index(m.group(1)) is None:
            continue
        d0 = _day_index(m.group(1))
        d1 = _day_index(m.group(2)) if m.group(2) else d0
        if d1 is None:
            continue
        spans, approximated = _day_ranges(m.group(3))
        if spans is None:
            continue
        days = range(d0, d1 + 1) if d1 >= d0 else [*range(d0, 7), *range(d1 + 1)]
        for d in days:
            for a, b in spans:
                idx = np.arange(d * DAY_MIN + a, d * DAY_MIN + b) % WEEK_MIN
                week[idx] = True
        known = True
        approx |= approximated
    return (week, approx) if known else (None, False)


def parse_opening_hours(text: object) -> tuple[np.ndarray | None, bool]:
    """(168 bools or None when unknown, approximated?): an hour counts as open when
    the asset is open for any part of it.
    """
    week, approx = parse_opening_minutes(text)
    if week is None:
        return None, approx
    return week.reshape(168, 60).any(axis=1), approx


def open_throughout(week_minutes: np.ndarray, start_min: float, minutes: float) -> bool:
    """True if the asset is open for the whole of ``[start, start + minutes)``.

    ``start_min`` counts from Monday 00:00 and may pass the end of the week (it wraps).
    """
    a = math_floor(start_min)
    b = math_ceil(start_min + minutes)
    return bool(week_minutes[np.arange(a, max(b, a + 1)) % WEEK_MIN].all())


def math_floor(v: float) -> int:
    """Floor of a minute count, tolerant of float noise (14.9999999 -> 15)."""
    return int(np.floor(v + 1e-6))


def math_ceil(v: float) -> int:
    """Ceiling of a minute count, tolerant of float noise (15.0000001 -> 15)."""
    return int(np.ceil(v - 1e-6))


def open_at(text: object, hour_of_week: int) -> bool | None:
    """Whether the asset is open at some time in hour ``hour_of_week`` (None: unknown)."""
    week, _ = parse_opening_hours(text)
    if week is None:
        return None
    return bool(week[int(hour_of_week) % 168])


def describe_hours(text: object, day: int) -> str:
    """One day's opening hours as written on a sheet ("08:30-15:30", "closed")."""
    week, approx = parse_opening_minutes(text)
    if week is None:
        return "hours unknown"
    if approx:  # categorical times (AM, PM, Eve): say the hours are approximate
        return describe_hours_exact(week, day) + " (approximate)"
    return describe_hours_exact(week, day)


def describe_hours_exact(week: np.ndarray, day: int) -> str:
    """One day's open spans from a week of minutes."""
    day_open = week[day * DAY_MIN : (day + 1) * DAY_MIN]
    if day_open.all():
        return "open all day"
    if not day_open.any():
        return "closed"
    edges = np.flatnonzero(np.diff(np.r_[0, day_open.astype(int), 0]))
    spans = list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
    if spans and spans[-1][1] == DAY_MIN:  # open past midnight: say until when
        after = np.roll(week, -(day + 1) * DAY_MIN)
        closed = np.flatnonzero(~after)
        spans[-1] = (spans[-1][0], DAY_MIN + (int(closed[0]) if len(closed) else 0))
    return ", ".join(
        f"{a // 60:02d}:{a % 60:02d}-{b // 60 % 24:02d}:{b % 60:02d}" for a, b in spans
    )
