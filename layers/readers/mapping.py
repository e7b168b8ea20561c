"""Guessing which column is which from the values, when names do not say.

A file with no header row has nothing but its values: coordinates in range,
timestamps, free text. :func:`guess_by_values` reads those; :func:`timestamp_columns`
tells a file of events (times of day in a column) from a list of places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from layers.readers._common import normalise_name
from layers.readers.values import blank_strings, floats, parse_times
from layers.validation import DataError

#: Names of columns that may hold one point per row (WKT, "(lat, lon)").
POINT_COLUMN_NAMES = tuple(
    (
        "point location_point geolocation geo_location mapped_location "
        "location_1 location the_geom geom geometry wkt shape coordinates "
        "lat_lon latlon lat_long latlong lat_lng location_coordinates gps"
    ).split()
)

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


# -- by names: each source passes its candidate names ------------------------------
def name_lookup(columns: Iterable[str]) -> dict[str, str]:
    """``{normalised name: column}`` of a header (the first column of each name)."""
    out: dict[str, str] = {}
    for c in columns:
        out.setdefault(normalise_name(str(c)), str(c))
    return out


def pick(
    norm: dict[str, str], candidates: Iterable[str], taken: set[str]
) -> str | None:
    """The column of the first candidate name found in ``norm`` and not taken."""
    for cand in candidates:
        col = norm.get(cand)
        if col is not None and col not in taken:
            return col
    return None


def by_names(
    columns: Iterable[str],
    candidates: dict[str, tuple[str, ...]],
    taken: set[str] | None = None,
) -> dict[str, str]:
    """``{key: column}``: for each key in turn, its best candidate name not taken.

    ``taken`` (when given) is updated with the columns mapped.
    """
    norm = name_lookup(columns)
    taken = taken if taken is not None else set()
    out: dict[str, str] = {}
    for key, cands in candidates.items():
        col = pick(norm, cands, taken)
        if col is not None:
            out[key] = col
            taken.add(col)
    return out


def resolve(
    mapping: dict[str, Any],
    columns: list[str],
    keys: tuple[str, ...],
    options: tuple[str, ...],
    source: Any,
    *,
    lists: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A user's mapping with each column as the file spells it.

    A value may name a column as written or normalised; keys in ``options`` are
    left out, keys in ``lists`` name several columns. An unknown key or a column
    the file does not have is a :class:`DataError` naming both.
    """
    norm = name_lookup(columns)

    def one(col: Any, key: str) -> str:
        if col in columns:
            return str(col)
        if normalise_name(str(col)) in norm:
            return norm[normalise_name(str(col))]
        raise DataError(
            f"mapping names column {col!r} for {key}, but the file has: "
            + ", ".join(columns),
            source=source,
            column=str(col),
        )

    out: dict[str, Any] = {}
    for key, col in mapping.items():
        if key in options:
            continue
        if key not in keys:
            raise DataError(
                f"unknown mapping key {key!r}; use one of " + ", ".join(keys + options),
                source=source,
            )
        if col is None or col == "":
            continue
        out[key] = [one(c, key) for c in col] if key in lists else one(col, key)
    return out


@dataclass
class Guess:
    """A mapping being guessed from a header: what is mapped and what is taken.

    A source's guess is a few rules over this: the first candidate name of a key
    (:meth:`named`), a name ending a certain way (:meth:`suffixed`), and
    :meth:`take` to map a column so no other key gets it.
    """

    columns: list[str]
    candidates: dict[str, tuple[str, ...]]
    sample: pd.DataFrame | None = None
    out: dict[str, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.norm = name_lookup(self.columns)

    def take(self, key: str, col: str | None) -> None:
        """Map ``key`` to ``col`` (when there is one) and mark the column used."""
        if col is not None:
            self.out[key] = col
            self.taken.add(col)

    def drop(self, *keys: str) -> None:
        """Unmap ``keys``, freeing their columns."""
        for key in keys:
            if key in self.out:
                self.taken.discard(self.out.pop(key))

    def named(self, key: str) -> str | None:
        """The column of ``key``'s first candidate name, when not taken."""
        return pick(self.norm, self.candidates[key], self.taken)

    def suffixed(self, suffixes: tuple[str, ...]) -> str | None:
        """The first free column whose normalised name ends with a suffix."""
        for n, col in self.norm.items():
            if col not in self.taken and n.endswith(suffixes):
                return col
        return None

    def either(self, key: str, suffixes: tuple[str, ...] = ()) -> None:
        """Take ``key`` by name, else (when not mapped) by suffix."""
        if key not in self.out:
            self.take(key, self.named(key))
        if key not in self.out and suffixes:
            self.take(key, self.suffixed(suffixes))

    def has(self, *keys: str) -> bool:
        """True when every one of ``keys`` is mapped."""
        return all(k in self.out for k in keys)

    def values(self, col: str) -> pd.Series | None:
        """The sample's values of ``col`` (None without a sample or column)."""
        if self.sample is None or col not in self.sample:
            return None
        return self.sample[col]


def timestamp_share(values: pd.Series | None) -> tuple[float, bool]:
    """Share of non-blank values that parse as timestamps, and whether any has a clock."""
    if values is None or len(values) == 0:
        return 0.0, False
    return _timestamp_share(values)
