"""Guessing which column is which from the values, when names do not say.

A file with no header row has nothing but its values: coordinates in range,
timestamps, free text. :func:`guess_by_values` reads those; :func:`timestamp_columns`
tells a file of events (times of day in a column) from a list of places.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from layers.readers.values import blank_strings, floats, parse_times

#: Share of a sample's non-blank values that must fit a value test.
FIT = 0.9


def _numbers(values: pd.Series) -> tuple[np.ndarray, float]:
    s, blank = blank_strings(values)
    x = floats(s, blank)
    live = ~blank
    share = float(np.isfinite(x[live]).mean()) if live.any() else 0.0
    return x[live & np.isfinite(x)], share


def _timestamp_share(values: pd.Series) -> tuple[float, bool]:
    p = parse_times(values.head(200))
    live = p.status != 1
    if not live.any():
        return 0.0, False
    return float((p.status[live] == 0).mean()), p.has_time


def timestamp_columns(frame: pd.DataFrame | None, *, clock: bool = True) -> list[str]:
    """Columns of ``frame`` whose values are timestamps (with a time of day)."""
    if frame is None:
        return []
    out = []
    for col in frame.columns:
        _nums, share = _numbers(frame[col])
        if share >= FIT:
            continue  # numbers (epoch seconds, serial days) are not read as times here
        tshare, has_time = _timestamp_share(frame[col])
        if tshare >= FIT and (has_time or not clock):
            out.append(col)
    return out


def _text_score(values: pd.Series) -> float | None:
    """How much a column looks like a call type: repeated, worded text."""
    s, blank = blank_strings(values)
    live = s[~blank]
    if len(live) < 2:
        return None
    distinct = live.nunique() / len(live)
    if distinct > 0.5 and live.nunique() > 5:
        return None  # addresses, references: mostly different
    words = live.astype(str).str.split().str.len().mean()
    return float(words) + (1.0 - distinct)


def guess_by_values(frame: pd.DataFrame) -> dict[str, str]:
    """``{key: column}`` for lat/lon, easting/northing, occurred_at and category.

    Latitude and longitude are decimal columns in range (the pair that is not
    both within ±90 is told apart by which one is); easting/northing are numbers
    within the British National Grid; the timestamp column parses with a time of
    day; the call type is the repeated text with the most words.
    """
    out: dict[str, str] = {}
    decimals: list[tuple[str, np.ndarray]] = []
    for col in frame.columns:
        nums, share = _numbers(frame[col])
        if share >= FIT and len(nums):
            decimals.append((col, nums))
    geo = [
        (c, x)
        for c, x in decimals
        if np.all(np.abs(x) <= 180) and np.any(np.mod(x, 1) != 0)
    ]
    if len(geo) >= 2:
        (a, xa), (b, xb) = geo[0], geo[1]
        if np.all(np.abs(xa) <= 90) and (
            not np.all(np.abs(xb) <= 90) or np.abs(xa).mean() > np.abs(xb).mean()
        ):
            out["lat"], out["lon"] = a, b
        else:
            out["lon"], out["lat"] = a, b
    else:
        grid = [
            c
            for c, x in decimals
            if np.all((x >= 0) & (x <= 1_300_000)) and np.median(x) > 1_000
        ]
        if len(grid) >= 2:
            out["easting"], out["northing"] = grid[0], grid[1]
    taken = set(out.values())
    times = [c for c in timestamp_columns(frame) if c not in taken]
    if times:
        out["occurred_at"] = times[0]
        taken.add(times[0])
    scores = {
        c: sc
        for c in frame.columns
        if c not in taken and (sc := _text_score(frame[c])) is not None
    }
    if scores:
        out["category"] = max(scores, key=lambda c: scores[c])
    return out
