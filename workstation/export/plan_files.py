"""Patrol plan files: GeoJSON, GPX (waypoints and routes) and CSV (no Qt)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from layers.crs import to_lonlat
from layers.csvsafe import write_frame


def _lonlat(x: np.ndarray, y: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = to_lonlat(np.asarray(x, float), np.asarray(y, float), crs)
    return np.round(lon, 6), np.round(lat, 6)


def plan_geojson(plan) -> dict:
    """A FeatureCollection (WGS84) of places, stops and routes."""
    features = []
    places = plan.places.to_crs("EPSG:4326")
    for rec, geom in zip(
        places.drop(columns="geometry").to_dict("records"), places.geometry, strict=True
    ):
        features.append(
            {
                "type": "Feature",
                "properties": {"feature": "place", **_plain(rec)},
                "geometry": json.loads(_geojson_geom(geom)),
            }
        )
    if len(plan.visits):
        lon, lat = _lonlat(plan.visits["x"], plan.visits["y"], plan.crs)
        for i, rec in enumerate(
            plan.visits.drop(columns=["x", "y"]).to_dict("records")
        ):
            features.append(
                {
                    "type": "Feature",
                    "properties": {"feature": "stop", **_plain(rec)},
                    "geometry": {"type": "Point", "coordinates": [lon[i], lat[i]]},
                }
            )
    routes = plan.routes.to_crs("EPSG:4326")
    for rec, geom in zip(
        routes.drop(columns="geometry").to_dict("records"), routes.geometry, strict=True
    ):
        features.append(
            {
                "type": "Feature",
                "properties": {"feature": "route", **_plain(rec)},
                "geometry": json.loads(_geojson_geom(geom)),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _geojson_geom(geom) -> str:
    import shapely

    return shapely.to_geojson(geom, indent=None)


def _plain(rec: dict) -> dict:
    out = {}
    for k, v in rec.items():
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, float) and not np.isfinite(v):
            v = None
        out[k] = v
    return out


def write_geojson(plan, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(
        json.dumps(plan_geojson(plan), ensure_ascii=False), encoding="utf-8"
    )
    return path


def write_gpx(plan, path: str | Path, *, title: str = "Patrol plan") -> Path:
    """Waypoints for every place and reassurance point, and one route per shift and
    patrol area (stops in time order).
    """
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    gpx.name = title
    gpx.creator = "Analyst Workstation"
    cent = plan.places.geometry.representative_point()
    plon, plat = _lonlat(cent.x.to_numpy(), cent.y.to_numpy(), plan.crs)
    for i, rec in enumerate(plan.places.itertuples()):
        gpx.waypoints.append(
            gpxpy.gpx.GPXWaypoint(
                latitude=float(plat[i]),
                longitude=float(plon[i]),
                name=f"Hot spot {rec.place_id}",
                description=f"{rec.visits} visits, {rec.planned_minutes:.0f} min planned; "
                f"busiest: {rec.best_hours}",
                symbol="Flag, Red",
            )
        )
    v = plan.visits
    if len(v):
        lon, lat = _lonlat(v["x"].to_numpy(), v["y"].to_numpy(), plan.crs)
        assets = v["stop_type"] == "reassurance point"
        seen = set()
        for i in np.flatnonzero(assets.to_numpy()):
            key = (v["label"].iat[i], lon[i], lat[i])
            if key in seen:
                continue
            seen.add(key)
            gpx.waypoints.append(
                gpxpy.gpx.GPXWaypoint(
                    latitude=float(lat[i]),
                    longitude=float(lon[i]),
                    name=str(v["label"].iat[i]),
                    description="reassurance point",
                    symbol="Flag, Blue",
                )
            )
        # one route per shift worked and patrol area, stops in time order: a night
        # shift that crosses midnight is one route; a shift with a single stop has
        # no route (its place is a waypoint already)
        keys = ["shift_id", "patrol_area"]
        for _key, grp in v.sort_values("arrive_min", kind="stable").groupby(
            keys, sort=False
        ):
            if len(grp) < 2:
                continue
            first = grp.iloc[0]
            route = gpxpy.gpx.GPXRoute(
                name=f"{first['shift_id']}, patrol area {first['patrol_area']}",
                description=f"{len(grp)} stops from {first['arrive']} to {grp['depart'].iloc[-1]}",
            )
            for j in grp.index:
                route.points.append(
                    gpxpy.gpx.GPXRoutePoint(
                        latitude=float(lat[j]),
                        longitude=float(lon[j]),
                        name=f"{v['arrive'][j]} {v['label'][j]}",
                    )
                )
            gpx.routes.append(route)
    Path(path).write_text(gpx.to_xml(), encoding="utf-8")
    return Path(path)


#: Columns of the plan's CSV an officer or supervisor fills in with what was done.
FILL_IN = ("delivered_arrive", "delivered_depart")


def plan_csv_table(plan) -> pd.DataFrame:
    """The week's table: plan id, visit id, shift, patrol area, officer, times, place,
    grid reference, lon/lat and BNG, and blank columns for the delivered times.
    """
    t = plan.shift_table()
    t.insert(0, "visit_id", plan.visits["visit_id"].to_numpy() if len(t) else [])
    t.insert(0, "plan_id", plan.extras.get("plan_id", ""))
    if len(plan.visits):
        lon, lat = _lonlat(plan.visits["x"], plan.visits["y"], plan.crs)
        t["longitude"], t["latitude"] = lon, lat
        t["easting"], t["northing"] = (
            plan.visits["x"].round(1),
            plan.visits["y"].round(1),
        )
    for c in FILL_IN:
        t[c] = ""
    return t


def write_table_csv(table: pd.DataFrame, path: str | Path) -> Path:
    """The one CSV writer of plan files: the project's safe writer (formulas neutralised)."""
    write_frame(table, path)
    return Path(path)


