"""Opening hours as a 168-hour week (Monday 00:00 = hour 0).

Reads what community-asset files carry: ``Mon: 09:00-17:00; Tue: Closed; ...`` (the
assets reader's form), OpenStreetMap-style ``Mo-Fr 09:00-17:00; Sa 10:00-12:30``,
``24/7``, and the categorical library opening times of the Arts Council data set
(``AM & PM (continuous)``, ``PM & Eve (with closure)``, ...), which are approximated
with stated hours: AM 09-13, PM 13-17, Eve 17-20, "All Day" 09-17. A partial hour
counts as open. Unknown text gives ``None`` (unknown, not closed).
"""

from __future__ import annotations

import re

import numpy as np

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_OSM = ["mo", "tu", "we", "th", "fr", "sa", "su"]
_BLOCKS = {"am": (9, 13), "pm": (13, 17), "eve": (17, 20)}
_RANGE = re.compile(r"(\d{1,2})[:.]?(\d{2})?\s*(?:-|–|to)\s*(\d{1,2})[:.]?(\d{2})?")
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


def _hours_from_text(text: str) -> tuple[np.ndarray | None, bool]:
    """24 bools for one day's text, and whether it was approximated."""
    t = text.strip().lower()
    day = np.zeros(24, dtype=bool)
    if not t or t in ("[unknown]", "unknown", "varied by schedule", "appointment only"):
        return None, False
    if t in ("closed", "no regular opening", "off"):
        return day, False
    ranges = list(_RANGE.finditer(t))
    if ranges:
        for m in ranges:
            h0, m0, h1, m1 = (
                int(m.group(1)),
                int(m.group(2) or 0),
                int(m.group(3)),
                int(m.group(4) or 0),
            )
            if h0 > 24 or h1 > 24 or m0 > 59 or m1 > 59:
                return None, False
            start = h0
            end = h1 + (1 if m1 > 0 else 0)
            if end <= start:  # past midnight: open to the end of the day
                end = 24
            day[start : min(end, 24)] = True
        return day, False
    if "all day" in t:
        day[9:17] = True
        return day, True
    found = False
    for key, (a, b) in _BLOCKS.items():
        if re.search(rf"\b{key}\b", t):
            day[a:b] = True
            found = True
    return (day, True) if found else (None, False)


def parse_opening_hours(text: object) -> tuple[np.ndarray | None, bool]:
    """(168 bools or None when unknown, approximated?) for one asset's opening text."""
    if text is None or not isinstance(text, str) or not text.strip():
        return None, False
    t = text.strip()
    if t.lower() in ("24/7", "24 hours", "always open"):
        return np.ones(168, dtype=bool), False
    week = np.zeros(168, dtype=bool)
    known = False
    approx = False
    for part in re.split(r"[;\n]", t):
        part = part.strip()
        if not part:
            continue
        m = re.match(
            r"^([A-Za-z]{2,9})(?:\s*-\s*([A-Za-z]{2,9}))?\s*[:]?\s*(.*)$", part
        )
        if not m:
            continue
        d0 = _day_index(m.group(1))
        if d0 is None:
            continue
        d1 = _day_index(m.group(2)) if m.group(2) else d0
        if d1 is None:
            continue
        hours, approximated = _hours_from_text(m.group(3))
        if hours is None:
            continue
        days = range(d0, d1 + 1) if d1 >= d0 else [*range(d0, 7), *range(d1 + 1)]
        for d in days:
            week[d * 24 : (d + 1) * 24] = hours
        known = True
        approx |= approximated
    return (week, approx) if known else (None, False)


def open_at(text: object, hour_of_week: int) -> bool | None:
    week, _ = parse_opening_hours(text)
    if week is None:
        return None
    return bool(week[int(hour_of_week) % 168])
