"""Planned against delivered: a saved plan's visits matched to what was done.

A delivered record is a GPS track per officer, a CSV of visits (place and start and
end times), or the plan's own CSV with its times filled in. Every delivered visit
becomes (place, start, end) in minutes from Monday 00:00 of the plan's week (local
time); each planned visit then takes the first unused delivered visit at its place
that starts no more than ``on_time_minutes`` before it and no more than
``late_minutes`` after it. A visit starting within ``on_time_minutes`` of its
planned time is *on time*, a later one *late*, none *missed*. Delivered minutes are
counted in full, per place and per shift of the planned visit they match.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WEEK_MIN = 7 * 24 * 60.0
_CLOCK = re.compile(
    r"^\s*(?:(mon|tue|wed|thu|fri|sat|sun)\w*\s+)?(\d{1,2}):(\d{2})\s*$"
)


def week_minutes(
    values: pd.Series, tz: str, default_day: pd.Series | None = None
) -> np.ndarray:
    """Times as minutes from Monday 00:00 (local), NaN when blank or unreadable.

    Reads "Fri 22:05" (the plan's own form), "22:05" (the day taken from
    ``default_day``, e.g. the planned arrival) and full dates and times (in the
    local zone ``tz`` unless they carry an offset).
    """
    s = values.astype("string").fillna("").str.strip()
    out = np.full(len(s), np.nan)
    m = s.str.lower().str.extract(_CLOCK)
    clock = m[1].notna().to_numpy()
    days = m[0].map(lambda d: DAY_NAMES.index(d.title()) if isinstance(d, str) else -1)
    if default_day is not None:
        fallback = (
            default_day.astype(str)
            .str[:3]
            .map(lambda d: DAY_NAMES.index(d) if d in DAY_NAMES else -1)
        )
        days = days.where(days >= 0, fallback.to_numpy())
    hm = m[1].astype(float) * 60 + m[2].astype(float)
    ok = clock & (days.to_numpy() >= 0)
    out[ok] = days.to_numpy()[ok] * 1440 + hm.to_numpy()[ok]
    rest = ~clock & (s != "").to_numpy()
    if rest.any():
        t = pd.to_datetime(s[rest], errors="coerce", format="mixed", utc=False)
        t = pd.Series(
            [_local(v, tz) for v in t], index=s[rest].index, dtype="datetime64[ns]"
        )
        good = t.notna().to_numpy()
        mins = (
            t.dt.day_of_week * 1440 + t.dt.hour * 60 + t.dt.minute + t.dt.second / 60
        ).to_numpy()
        idx = np.flatnonzero(rest)
        out[idx[good]] = mins[good]
    return out


def _local(v, tz: str):
    if v is None or v is pd.NaT or pd.isna(v):
        return pd.NaT
    v = pd.Timestamp(v)
    v = v.tz_localize(tz) if v.tzinfo is None else v.tz_convert(tz)
    return v.tz_localize(None)


def visits_from_track(
    places: gpd.GeoDataFrame,
    xy: np.ndarray,
    times_ns: np.ndarray,
    track_ids: np.ndarray | None,
    tz: str,
    max_gap_s: float = 300.0,
) -> pd.DataFrame:
    """Delivered visits from GPS fixes: each run of fixes of one track inside one
    place (gaps at most ``max_gap_s``) is a visit from its first fix to its last.
    """
    n = len(xy)
    ids = np.zeros(n, dtype=np.int64) if track_ids is None else np.asarray(track_ids)
    order = np.lexsort((times_ns, ids))
    xy, t, ids = xy[order], np.asarray(times_ns)[order], ids[order]
    inside = np.full(n, -1, dtype=np.int64)
    tree = shapely.STRtree(places.geometry.values)
    pi, gi = tree.query(shapely.points(xy[:, 0], xy[:, 1]), predicate="intersects")
    inside[pi] = gi
    new_run = np.r_[
        True,
        (inside[1:] != inside[:-1])
        | (ids[1:] != ids[:-1])
        | (np.diff(t) / 1e9 > max_gap_s),
    ]
    run = np.cumsum(new_run) - 1
    df = pd.DataFrame({"run": run, "place": inside, "t": t})
    df = df[df["place"] >= 0]
    g = df.groupby("run").agg(
        place=("place", "first"), t0=("t", "min"), t1=("t", "max")
    )
    local = pd.to_datetime(g["t0"], utc=True).dt.tz_convert(tz)
    start = (
        local.dt.day_of_week * 1440
        + local.dt.hour * 60
        + local.dt.minute
        + local.dt.second / 60
    ).to_numpy(dtype=float)
    minutes = ((g["t1"] - g["t0"]) / 6e10).to_numpy(dtype=float)
    return pd.DataFrame(
        {
            "place_id": places["place_id"].to_numpy()[g["place"].to_numpy()],
            "start_min": start,
            "minutes": minutes,
        }
    )


def visits_from_table(
    places: gpd.GeoDataFrame, table: pd.DataFrame, tz: str
) -> pd.DataFrame:
    """Delivered visits from a table with ``start``, ``end`` (text) and a
    ``place_id`` or ``x``/``y``; an optional ``planned_day`` gives the day of bare
    clock times. Rows without a start or a place are dropped (missed).
    """
    day = table["planned_day"] if "planned_day" in table else None
    start = week_minutes(table["start"], tz, day)
    end = week_minutes(table["end"], tz, day)
    minutes = np.where(end >= start, end - start, end + WEEK_MIN - start)
    if "place_id" in table:
        pid = pd.to_numeric(table["place_id"], errors="coerce").to_numpy()
    else:
        tree = shapely.STRtree(places.geometry.values)
        pts = shapely.points(table["x"].to_numpy(float), table["y"].to_numpy(float))
        pi, gi = tree.query(pts, predicate="intersects")
        pid = np.full(len(table), np.nan)
        pid[pi] = places["place_id"].to_numpy()[gi]
    ok = np.isfinite(start) & np.isfinite(end) & np.isfinite(pid)
    out = pd.DataFrame(
        {
            "place_id": pid[ok].astype(int),
            "start_min": start[ok],
            "minutes": minutes[ok],
        }
    )
    out.attrs["unreadable"] = _unreadable(table, start, end, pid, places)
    return out


def _unreadable(
    table: pd.DataFrame,
    start: np.ndarray,
    end: np.ndarray,
    pid: np.ndarray,
    places: gpd.GeoDataFrame,
) -> list[tuple[object, str]]:
    """(row, reason) of each row with something written that cannot be used."""

    def given(col: str) -> np.ndarray:
        return (table[col].astype("string").fillna("").str.strip() != "").to_numpy()

    has_start, has_end = given("start"), given("end")
    known = np.isin(pid, places["place_id"].to_numpy())
    out = []
    for i, row in enumerate(table.index):
        if has_start[i] and not np.isfinite(start[i]):
            out.append((row, f"start time {table['start'].iat[i]!r} not readable"))
        elif has_end[i] and not np.isfinite(end[i]):
            out.append((row, f"end time {table['end'].iat[i]!r} not readable"))
        elif np.isfinite(start[i]) and not known[i]:
            out.append((row, "not at any place of the plan"))
    return out


def match_visits(
    planned: pd.DataFrame,
    delivered: pd.DataFrame,
    *,
    on_time_minutes: float = 15.0,
    late_minutes: float = 120.0,
) -> pd.DataFrame:
    """Each planned hot-spot visit with its delivered visit and status.

    Columns: visit_id, shift_id, place_id, planned_arrive, planned_minutes,
    delivered_start (minutes of week), delivered_minutes, status (on time / late /
    missed).
    """
    hs = planned[planned["stop_type"] == "hot spot"].sort_values("arrive_min")
    used = np.zeros(len(delivered), dtype=bool)
    d_pid = delivered["place_id"].to_numpy()
    d_start = delivered["start_min"].to_numpy(float)
    rows = []
    for v in hs.itertuples():
        planned_at = float(v.arrive_min) % WEEK_MIN
        diff = (d_start - planned_at + WEEK_MIN / 2) % WEEK_MIN - WEEK_MIN / 2
        cand = np.flatnonzero(
            ~used
            & (d_pid == v.place_id)
            & (diff >= -on_time_minutes)
            & (diff <= late_minutes)
        )
        rec = {
            "visit_id": v.visit_id, "shift_id": v.shift_id, "place_id": v.place_id,
            "planned_arrive": v.arrive, "planned_minutes": float(v.minutes),
            "delivered_start": np.nan, "delivered_minutes": 0.0, "status": "missed",
        }  # fmt: skip
        if len(cand):
            j = cand[np.argmin(np.abs(diff[cand]))]
            used[j] = True
            rec["delivered_start"] = d_start[j]
            rec["delivered_minutes"] = float(delivered["minutes"].iat[j])
            rec["status"] = "on time" if diff[j] <= on_time_minutes else "late"
        rows.append(rec)
    out = pd.DataFrame(rows)
    out.attrs["unmatched_delivered"] = int((~used).sum())
    out.attrs["unreadable"] = list(delivered.attrs.get("unreadable", []))
    return out


def delivery_summary(matched: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Minutes and visits (on time / late / missed) per place, per shift and overall."""
    names = dict(
        zip(places["place_id"], places.get("name", places["place_id"]), strict=True)
    )
    parts = []
    for level, key in (("place", "place_id"), ("shift", "shift_id")):
        g = matched.groupby(key, sort=level == "place")
        t = pd.DataFrame(
            {
                "planned_visits": g.size(),
                "planned_minutes": g["planned_minutes"].sum(),
                "delivered_minutes": g["delivered_minutes"].sum(),
                "on_time": g["status"].agg(lambda s: int((s == "on time").sum())),
                "late": g["status"].agg(lambda s: int((s == "late").sum())),
                "missed": g["status"].agg(lambda s: int((s == "missed").sum())),
            }
        ).reset_index(names="key")
        t.insert(0, "level", level)
        t.insert(
            2, "name", [names.get(k, "") if level == "place" else k for k in t["key"]]
        )
        parts.append(t)
    total = pd.DataFrame(
        [
            {
                "level": "plan", "key": "all", "name": "whole plan",
                "planned_visits": len(matched),
                "planned_minutes": matched["planned_minutes"].sum(),
                "delivered_minutes": matched["delivered_minutes"].sum(),
                "on_time": int((matched["status"] == "on time").sum()),
                "late": int((matched["status"] == "late").sum()),
                "missed": int((matched["status"] == "missed").sum()),
            }
        ]
    )  # fmt: skip
    out = pd.concat([*parts, total], ignore_index=True)
    out["key"] = out["key"].astype(str)
    return out