def write_csv(plan, path: str | Path) -> Path:
    """The printable plan as CSV (see :func:`plan_csv_table`)."""
    return write_table_csv(plan_csv_table(plan), path)


def _plan_csv_visits(df: pd.DataFrame) -> pd.DataFrame:
    """The plan's own CSV as delivered visits: the filled-in delivered times where
    any are given (a blank row is a missed visit), else the planned times.
    """
    filled = all(c in df for c in FILL_IN) and (
        df[list(FILL_IN)].astype("string").fillna("").apply(lambda s: s.str.strip())
        != ""
    ).any(axis=None)
    a, b = FILL_IN if filled else ("arrive", "depart")
    rows = df[df["stop_type"].astype(str).str.strip() == "hot spot"]
    out = pd.DataFrame(
        {
            "start": rows[a],
            "end": rows[b],
            "place_id": pd.to_numeric(rows["place_id"], errors="coerce"),
            "planned_day": rows["arrive"].astype(str).str.lstrip("'"),
        },
        index=rows.index,
    )
    ids = df["plan_id"].astype("string").fillna("").str.strip()
    out.attrs["plan_id"] = next((v for v in ids if v), "")
    return out


def read_delivered(path: str | Path, crs: str) -> pd.DataFrame | tuple:
    """Delivered patrols: a GPX file (tracks) -> (xy, times_ns, track ids); a CSV of
    visits (start, end and place_id or lon/lat or easting/northing) -> DataFrame.
    """
    from layers.crs import WGS84, to_working
    from layers.validation import DataError

    path = Path(path)
    if path.suffix.lower() == ".gpx":
        import gpxpy

        try:
            gpx = gpxpy.parse(path.read_text(encoding="utf-8"))
        except Exception as exc:
            raise DataError(f"not a readable GPX file ({exc})", source=path) from exc
        lon, lat, t, ids = [], [], [], []
        missing = 0
        for ti, track in enumerate(gpx.tracks):
            for seg in track.segments:
                for pt in seg.points:
                    if pt.time is None:
                        missing += 1
                        continue
                    lon.append(pt.longitude)
                    lat.append(pt.latitude)
                    t.append(
                        pd.Timestamp(pt.time).tz_convert("UTC").value
                        if pd.Timestamp(pt.time).tzinfo
                        else pd.Timestamp(pt.time).tz_localize("UTC").value
                    )
                    ids.append(ti)
        if not lon:
            raise DataError("the GPX file has no timed track points", source=path)
        x, y, _ = to_working(np.array(lon), np.array(lat), WGS84, crs)
        return (
            np.column_stack([x, y]),
            np.array(t, dtype=np.int64),
            np.array(ids),
            missing,
        )
    from layers.readers._common import find_column, parse_float, read_table

    table = read_table(path)
    df = table.data
    cols = list(df.columns)
    if {"plan_id", "visit_id", "arrive", "depart", "place_id", "stop_type"} <= set(
        cols
    ):
        return _plan_csv_visits(df)
    start = find_column(cols, ["start", "start_time", "arrived", "arrive", "from"])
    end = find_column(cols, ["end", "end_time", "left", "depart", "to"])
    if start is None or end is None:
        raise DataError(
            f"needs start and end columns (found: {', '.join(cols)})", source=path
        )
    out = pd.DataFrame({"start": df[start], "end": df[end]}, index=df.index)
    pid = find_column(cols, ["place_id", "hot_spot", "hotspot", "place"])
    lon_c, lat_c = (
        find_column(cols, ["longitude", "lon", "lng"]),
        find_column(cols, ["latitude", "lat"]),
    )
    e_c, n_c = find_column(cols, ["easting", "x"]), find_column(cols, ["northing", "y"])
    if pid is not None:
        out["place_id"] = pd.to_numeric(
            df[pid].str.extract(r"(\d+)")[0], errors="coerce"
        )
    elif lon_c and lat_c:
        x, y, _ = to_working(parse_float(df[lon_c]), parse_float(df[lat_c]), WGS84, crs)
        out["x"], out["y"] = x, y
    elif e_c and n_c:
        out["x"], out["y"] = parse_float(df[e_c]), parse_float(df[n_c])
    else:
        raise DataError(
            "needs place_id, longitude/latitude or easting/northing", source=path
        )
    return out
