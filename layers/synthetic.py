"""A seeded synthetic force area: boundaries, street crime, calls for service, assets.

Everything is written as files in the formats the real readers take, so a demo runs
through exactly the same code as real data:

* ``crime/YYYY-MM/YYYY-MM-synthetic-police-street.csv``: the modern data.police.uk
  street layout (12 columns), month precision, points snapped to a few thousand
  "map points" with ``On or near ...`` names, ASB rows without Crime ID or outcome,
  and a few rows with ``No location``.
* ``crime/synthetic_force_burglary.csv``: a force crime-system extract of every
  burglary with its full local date and time and its unsnapped Easting/Northing
  (the same Crime ID as in the street files), so near-repeat (Knox) analysis,
  which needs days, has what it needs.
* ``calls/synthetic_calls_for_service.csv``: a command-and-control export for the
  last 12 months (local UK time, grades P1-P4, beats, pseudonymous caller ids).
* ``assets/community_assets.csv``: schools, youth clubs, libraries and places of
  worship with per-weekday opening hours.
* ``boundaries/``: LSOAs (GeoPackage, BNG), wards (GeoJSON, WGS84), districts
  (GeoPackage, BNG), the force outline (GeoJSON, WGS84), ``population.csv``
  (Census TS001 layout) and ``imd.csv`` (IoD 2019 layout, BOM and CRLF).
* ``manifest.json``: seed, months, every file and what it is, and the planted
  signals with their centres (BNG metres), radii, months, types and the expected
  effect computed from the generating intensities.

All codes are clearly synthetic: the ``X`` prefix (``X01000001`` for an LSOA,
``X05`` wards, ``X08`` districts, ``X23`` the force area) is not used by the ONS,
and postcodes use the non-existent ``XX`` area.

The generator uses ``numpy.random.default_rng(seed)`` only, so one seed always gives
identical files (the GeoPackages' internal time stamps are pinned to the reference
month as well).
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from layers.progress import Progress, check

#: Bump when the generated files change, so cached demo data are rebuilt.
GENERATOR_VERSION = 2

FORCE_NAME = "Synthetic Police"
FORCE_SLUG = "synthetic-police"
FORCE_CODE = "X23000001"
TIMEZONE = "Europe/London"

POLICE_UK_HEADER = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
]

#: The 14 data.police.uk crime types with their share of all street records,
#: close to England and Wales in recent years.
CRIME_TYPES: dict[str, float] = {
    "Violence and sexual offences": 0.345,
    "Anti-social behaviour": 0.17,
    "Shoplifting": 0.085,
    "Criminal damage and arson": 0.07,
    "Public order": 0.07,
    "Other theft": 0.06,
    "Vehicle crime": 0.06,
    "Burglary": 0.045,
    "Drugs": 0.02,
    "Other crime": 0.016,
    "Robbery": 0.013,
    "Theft from the person": 0.012,
    "Bicycle theft": 0.012,
    "Possession of weapons": 0.009,
}
ASB = "Anti-social behaviour"

#: Seasonal amplitude and peak month (1-12) per type.
SEASONALITY: dict[str, tuple[float, int]] = {
    "Anti-social behaviour": (0.25, 7),
    "Violence and sexual offences": (0.12, 7),
    "Bicycle theft": (0.35, 7),
    "Public order": (0.10, 7),
    "Burglary": (0.15, 12),
    "Criminal damage and arson": (0.10, 10),
    "Shoplifting": (0.08, 12),
    "Theft from the person": (0.10, 12),
}

#: Share of each type that falls in the persistent town-centre hot spots.
HOTSPOT_SHARE: dict[str, float] = {
    "Violence and sexual offences": 0.22,
    "Anti-social behaviour": 0.15,
    "Shoplifting": 0.55,
    "Criminal damage and arson": 0.08,
    "Public order": 0.30,
    "Other theft": 0.30,
    "Vehicle crime": 0.10,
    "Burglary": 0.02,
    "Drugs": 0.20,
    "Other crime": 0.10,
    "Robbery": 0.25,
    "Theft from the person": 0.50,
    "Bicycle theft": 0.30,
    "Possession of weapons": 0.20,
}

_OUTCOMES_UNSOLVED = {
    "Investigation complete; no suspect identified": 0.62,
    "Unable to prosecute suspect": 0.18,
    "Status update unavailable": 0.06,
    "Awaiting court outcome": 0.04,
    "Court result unavailable": 0.03,
    "Local resolution": 0.03,
    "Further investigation is not in the public interest": 0.02,
    "Offender given a caution": 0.02,
}
_OUTCOMES_VICTIM_BASED = {
    "Unable to prosecute suspect": 0.52,
    "Investigation complete; no suspect identified": 0.16,
    "Awaiting court outcome": 0.08,
    "Court result unavailable": 0.05,
    "Local resolution": 0.05,
    "Offender given a caution": 0.03,
    "Status update unavailable": 0.04,
    "Action to be taken by another organisation": 0.03,
    "Formal action is not in the public interest": 0.02,
    "Suspect charged as part of another case": 0.02,
}
_OUTCOMES_SHOPLIFTING = {
    "Investigation complete; no suspect identified": 0.40,
    "Awaiting court outcome": 0.17,
    "Unable to prosecute suspect": 0.15,
    "Court result unavailable": 0.08,
    "Local resolution": 0.08,
    "Offender given a caution": 0.04,
    "Offender given penalty notice": 0.03,
    "Status update unavailable": 0.05,
}
_OUTCOMES_PROACTIVE = {
    "Local resolution": 0.22,
    "Offender given a drugs possession warning": 0.18,
    "Awaiting court outcome": 0.20,
    "Court result unavailable": 0.12,
    "Offender given a caution": 0.10,
    "Formal action is not in the public interest": 0.06,
    "Unable to prosecute suspect": 0.07,
    "Status update unavailable": 0.05,
}
_OUTCOMES_WEAPONS = {
    "Awaiting court outcome": 0.35,
    "Court result unavailable": 0.15,
    "Unable to prosecute suspect": 0.20,
    "Offender given a caution": 0.10,
    "Local resolution": 0.08,
    "Status update unavailable": 0.06,
    "Suspect charged as part of another case": 0.06,
}
OUTCOMES_BY_TYPE: dict[str, dict[str, float]] = {
    "Violence and sexual offences": _OUTCOMES_VICTIM_BASED,
    "Public order": _OUTCOMES_VICTIM_BASED,
    "Other crime": _OUTCOMES_VICTIM_BASED,
    "Shoplifting": _OUTCOMES_SHOPLIFTING,
    "Drugs": _OUTCOMES_PROACTIVE,
    "Possession of weapons": _OUTCOMES_WEAPONS,
    "Criminal damage and arson": _OUTCOMES_UNSOLVED,
    "Other theft": _OUTCOMES_UNSOLVED,
    "Vehicle crime": _OUTCOMES_UNSOLVED,
    "Burglary": _OUTCOMES_UNSOLVED,
    "Robbery": _OUTCOMES_UNSOLVED,
    "Theft from the person": _OUTCOMES_UNSOLVED,
    "Bicycle theft": _OUTCOMES_UNSOLVED,
}

#: Call types: share of general calls and the grade distribution P1..P4.
CALL_TYPES: dict[str, tuple[float, tuple[float, float, float, float]]] = {
    "Concern for Safety": (0.12, (0.35, 0.45, 0.15, 0.05)),
    "ASB - Nuisance": (0.11, (0.02, 0.28, 0.45, 0.25)),
    "ASB - Personal": (0.05, (0.05, 0.40, 0.40, 0.15)),
    "Domestic Incident": (0.09, (0.35, 0.45, 0.18, 0.02)),
    "Suspicious Circumstances": (0.08, (0.10, 0.45, 0.30, 0.15)),
    "Violence": (0.07, (0.45, 0.40, 0.13, 0.02)),
    "Theft": (0.07, (0.03, 0.22, 0.45, 0.30)),
    "Road Related Incident": (0.07, (0.25, 0.45, 0.20, 0.10)),
    "Burglary": (0.035, (0.20, 0.45, 0.33, 0.02)),
    "Criminal Damage": (0.04, (0.03, 0.25, 0.47, 0.25)),
    "Public Order": (0.04, (0.25, 0.50, 0.20, 0.05)),
    "Alarm": (0.04, (0.05, 0.50, 0.25, 0.20)),
    "Missing Person": (0.03, (0.30, 0.55, 0.15, 0.00)),
    "Mental Health": (0.03, (0.30, 0.50, 0.15, 0.05)),
    "Shoplifting": (0.03, (0.05, 0.35, 0.45, 0.15)),
    "Drugs": (0.02, (0.02, 0.23, 0.45, 0.30)),
    "Sudden Death": (0.01, (0.30, 0.65, 0.05, 0.00)),
    "Abandoned Call": (0.035, (0.05, 0.25, 0.20, 0.50)),
    "Admin / Enquiry": (0.035, (0.00, 0.05, 0.25, 0.70)),
}
#: Night-time-economy calls: type shares.
NTE_CALL_TYPES: dict[str, float] = {
    "Violence": 0.40,
    "Public Order": 0.22,
    "Concern for Safety": 0.18,
    "ASB - Personal": 0.08,
    "Theft": 0.06,
    "Criminal Damage": 0.06,
}
#: Types a repeat caller rings about.
REPEAT_CALL_TYPES: dict[str, float] = {
    "ASB - Nuisance": 0.35,
    "Concern for Safety": 0.20,
    "Domestic Incident": 0.15,
    "Suspicious Circumstances": 0.15,
    "Mental Health": 0.10,
    "Admin / Enquiry": 0.05,
}
GRADE_LABELS = {
    "P1": "Emergency (grade 1)",
    "P2": "Priority (grade 2)",
    "P3": "Scheduled (grade 3)",
    "P4": "Resolution without deployment (grade 4)",
}

TOWNS = (
    # name, weight of population/centre, relative distance from the middle, angle
    ("Synthtown", 1.00),
    ("Ashby Vale", 0.55),
    ("Brinkmoor", 0.45),
    ("Calderbridge", 0.40),
    ("Dunholt", 0.30),
    ("Eastmere", 0.25),
)

_WARD_WORDS = (
    "Abbey", "Brookside", "Castle", "Deanfield", "Elmwood", "Fairview", "Greenhill",
    "Hollybank", "Ironbridge", "Kingsmead", "Larkrise", "Meadowcroft", "Northgate",
    "Oakfield", "Parkside", "Queensway", "Riverside", "Stonebridge", "Thornbury",
    "Upton", "Victoria", "Westbrook", "Woodlands", "Yewtree", "Ashfield", "Beacon",
    "Coppice", "Dovecote", "Foxhollow", "Glebe", "Heathside", "Kestrel", "Lowfield",
    "Millbrook", "Newhall", "Orchard", "Priory", "Redhouse", "Sandwell Green",
    "Tanners", "Vicarage", "Willowmere", "Broadmeadow", "Chapel End", "Hillcrest",
    "Marsh Lane", "Rookery", "Sycamore",
)  # fmt: skip
_STREET_FIRST = (
    "Acacia", "Albert", "Alder", "Arden", "Ash", "Aston", "Balmoral", "Beech",
    "Birch", "Blackthorn", "Bramble", "Bridge", "Brook", "Canal", "Cedar", "Chapel",
    "Cherry", "Chestnut", "Church", "Clarence", "Coronation", "Cromwell", "Dale",
    "Elm", "Fern", "Field", "Forge", "Garden", "George", "Glebe", "Grange", "Hawthorn",
    "Hazel", "Heath", "High", "Highfield", "Hill", "Holly", "Kings", "Lark", "Laurel",
    "Lime", "Linden", "Manor", "Maple", "Market", "Meadow", "Mill", "Moor", "Nelson",
    "New", "Oak", "Orchard", "Park", "Pear", "Pine", "Poplar", "Primrose", "Princess",
    "Queens", "Railway", "Rectory", "Rose", "Rowan", "School", "Spring", "Station",
    "Sycamore", "Tower", "Union", "Vale", "Victoria", "Walnut", "Water", "Well",
    "Wharf", "Willow", "Windsor", "Wood", "York",
)  # fmt: skip
_STREET_SUFFIX = (
    "Road", "Street", "Lane", "Avenue", "Close", "Drive", "Grove", "Way", "Crescent",
    "Place", "Gardens", "Walk", "Court", "Terrace", "Rise", "View",
)  # fmt: skip
_TOWN_POIS = (
    "Shopping Area", "Supermarket", "Parking Area", "Nightclub", "Pedestrian Subway",
    "Theatre/Concert Hall", "Bus/Coach Station", "Shopping Area", "Parking Area",
)  # fmt: skip
_OTHER_POIS = (
    "Parking Area", "Supermarket", "Petrol Station", "Park/Open Space",
    "Sports/Recreation Area", "Further/Higher Educational Building", "Hospital",
    "Police Station", "Conference/Exhibition Centre", "Parking Area",
)  # fmt: skip
_SAINTS = ("Mary", "John", "Peter", "Andrew", "Michael", "Paul", "Luke", "Mark")
_WEEKDAYS = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
)  # fmt: skip


# --------------------------------------------------------------------------- util
def _months(end_month: str, months: int) -> pd.PeriodIndex:
    text = str(end_month)
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise ValueError(f"end month {end_month!r} is not YYYY-MM")
    end = pd.Period(text, freq="M")
    if months < 1:
        raise ValueError("months must be at least 1")
    return pd.period_range(end=end, periods=months, freq="M")


def _bng_to_lonlat(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """BNG to WGS84 by the inverse OSTN15 (convertbng), PROJ when it is missing."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    try:
        from convertbng.cutil import convert_lonlat
    except Exception:  # pragma: no cover - convertbng is a dependency
        from layers.crs import to_lonlat

        return to_lonlat(x, y)
    lon, lat = convert_lonlat(x, y)
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def _sample_in_polygon(
    rng: np.random.Generator, poly, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points inside a polygon by rejection in its bounding box."""
    x0, y0, x1, y1 = poly.bounds
    out_x: list[np.ndarray] = []
    out_y: list[np.ndarray] = []
    got = 0
    shapely.prepare(poly)
    while got < n:
        k = max(16, 2 * (n - got))
        px = rng.uniform(x0, x1, k)
        py = rng.uniform(y0, y1, k)
        ok = shapely.contains_xy(poly, px, py)
        out_x.append(px[ok])
        out_y.append(py[ok])
        got += int(ok.sum())
    return np.concatenate(out_x)[:n], np.concatenate(out_y)[:n]


def _hex_ids(rng: np.random.Generator, n: int, nbytes: int = 32) -> np.ndarray:
    raw = rng.integers(0, 256, size=(n, nbytes), dtype=np.uint8)
    return np.array([r.tobytes().hex() for r in raw], dtype=object)


def _choice(rng: np.random.Generator, probs: dict[str, float], n: int) -> np.ndarray:
    names = list(probs)
    p = np.array([probs[k] for k in names], dtype=float)
    return np.array(names, dtype=object)[rng.choice(len(names), size=n, p=p / p.sum())]


# ------------------------------------------------------------------- geography
@dataclass
class _Geography:
    outline: Any  # shapely Polygon
    towns: list[dict[str, Any]]
    lsoa: gpd.GeoDataFrame  # code, name, population, imd_decile, imd_rank, ward, lad
    wards: gpd.GeoDataFrame
    districts: gpd.GeoDataFrame
    snap_x: np.ndarray
    snap_y: np.ndarray
    snap_name: np.ndarray  # "On or near ..."
    snap_street: np.ndarray  # bare street name
    snap_lsoa: np.ndarray  # index into lsoa


def _outline(rng: np.random.Generator, cx: float, cy: float):
    theta = np.linspace(0.0, 2 * np.pi, 241)[:-1]
    ph = rng.uniform(0, 2 * np.pi, 3)
    wobble = (
        1.0
        + 0.07 * np.sin(3 * theta + ph[0])
        + 0.05 * np.sin(5 * theta + ph[1])
        + 0.025 * np.sin(9 * theta + ph[2])
    )
    rx, ry = 12500.0, 10000.0
    xs = cx + rx * wobble * np.cos(theta)
    ys = cy + ry * wobble * np.sin(theta)
    return shapely.Polygon(np.column_stack([np.round(xs, 1), np.round(ys, 1)]))


def _build_geography(
    rng: np.random.Generator, n_lsoa: int = 330, n_wards: int = 40, n_snap: int = 3600
) -> _Geography:
    cx, cy = 400000.0, 285000.0
    outline = _outline(rng, cx, cy)

    # Town centres: Synthtown in the middle, the others around it.
    towns: list[dict[str, Any]] = []
    angles = (
        rng.uniform(0, 2 * np.pi)
        + np.linspace(0, 2 * np.pi, 5, endpoint=False)
        + rng.uniform(-0.2, 0.2, 5)
    )
    for i, (name, weight) in enumerate(TOWNS):
        if i == 0:
            tx = cx + rng.uniform(-600, 600)
            ty = cy + rng.uniform(-600, 600)
        else:
            a = angles[i - 1]
            rel = rng.uniform(0.55, 0.65)
            tx = cx + rel * 12500 * math.cos(a)
            ty = cy + rel * 10000 * math.sin(a)
        towns.append(
            {"name": name, "weight": weight, "x": round(tx, 0), "y": round(ty, 0)}
        )
    tx = np.array([t["x"] for t in towns])
    ty = np.array([t["y"] for t in towns])
    tw = np.array([t["weight"] for t in towns])

    # LSOA seeds: denser in towns, a minimum spacing so no sliver cells.
    seeds: list[tuple[float, float]] = []
    tree_pts = np.zeros((0, 2))
    shapely.prepare(outline)
    while len(seeds) < n_lsoa:
        if rng.random() < 0.6:
            k = rng.choice(len(towns), p=tw / tw.sum())
            sd = 2300.0 if k == 0 else 1500.0
            px, py = rng.normal(tx[k], sd), rng.normal(ty[k], sd)
        else:
            x0, y0, x1, y1 = outline.bounds
            px, py = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if not shapely.contains_xy(outline, px, py):
            continue
        if len(tree_pts) and np.min(np.hypot(*(tree_pts - (px, py)).T)) < 280.0:
            continue
        seeds.append((px, py))
        tree_pts = np.array(seeds)
    sx, sy = tree_pts[:, 0], tree_pts[:, 1]
    cells = shapely.voronoi_polygons(
        shapely.multipoints(tree_pts), extend_to=outline.buffer(2000), ordered=True
    )
    polys = np.array(shapely.get_parts(cells))
    polys = shapely.intersection(polys, outline)
    polys = shapely.set_precision(polys, 0.1)
    # Each clipped cell is one polygon (the outline is star-shaped about its centre).
    polys = np.array(
        [
            p if p.geom_type == "Polygon" else max(p.geoms, key=lambda g: g.area)
            for p in polys
        ]
    )

    # Districts: nearest town centre; wards: k-means inside each district.
    d_town = np.hypot(sx[:, None] - tx[None, :], sy[:, None] - ty[None, :])
    district = np.argmin(d_town / np.sqrt(tw)[None, :], axis=1)
    ward = np.full(n_lsoa, -1)
    next_ward = 0
    counts = np.bincount(district, minlength=len(towns))
    k_per = np.maximum(2, np.round(counts / counts.sum() * n_wards).astype(int))
    for d in range(len(towns)):
        idx = np.flatnonzero(district == d)
        k = min(k_per[d], len(idx))
        pts = tree_pts[idx]
        centres = pts[rng.choice(len(idx), size=k, replace=False)]
        for _ in range(15):
            lab = np.argmin(
                ((pts[:, None, :] - centres[None, :, :]) ** 2).sum(-1), axis=1
            )
            for j in range(k):
                if np.any(lab == j):
                    centres[j] = pts[lab == j].mean(axis=0)
        ward[idx] = next_ward + lab
        next_ward += k
    n_w = next_ward

    # Population and deprivation: deprived centre, more affluent edges.
    population = np.clip(rng.normal(1650, 260, n_lsoa), 1050, 2900).astype(int)
    d_main = np.hypot(sx - tx[0], sy - ty[0])
    d_near = d_town[:, 1:].min(axis=1)
    score = (
        1.6 * np.exp(-d_main / 4500.0)
        + 0.8 * np.exp(-d_near / 1800.0)
        + rng.normal(0, 0.25, n_lsoa)
    )
    # Smooth the noise over neighbours so deprivation is spatially correlated.
    tree = cKDTree(tree_pts)
    _, nn = tree.query(tree_pts, k=6)
    score = 0.5 * score + 0.5 * score[nn].mean(axis=1)
    # A West-Midlands-like skew: far more LSOAs in the most deprived deciles.
    share = np.array([18, 15, 12, 11, 9, 8, 8, 7, 6, 6], dtype=float)
    cum = np.cumsum(share) / share.sum()
    order = np.argsort(-score, kind="stable")
    decile = np.empty(n_lsoa, dtype=int)
    decile[order] = np.searchsorted(cum, (np.arange(n_lsoa) + 0.5) / n_lsoa) + 1
    # National rank (1 = most deprived of 32,844) consistent with the decile.
    lo = (decile - 1) * 3284.4
    rank = np.floor(lo + rng.uniform(1, 3284, n_lsoa)).astype(int)

    # Names: MSOA numbers within a district run north to south, LSOA letters within.
    lsoa_name = np.empty(n_lsoa, dtype=object)
    msoa = np.empty(n_lsoa, dtype=int)
    for d in range(len(towns)):
        idx = np.flatnonzero(district == d)
        wards_d = sorted(set(ward[idx]), key=lambda w: -sy[ward == w].mean())
        m_no = 0
        for w in wards_d:
            members = idx[ward[idx] == w]
            members = members[np.argsort(-sy[members], kind="stable")]
            for start in range(0, len(members), 5):
                m_no += 1
                for j, li in enumerate(members[start : start + 5]):
                    lsoa_name[li] = f"{towns[d]['name']} {m_no:03d}{chr(65 + j)}"
                    msoa[li] = m_no
    order = np.lexsort((lsoa_name.astype(str), district))
    code = np.empty(n_lsoa, dtype=object)
    code[order] = [f"X01{i + 1:06d}" for i in range(n_lsoa)]

    ward_words = list(_WARD_WORDS)
    rng.shuffle(ward_words)
    ward_name = []
    for w in range(n_w):
        members = np.flatnonzero(ward == w)
        d = district[members[0]]
        has_centre = bool(
            shapely.contains_xy(shapely.union_all(polys[members]), tx[d], ty[d])
        )
        ward_name.append(f"{towns[d]['name']} Central" if has_centre else ward_words[w])
    ward_code = [f"X05{w + 1:06d}" for w in range(n_w)]
    lad_code = [f"X08{d + 1:06d}" for d in range(len(towns))]

    lsoa = gpd.GeoDataFrame(
        {
            "code": code,
            "name": lsoa_name,
            "population": population,
            "imd_decile": decile,
            "imd_rank": rank,
            "ward": ward,
            "district": district,
            "seed_x": sx,
            "seed_y": sy,
        },
        geometry=polys,
        crs="EPSG:27700",
    )
    wards = gpd.GeoDataFrame(
        {
            "WD24CD": ward_code,
            "WD24NM": ward_name,
            "LAD24CD": [
                lad_code[district[np.flatnonzero(ward == w)[0]]] for w in range(n_w)
            ],
            "LAD24NM": [
                towns[district[np.flatnonzero(ward == w)[0]]]["name"]
                for w in range(n_w)
            ],
        },
        geometry=[shapely.union_all(polys[ward == w]) for w in range(n_w)],
        crs="EPSG:27700",
    )
    districts = gpd.GeoDataFrame(
        {"LAD24CD": lad_code, "LAD24NM": [t["name"] for t in towns]},
        geometry=[shapely.union_all(polys[district == d]) for d in range(len(towns))],
        crs="EPSG:27700",
    )

    # Map points: per LSOA in proportion to population (so density follows
    # housing), plus retail/NTE points around the town centres.
    per = np.maximum(3, np.round(population / population.sum() * n_snap * 0.9)).astype(
        int
    )
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    li: list[np.ndarray] = []
    for i, poly in enumerate(polys):
        px, py = _sample_in_polygon(rng, poly, int(per[i]))
        xs.append(px)
        ys.append(py)
        li.append(np.full(len(px), i))
    n_base = int(sum(len(a) for a in xs))
    town_pts = []
    for k, t in enumerate(towns):
        m = round(70 * t["weight"]) + 10
        px = rng.normal(t["x"], 320.0, m)
        py = rng.normal(t["y"], 320.0, m)
        ok = shapely.contains_xy(outline, px, py)
        town_pts.append((px[ok], py[ok], k))
    for px, py, _k in town_pts:
        xs.append(px)
        ys.append(py)
        li.append(np.full(len(px), -1))
    snap_x = np.round(np.concatenate(xs), 0)
    snap_y = np.round(np.concatenate(ys), 0)
    snap_lsoa = np.concatenate(li)
    tree_l = shapely.STRtree(polys)
    need = np.flatnonzero(snap_lsoa < 0)
    pts = shapely.points(snap_x[need], snap_y[need])
    q_in, q_tree = tree_l.query(pts, predicate="intersects")
    found = np.full(len(need), -1)
    found[q_in[::-1]] = q_tree[::-1]  # the first match wins
    if np.any(found < 0):  # pragma: no cover - rounding on the outline
        _, near = tree_l.query_nearest(pts[found < 0], return_distance=True)
        found[found < 0] = near[1] if near.ndim == 2 else near
    snap_lsoa[need] = found

    # Street names: spatially coherent (each name covers a few neighbouring points).
    n_pts = len(snap_x)
    combos = [f"{a} {b}" for a in _STREET_FIRST for b in _STREET_SUFFIX]
    n_streets = min(len(combos), int(n_pts * 0.3))
    street_pool = np.array(combos, dtype=object)[
        rng.choice(len(combos), size=n_streets, replace=False)
    ]
    street_seed = rng.choice(n_pts, size=n_streets, replace=False)
    st_tree = cKDTree(np.column_stack([snap_x[street_seed], snap_y[street_seed]]))
    _, nearest = st_tree.query(np.column_stack([snap_x, snap_y]))
    snap_street = street_pool[nearest]
    snap_name = np.array([f"On or near {s}" for s in snap_street], dtype=object)
    is_town = np.arange(n_pts) >= n_base
    poi_draw = rng.random(n_pts)
    town_poi = is_town & (poi_draw < 0.5)
    other_poi = ~is_town & (poi_draw < 0.08)
    snap_name[town_poi] = [
        f"On or near {p}"
        for p in np.array(_TOWN_POIS, dtype=object)[
            rng.integers(0, len(_TOWN_POIS), int(town_poi.sum()))
        ]
    ]
    snap_name[other_poi] = [
        f"On or near {p}"
        for p in np.array(_OTHER_POIS, dtype=object)[
            rng.integers(0, len(_OTHER_POIS), int(other_poi.sum()))
        ]
    ]
    for t, d in zip(towns, range(len(towns)), strict=True):
        t["district_code"] = lad_code[d]
    return _Geography(
        outline=outline,
        towns=towns,
        lsoa=lsoa,
        wards=wards,
        districts=districts,
        snap_x=snap_x,
        snap_y=snap_y,
        snap_name=snap_name,
        snap_street=snap_street,
        snap_lsoa=snap_lsoa,
    )


# -------------------------------------------------------------------- signals
def _pick_site(
    geo: _Geography,
    avoid: list[tuple[float, float]],
    min_d: float,
    rng,
    near_main: bool,
) -> tuple[float, float]:
    """A residential LSOA seed far from ``avoid`` with many map points near it."""
    sx = geo.lsoa["seed_x"].to_numpy()
    sy = geo.lsoa["seed_y"].to_numpy()
    t0 = geo.towns[0]
    d_main = np.hypot(sx - t0["x"], sy - t0["y"])
    ok = np.ones(len(sx), dtype=bool)
    for ax, ay in avoid:
        ok &= np.hypot(sx - ax, sy - ay) >= min_d
    if near_main:
        ok &= (d_main > 1800) & (d_main < 4500)
    else:
        ok &= d_main > 4000
    ok &= shapely.contains_xy(geo.outline.buffer(-1500), sx, sy)
    cand = np.flatnonzero(ok)
    if len(cand) == 0:  # pragma: no cover - geometry always leaves room
        cand = np.arange(len(sx))
    tree = cKDTree(np.column_stack([geo.snap_x, geo.snap_y]))
    dens = np.array([len(tree.query_ball_point((sx[i], sy[i]), 300.0)) for i in cand])
    best = cand[dens >= np.quantile(dens, 0.6)]
    i = int(rng.choice(best))
    return float(round(sx[i], 0)), float(round(sy[i], 0))


def _gauss_weights(x, y, cx, cy, sd) -> np.ndarray:
    return np.exp(-0.5 * ((x - cx) ** 2 + (y - cy) ** 2) / sd**2)


# ----------------------------------------------------------------------- crime
def _crime(
    rng: np.random.Generator,
    geo: _Geography,
    months: pd.PeriodIndex,
    scale: float,
    signals: dict[str, Any],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Street records (one frame, all months) and the burglary force extract."""
    n_m = len(months)
    x, y = geo.snap_x, geo.snap_y
    n_p = len(x)
    lsoa = geo.lsoa
    pop = lsoa["population"].to_numpy(float)
    dec = lsoa["imd_decile"].to_numpy(float)
    pts_per_lsoa = np.bincount(geo.snap_lsoa, minlength=len(lsoa)).astype(float)
    bg = pop[geo.snap_lsoa] / pts_per_lsoa[geo.snap_lsoa]
    bg = bg * (1.0 + 0.17 * (10.0 - dec[geo.snap_lsoa]))
    bg = bg / bg.sum()

    hot = np.zeros(n_p)
    for h in signals["persistent_hotspots"]:
        w = _gauss_weights(x, y, h["centre"][0], h["centre"][1], h["radius_m"] / 2.0)
        hot += h["weight"] * w / w.sum()
    hot /= hot.sum()

    dec_area = signals["declining_area"]
    in_dec = (
        np.hypot(x - dec_area["centre"][0], y - dec_area["centre"][1])
        <= (dec_area["radius_m"])
    )
    dec_factor = np.linspace(
        dec_area["factor_first_month"], dec_area["factor_last_month"], n_m
    )

    em = signals["emerging_hotspot"]
    in_em = np.hypot(x - em["centre"][0], y - em["centre"][1]) <= em["radius_m"]
    em_w = in_em / max(1, in_em.sum())
    em_start = em["start_month_index"]

    total = 7000.0 * scale
    moy = np.array([p.month for p in months])
    nr = signals["near_repeat_burglary"]
    lam_store: dict[str, np.ndarray] = {}
    rows_type: list[np.ndarray] = []
    rows_month: list[np.ndarray] = []
    rows_point: list[np.ndarray] = []
    for t, share in CRIME_TYPES.items():
        amp, peak = SEASONALITY.get(t, (0.05, 7))
        season = 1.0 + amp * np.cos(2 * np.pi * (moy - peak) / 12.0)
        n_t = total * share * season  # per month
        if t == "Burglary":
            n_t = n_t / (1.0 + nr["follow_on_mean"])
        h = HOTSPOT_SHARE[t]
        base = np.outer(np.ones(n_m), (1 - h) * bg)
        if t in dec_area["types"]:
            base[:, in_dec] *= dec_factor[:, None]
        lam = n_t[:, None] * (base + h * hot[None, :])
        if t in em["extra_per_month"]:
            lam[em_start:, :] += em["extra_per_month"][t] * scale * em_w[None, :]
        lam_store[t] = lam
        counts = rng.poisson(lam)
        mi, pi = np.nonzero(counts)
        reps = counts[mi, pi]
        rows_type.append(np.full(int(reps.sum()), t, dtype=object))
        rows_month.append(np.repeat(mi, reps))
        rows_point.append(np.repeat(pi, reps))
    ctype = np.concatenate(rows_type)
    cmonth = np.concatenate(rows_month)
    cpoint = np.concatenate(rows_point)

    # Burglary: exact dates, true (unsnapped) locations, near-repeat follow-ons.
    is_b = ctype == "Burglary"
    b_month = cmonth[is_b]
    b_point = cpoint[is_b]
    m_start = np.array(
        [pd.Timestamp(p.start_time).tz_localize(TIMEZONE).value for p in months]
    )
    m_end = np.array(
        [pd.Timestamp((p + 1).start_time).tz_localize(TIMEZONE).value for p in months]
    )
    b_t = m_start[b_month] + (
        rng.random(len(b_month)) * (m_end[b_month] - m_start[b_month])
    ).astype(np.int64)
    b_x = x[b_point] + rng.normal(0, 60.0, len(b_point))
    b_y = y[b_point] + rng.normal(0, 60.0, len(b_point))
    k = rng.poisson(nr["follow_on_mean"], len(b_t))
    src = np.repeat(np.arange(len(b_t)), k)
    r = nr["radius_m"] * np.sqrt(rng.random(len(src)))
    a = rng.uniform(0, 2 * np.pi, len(src))
    f_x = b_x[src] + r * np.cos(a)
    f_y = b_y[src] + r * np.sin(a)
    outside = ~shapely.contains_xy(geo.outline, f_x, f_y)
    f_x[outside] = b_x[src][outside]
    f_y[outside] = b_y[src][outside]
    day_ns = 86400 * 10**9
    f_t = b_t[src] + (rng.uniform(1.0, nr["max_days"], len(src)) * day_ns).astype(
        np.int64
    )
    keep = f_t < m_end[-1]
    f_x, f_y, f_t = f_x[keep], f_y[keep], f_t[keep]
    nr["originators"] = len(b_t)
    nr["follow_ons"] = len(f_t)
    all_bx = np.concatenate([b_x, f_x])
    all_by = np.concatenate([b_y, f_y])
    all_bt = np.concatenate([b_t, f_t])
    is_follow = np.concatenate([np.zeros(len(b_t), bool), np.ones(len(f_t), bool)])
    snap_tree = cKDTree(np.column_stack([x, y]))
    _, all_bp = snap_tree.query(np.column_stack([all_bx, all_by]))
    all_bm = np.searchsorted(m_start, all_bt, side="right") - 1

    ctype = np.concatenate([ctype[~is_b], np.full(len(all_bt), "Burglary", object)])
    cmonth = np.concatenate([cmonth[~is_b], all_bm])
    cpoint = np.concatenate([cpoint[~is_b], all_bp])
    n = len(ctype)

    # Crime IDs (none for ASB), outcomes by type and age, a few without location.
    ids = _hex_ids(rng, n)
    is_asb = ctype == ASB
    ids[is_asb] = ""
    outcome = np.empty(n, dtype=object)
    for t, dist in OUTCOMES_BY_TYPE.items():
        sel = np.flatnonzero(ctype == t)
        outcome[sel] = _choice(rng, dist, len(sel))
    age = (n_m - 1) - cmonth
    p_ui = 0.6 * np.exp(-age / 2.5) + 0.03
    ui = rng.random(n) < p_ui
    outcome[ui] = "Under investigation"
    outcome[is_asb] = ""
    no_loc = (~is_asb) & (rng.random(n) < 0.004)

    lon, lat = _bng_to_lonlat(x, y)
    lon_s = np.array([f"{v:.6f}" for v in lon], dtype=object)
    lat_s = np.array([f"{v:.6f}" for v in lat], dtype=object)
    codes = lsoa["code"].to_numpy(dtype=object)
    names = lsoa["name"].to_numpy(dtype=object)
    frame = pd.DataFrame(
        {
            "Crime ID": ids,
            "Month": np.array([str(p) for p in months], dtype=object)[cmonth],
            "Reported by": FORCE_NAME,
            "Falls within": FORCE_NAME,
            "Longitude": np.where(no_loc, "", lon_s[cpoint]),
            "Latitude": np.where(no_loc, "", lat_s[cpoint]),
            "Location": np.where(no_loc, "No location", geo.snap_name[cpoint]),
            "LSOA code": np.where(no_loc, "", codes[geo.snap_lsoa[cpoint]]),
            "LSOA name": np.where(no_loc, "", names[geo.snap_lsoa[cpoint]]),
            "Crime type": ctype,
            "Last outcome category": outcome,
            "Context": "",
        }
    )
    frame["_month_index"] = cmonth
    # Shuffle within the data set, then keep months together (as files do).
    perm = rng.permutation(n)
    frame = frame.iloc[perm]
    frame = frame.iloc[np.argsort(frame["_month_index"].to_numpy(), kind="stable")]
    frame = frame.reset_index(drop=True)

    b_ids = ids[len(ids) - len(all_bt) :]
    local = (
        pd.to_datetime(all_bt, utc=True).tz_convert(TIMEZONE).strftime("%d/%m/%Y %H:%M")
    )
    burglary = pd.DataFrame(
        {
            "Crime ID": b_ids,
            "Committed Date Time": np.asarray(local, dtype=object),
            "Crime Type": "Burglary",
            "Easting": np.round(all_bx).astype(int),
            "Northing": np.round(all_by).astype(int),
            "_t": all_bt,
            "_follow": is_follow,
        }
    )
    burglary = burglary.sort_values("_t", kind="stable").reset_index(drop=True)

    # Expected effects from the intensities (independent of the Poisson draws).
    em_types = list(em["extra_per_month"])
    em_lam = sum(lam_store[t][:, in_em].sum(axis=1) for t in em_types)
    em["expected_per_month_before"] = round(float(em_lam[:em_start].mean()), 2)
    em["expected_per_month_after"] = round(float(em_lam[em_start:].mean()), 2)
    em["map_points_in_circle"] = int(in_em.sum())
    dec_lam = sum(lam_store[t][:, in_dec].sum(axis=1) for t in dec_area["types"])
    q = max(1, n_m // 3)
    dec_area["expected_per_month_first_third"] = round(float(dec_lam[:q].mean()), 2)
    dec_area["expected_per_month_last_third"] = round(float(dec_lam[-q:].mean()), 2)
    all_lam = sum(lam_store.values())
    for h in signals["persistent_hotspots"]:
        inside = np.hypot(x - h["centre"][0], y - h["centre"][1]) <= h["radius_m"]
        h["expected_per_month"] = round(float(all_lam[:, inside].sum(axis=1).mean()), 2)
        h["expected_share_of_all"] = round(
            float(all_lam[:, inside].sum() / all_lam.sum()), 4
        )
        h["area_share"] = round(math.pi * h["radius_m"] ** 2 / geo.outline.area, 5)
    return frame, burglary


# ----------------------------------------------------------------------- calls
def _calls(
    rng: np.random.Generator,
    geo: _Geography,
    months: pd.PeriodIndex,
    scale: float,
    signals: dict[str, Any],
) -> pd.DataFrame:
    x, y = geo.snap_x, geo.snap_y
    n_p = len(x)
    lsoa = geo.lsoa
    pop = lsoa["population"].to_numpy(float)
    dec = lsoa["imd_decile"].to_numpy(float)
    pts_per_lsoa = np.bincount(geo.snap_lsoa, minlength=len(lsoa)).astype(float)
    bg = pop[geo.snap_lsoa] / pts_per_lsoa[geo.snap_lsoa]
    bg = bg * (1.0 + 0.12 * (10.0 - dec[geo.snap_lsoa]))
    bg /= bg.sum()
    nte_w = np.zeros(n_p)
    for h in signals["persistent_hotspots"]:
        w = _gauss_weights(x, y, h["centre"][0], h["centre"][1], 250.0)
        nte_w += h["weight"] * w / w.sum()
    nte_w /= nte_w.sum()

    start = pd.Timestamp(months[0].start_time).tz_localize(TIMEZONE)
    end = pd.Timestamp((months[-1] + 1).start_time).tz_localize(TIMEZONE)
    slots = pd.date_range(
        start.tz_convert("UTC"), end.tz_convert("UTC"), freq="h", inclusive="left"
    )
    local = slots.tz_convert(TIMEZONE)
    hour = local.hour.to_numpy()
    dow = local.day_of_week.to_numpy()  # Monday = 0
    day_profile = np.array(
        [0.50, 0.40, 0.32, 0.26, 0.22, 0.24, 0.32, 0.50, 0.75, 0.92, 1.00, 1.05,
         1.10, 1.12, 1.15, 1.20, 1.28, 1.30, 1.25, 1.15, 1.05, 0.95, 0.82, 0.65]
    )  # fmt: skip
    dow_factor = np.array([1.02, 1.00, 1.00, 1.01, 1.08, 1.00, 0.90])
    general = day_profile[hour] * dow_factor[dow]
    # Night-time economy: Friday and Saturday nights (21:00-03:59), Thursday less.
    nte = np.full(len(hour), 0.04)
    night_late = np.isin(hour, [21, 22, 23])
    night_early = np.isin(hour, [0, 1, 2, 3])
    nte[night_late & np.isin(dow, [4, 5])] = 1.0
    nte[night_early & np.isin(dow, [5, 6])] = 1.0
    nte[night_late & (dow == 3)] = 0.3
    nte[night_early & (dow == 4)] = 0.3
    nte[np.isin(hour, [1, 2]) & np.isin(dow, [5, 6])] = 1.3
    n_days = len(hour) / 24.0
    per_month = 11000.0 * scale
    total = per_month * n_days / 30.44
    nte_share, repeat_share = 0.10, 0.07
    lam_g = general / general.sum() * total * (1 - nte_share - repeat_share)
    lam_n = nte / nte.sum() * total * nte_share
    lam_r = general / general.sum() * total * repeat_share
    slot_ns = np.asarray(slots.as_unit("ns").asi8, dtype=np.int64)

    parts = []
    for kind, lam in (("general", lam_g), ("nte", lam_n), ("repeat", lam_r)):
        c = rng.poisson(lam)
        parts.append((kind, np.repeat(np.arange(len(lam)), c)))

    hour_ns = 3600 * 10**9
    frames = []
    # General calls.
    slot_g = parts[0][1]
    n_g = len(slot_g)
    types_g = _choice(rng, {k: v[0] for k, v in CALL_TYPES.items()}, n_g)
    pts_g = rng.choice(n_p, size=n_g, p=0.85 * bg + 0.15 * nte_w)
    frames.append(("general", slot_g, types_g, pts_g))
    # NTE calls.
    slot_n = parts[1][1]
    types_n = _choice(rng, NTE_CALL_TYPES, len(slot_n))
    pts_n = rng.choice(n_p, size=len(slot_n), p=nte_w)
    frames.append(("nte", slot_n, types_n, pts_n))
    # Repeat callers: a few hundred people, heavy-tailed call counts, each at home.
    n_callers = max(20, round(250 * scale))
    weights = 1.0 / np.arange(1, n_callers + 1) ** 1.1
    weights /= weights.sum()
    homes = rng.choice(n_p, size=n_callers, p=bg)
    caller_ids = np.array(
        [f"CLR-{h[:10].upper()}" for h in _hex_ids(rng, n_callers, 5)], dtype=object
    )
    slot_r = parts[2][1]
    who = rng.choice(n_callers, size=len(slot_r), p=weights)
    types_r = _choice(rng, REPEAT_CALL_TYPES, len(slot_r))
    frames.append(("repeat", slot_r, types_r, homes[who]))
    # Planted rise of one call type in one area in the last months.
    rise = signals["rising_call_type"]
    rise_pts = np.flatnonzero(
        np.hypot(x - rise["centre"][0], y - rise["centre"][1]) <= rise["radius_m"]
    )
    rise_start = pd.Timestamp(
        pd.Period(rise["months"][0], freq="M").start_time
    ).tz_localize(TIMEZONE)
    first_slot = int(np.searchsorted(slot_ns, rise_start.value))
    n_rise_months = len(rise["months"])
    lam_rise = np.zeros(len(slot_ns))
    lam_rise[first_slot:] = general[first_slot:] / general[first_slot:].sum()
    lam_rise *= rise["extra_per_month"] * scale * n_rise_months
    slot_x = np.repeat(np.arange(len(slot_ns)), rng.poisson(lam_rise))
    pts_x = rng.choice(rise_pts, size=len(slot_x))
    frames.append(
        ("rise", slot_x, np.full(len(slot_x), rise["call_type"], object), pts_x)
    )

    slot = np.concatenate([f[1] for f in frames])
    ctype = np.concatenate([f[2] for f in frames])
    point = np.concatenate([f[3] for f in frames])
    source = np.concatenate([np.full(len(f[1]), f[0], object) for f in frames])
    n = len(slot)
    t_ns = slot_ns[slot] + (rng.random(n) * hour_ns).astype(np.int64)
    t_ns = (t_ns // 10**9) * 10**9

    caller = np.empty(n, dtype=object)
    caller[:] = [f"CLR-{h.upper()}" for h in _hex_ids(rng, n, 5)]
    is_rep = source == "repeat"
    caller[is_rep] = caller_ids[who]
    caller[np.isin(ctype, ["Alarm", "Abandoned Call"])] = ""

    probs = {k: v[1] for k, v in CALL_TYPES.items()}
    grade = np.empty(n, dtype=object)
    for t in np.unique(ctype):
        sel = np.flatnonzero(ctype == t)
        p = np.array(probs[t])
        grade[sel] = np.array(["P1", "P2", "P3", "P4"], dtype=object)[
            rng.choice(4, size=len(sel), p=p / p.sum())
        ]
    median_min = {"P1": 90.0, "P2": 180.0, "P3": 1440.0, "P4": 120.0}
    dur_min = np.array([median_min[g] for g in grade]) * np.exp(rng.normal(0, 0.6, n))
    closed_ns = t_ns + (dur_min * 60.0).astype(np.int64) * 10**9

    ex = np.round(x[point] + rng.normal(0, 25.0, n)).astype(int)
    ny = np.round(y[point] + rng.normal(0, 25.0, n)).astype(int)
    ward_codes = geo.wards["WD24CD"].to_numpy(dtype=object)
    beat = np.array([f"NB{int(c[3:]):02d}" for c in ward_codes], dtype=object)[
        geo.lsoa["ward"].to_numpy()[geo.snap_lsoa[point]]
    ]
    no_loc = rng.random(n) < 0.002
    ex_s = np.where(no_loc, "", ex.astype(str))
    ny_s = np.where(no_loc, "", ny.astype(str))

    order = np.argsort(t_ns, kind="stable")
    created = pd.to_datetime(t_ns[order], utc=True).tz_convert(TIMEZONE)
    closed = pd.to_datetime(closed_ns[order], utc=True).tz_convert(TIMEZONE)
    day_key = created.strftime("%Y%m%d")
    seq = pd.Series(np.asarray(day_key)).groupby(np.asarray(day_key)).cumcount() + 1
    incident = [f"{d}-{s:04d}" for d, s in zip(day_key, seq.to_numpy(), strict=True)]
    out = pd.DataFrame(
        {
            "Incident Number": incident,
            "Created": np.asarray(created.strftime("%d/%m/%Y %H:%M:%S"), dtype=object),
            "Call Type": ctype[order],
            "Priority": grade[order],
            "Easting": ex_s[order],
            "Northing": ny_s[order],
            "Beat": beat[order],
            "Caller ID": caller[order],
            "Closed": np.asarray(closed.strftime("%d/%m/%Y %H:%M:%S"), dtype=object),
        }
    )
    in_circle = (
        np.hypot(x - rise["centre"][0], y - rise["centre"][1]) <= rise["radius_m"]
    )
    base_share = float(bg[in_circle].sum() * 0.85 + nte_w[in_circle].sum() * 0.15)
    rise["expected_baseline_per_month"] = round(
        per_month * (1 - nte_share - repeat_share) * CALL_TYPES[rise["call_type"]][0]
        * base_share,
        2,
    )  # fmt: skip
    rise["expected_extra_per_month"] = round(rise["extra_per_month"] * scale, 2)
    signals["repeat_callers"] = {
        "callers": n_callers,
        "share_of_calls": repeat_share,
        "distribution": "Zipf-like weights 1/k^1.1 over the callers; each calls "
        "from one home point",
        "call_types": list(REPEAT_CALL_TYPES),
        "top_caller": str(caller_ids[0]),
    }
    return out


# ---------------------------------------------------------------------- assets
def _assets(
    rng: np.random.Generator, geo: _Geography, signals: dict[str, Any]
) -> pd.DataFrame:
    x, y = geo.snap_x, geo.snap_y
    n_p = len(x)
    centres = [h["centre"] for h in signals["persistent_hotspots"]]
    centres.append(signals["emerging_hotspot"]["centre"])
    near = np.zeros(n_p, dtype=bool)
    for cx, cy in centres:
        near |= np.hypot(x - cx, y - cy) <= 600.0
    plan = (
        [("School", "primary")] * 42
        + [("School", "secondary")] * 14
        + [("Youth club", "")] * 18
        + [("Library", "")] * 18
        + [("Place of worship", "church")] * 34
        + [("Place of worship", "mosque")] * 12
        + [("Place of worship", "gurdwara")] * 5
        + [("Place of worship", "mandir")] * 4
        + [("Place of worship", "synagogue")] * 2
    )
    n = len(plan)
    n_near = round(0.25 * n)
    idx_near = rng.choice(np.flatnonzero(near), size=n_near, replace=False)
    idx_far = rng.choice(np.flatnonzero(~near), size=n - n_near, replace=False)
    pts = rng.permutation(np.concatenate([idx_near, idx_far]))
    ward_names = geo.wards["WD24NM"].to_numpy(dtype=object)
    lsoa_ward = geo.lsoa["ward"].to_numpy()
    lsoa_district = geo.lsoa["district"].to_numpy()
    rows = []
    used_names: set[str] = set()
    for i, ((atype, sub), p) in enumerate(zip(plan, pts, strict=True)):
        li = geo.snap_lsoa[p]
        ward = str(ward_names[lsoa_ward[li]]).replace(" Central", "")
        town = geo.towns[lsoa_district[li]]["name"]
        street = str(geo.snap_street[p])
        hours: list[str]
        if atype == "School":
            base = f"{street.split()[0]} " + (
                "Primary School" if sub == "primary" else "Academy"
            )
            hours = ["08:30-15:30"] * 5 + ["Closed", "Closed"]
            if sub == "secondary":
                hours = ["08:15-16:00"] * 5 + ["Closed", "Closed"]
        elif atype == "Youth club":
            base = f"{ward} Youth Club"
            nights = rng.choice(5, size=3, replace=False)
            hours = ["Closed"] * 7
            for d in nights:
                hours[int(d)] = "18:00-21:30"
            if rng.random() < 0.4:
                hours[5] = "12:00-16:00"
        elif atype == "Library":
            base = f"{ward} Library"
            hours = ["09:30-17:00"] * 5 + ["09:30-13:00", "Closed"]
            hours[int(rng.integers(0, 5))] = "Closed"
            hours[int(rng.integers(0, 5))] = "09:30-19:00"
        else:
            if sub == "church":
                base = f"St {_SAINTS[int(rng.integers(0, len(_SAINTS)))]}'s Church"
                hours = ["Closed"] * 6 + ["09:00-13:00"]
                hours[2] = "10:00-12:00"
            elif sub == "mosque":
                base = f"{ward} Jamia Masjid"
                hours = ["05:00-22:00"] * 7
            elif sub == "gurdwara":
                base = f"Guru Nanak Gurdwara {town}"
                hours = ["05:00-21:00"] * 7
            elif sub == "mandir":
                base = f"Shree Krishna Mandir {town}"
                hours = ["07:00-12:00"] * 6 + ["07:00-20:00"]
            else:
                base = f"{town} Synagogue"
                hours = ["Closed"] * 4 + ["18:00-21:00", "09:00-13:00", "Closed"]
        name = base
        if name in used_names:
            name = f"{base} ({town})"
        k = 2
        while name in used_names:
            name = f"{base} ({town} {k})"
            k += 1
        used_names.add(name)
        district_no = int(lsoa_district[li]) + 1
        postcode = (
            f"XX{district_no} {int(rng.integers(1, 10))}"
            f"{chr(65 + int(rng.integers(0, 26)))}{chr(65 + int(rng.integers(0, 26)))}"
        )
        row = {
            "Asset ID": f"AS{i + 1:04d}",
            "Name": name,
            "Type": atype,
            "Address": f"{int(rng.integers(1, 200))} {street}, {town}",
            "Postcode": postcode,
            "Easting": round(float(x[p] + rng.normal(0, 15.0)), 1),
            "Northing": round(float(y[p] + rng.normal(0, 15.0)), 1),
        }
        for day, h in zip(_WEEKDAYS, hours, strict=True):
            row[f"{day} opening times"] = h
        rows.append(row)
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------- write
def _write_csv(frame: pd.DataFrame, path: Path, **kw: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator=kw.pop("lineterminator", "\n"), **kw)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def write_demo_data(
    out_dir: str | os.PathLike[str],
    seed: int = 7,
    end_month: str = "2026-09",
    months: int = 36,
    scale: float = 1.0,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Write the synthetic force area to ``out_dir`` and return its manifest.

    Parameters
    ----------
    out_dir
        Folder to write into (created if missing; existing files of the same names
        are overwritten).
    seed
        Seed of ``numpy.random.default_rng``; the same seed gives identical files.
    end_month
        Last month of crime (``YYYY-MM``); calls cover the last 12 months.
    months
        Number of months of crime (36 by default).
    scale
        Volume multiplier for crime and calls (1.0: about 7,000 crimes and 11,000
        calls a month). The geography does not depend on it.
    progress
        Optional progress reporter; cancellation raises ``Cancelled``.

    Returns
    -------
    dict
        The manifest, also written to ``out_dir/manifest.json``.
    """
    if not (0 < float(scale) <= 10):
        raise ValueError("scale must be in (0, 10]")
    root = Path(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    period = _months(end_month, months)
    rng = np.random.default_rng(seed)
    check(progress, 0.0, "building the force area")
    geo = _build_geography(rng)
    check(progress, 0.15, "planting signals")

    n_m = len(period)
    em_start = 23 if n_m >= 30 else max(1, (2 * n_m) // 3)
    hot = [
        {
            "name": f"{t['name']} town centre",
            "centre": [t["x"], t["y"]],
            "radius_m": 500.0,
            "weight": t["weight"],
            "description": "A share of each type (HOTSPOT_SHARE: most for "
            "shoplifting, theft from the person, public order, robbery and "
            "violence) falls around the centre with a Gaussian spread of "
            "radius_m / 2, every month; weight is the centre's relative size.",
            "expected_detection": "Gi* hot spots (99 %) at the centre in every "
            "month; persistent hot spots in an emerging hot spot analysis.",
        }
        for t in geo.towns[:4]
    ]
    avoid = [tuple(h["centre"]) for h in hot] + [
        (t["x"], t["y"]) for t in geo.towns[4:]
    ]
    em_centre = _pick_site(geo, avoid, 1500.0, rng, near_main=True)
    dec_centre = _pick_site(geo, [*avoid, em_centre], 2000.0, rng, near_main=False)
    rise_centre = _pick_site(
        geo, [*avoid, em_centre, dec_centre], 1500.0, rng, near_main=True
    )
    call_months = period[-min(12, n_m) :]
    signals: dict[str, Any] = {
        "persistent_hotspots": hot,
        "emerging_hotspot": {
            "centre": list(em_centre),
            "radius_m": 300.0,
            "start_month_index": em_start,
            "start_month": str(period[em_start]),
            "types": ["Robbery", "Violence and sexual offences"],
            "extra_per_month": {
                "Robbery": 14.0,
                "Violence and sexual offences": 32.0,
            },
            "description": "From start_month on, extra Robbery and Violence and "
            "sexual offences spread evenly over the map points within radius_m "
            "(extra_per_month times scale); before it only the background.",
            "expected_detection": "Counts of the types within radius_m step up "
            "several-fold from start_month; space-time Gi* on monthly bins "
            "(250 m cells) classes the cells in the circle as new, consecutive or "
            "intensifying hot spots, with a significant upward trend.",
        },
        "declining_area": {
            "centre": list(dec_centre),
            "radius_m": 1200.0,
            "types": [
                "Burglary",
                "Vehicle crime",
                "Criminal damage and arson",
                "Anti-social behaviour",
            ],
            "factor_first_month": 1.6,
            "factor_last_month": 0.5,
            "description": "Background intensity of the listed types inside the "
            "circle falls linearly from factor_first_month to factor_last_month.",
            "expected_detection": "The listed types inside the circle fall to about "
            "half between the first and last third of the period (significant "
            "downward Mann-Kendall trend); elsewhere they are flat.",
        },
        "near_repeat_burglary": {
            "file": "crime/synthetic_force_burglary.csv",
            "expected_detection": "Knox test on the extract: observed/expected "
            "well above 1 (about 2.5-3 at scale 1) for pairs within radius_m and "
            "max_days, and about 1 beyond 200 m or 14 days.",
            "radius_m": 200.0,
            "max_days": 14.0,
            "follow_on_mean": 0.3,
            "description": "Each burglary spawns Poisson(follow_on_mean) further "
            "burglaries placed uniformly within radius_m of it and 1 to max_days "
            "days after it (follow-ons after the last month are not generated). "
            "Exact times and unsnapped Easting/Northing are in the force extract "
            "file; the street files carry the same Crime IDs at month precision.",
        },
        "rising_call_type": {
            "centre": list(rise_centre),
            "radius_m": 400.0,
            "call_type": "Drugs",
            "months": [str(p) for p in call_months[-2:]],
            "extra_per_month": 45.0,
            "description": "Extra calls of call_type within radius_m in the listed "
            "months (extra_per_month times scale), on the daytime profile.",
            "expected_detection": "Monthly counts of call_type within radius_m in "
            "the listed months are many times the mean of the earlier months.",
        },
        "night_time_economy": {
            "centres": [h["centre"] for h in hot],
            "spread_m": 250.0,
            "peak": "Friday and Saturday 21:00-23:59 and Saturday and Sunday "
            "00:00-03:59, local time",
            "share_of_calls": 0.10,
            "expected_detection": "Within about 600 m of the centres, calls on "
            "Friday and Saturday nights are several times those on Monday and "
            "Tuesday nights at the same hours; away from them calls peak in the "
            "afternoon.",
        },
    }
    crime, burglary = _crime(rng, geo, period, scale, signals)
    check(progress, 0.45, "writing crime files")
    files: list[dict[str, Any]] = []
    crime_dir = root / "crime"
    month_idx = crime["_month_index"].to_numpy()
    bounds = np.searchsorted(month_idx, np.arange(n_m + 1))
    street = crime[POLICE_UK_HEADER]
    for i, p in enumerate(period):
        part = street.iloc[bounds[i] : bounds[i + 1]]
        path = crime_dir / f"{p}" / f"{p}-{FORCE_SLUG}-street.csv"
        _write_csv(part, path)
        files.append(
            {
                "path": _rel(path, root),
                "kind": "crime",
                "format": "police_uk_street",
                "rows": len(part),
                "description": f"data.police.uk street-level crime, {p}",
            }
        )
        check(progress, 0.45 + 0.25 * (i + 1) / n_m, f"crime {p}")
    bpath = crime_dir / "synthetic_force_burglary.csv"
    _write_csv(burglary.drop(columns=["_t", "_follow"]), bpath)
    files.append(
        {
            "path": _rel(bpath, root),
            "kind": "crime",
            "format": "force_extract",
            "rows": len(burglary),
            "time_column": "Committed Date Time",
            "time_format": "%d/%m/%Y %H:%M",
            "timezone": TIMEZONE,
            "read_with": {
                "reader": "calls",
                "mapping": {
                    "occurred_at": "Committed Date Time",
                    "category": "Crime Type",
                    "call_id": "Crime ID",
                    "easting": "Easting",
                    "northing": "Northing",
                },
                "note": "a dated point table: the calls reader reads it (as "
                "DEMAND); workstation.demo relabels the layer CRIME",
                "command": "workstation import crime/synthetic_force_burglary.csv "
                '--kind demand --mapping "occurred_at=Committed Date Time,'
                "category=Crime Type,call_id=Crime ID,easting=Easting,"
                'northing=Northing" -o burglary.gpkg',
            },
            "description": "Force crime-system extract of every burglary: exact "
            "local date and time, unsnapped Easting/Northing (BNG), same Crime ID "
            "as the street files",
        }
    )

    check(progress, 0.72, "calls for service")
    calls = _calls(rng, geo, call_months, scale, signals)
    cpath = root / "calls" / "synthetic_calls_for_service.csv"
    _write_csv(calls, cpath)
    files.append(
        {
            "path": _rel(cpath, root),
            "kind": "demand",
            "format": "command_and_control",
            "rows": len(calls),
            "timezone": TIMEZONE,
            "grades": GRADE_LABELS,
            "description": "Command-and-control export: Created and Closed in UK "
            "local time (dd/mm/yyyy HH:MM:SS), Priority P1-P4, Easting/Northing "
            "(BNG; empty for a few calls with no location), Beat, pseudonymous "
            "Caller ID (empty for alarms and abandoned calls)",
        }
    )

    check(progress, 0.85, "community assets and boundaries")
    assets = _assets(rng, geo, signals)
    apath = root / "assets" / "community_assets.csv"
    _write_csv(assets, apath)
    files.append(
        {
            "path": _rel(apath, root),
            "kind": "asset",
            "format": "assets_csv",
            "rows": len(assets),
            "description": "Schools, youth clubs, libraries and places of worship; "
            "Easting/Northing (BNG); opening times per weekday as HH:MM-HH:MM or "
            "Closed",
        }
    )
    files.extend(_write_boundaries(geo, root, period))

    signals_out = json.loads(json.dumps(signals))
    for h in signals_out["persistent_hotspots"]:
        h["types_strongest"] = sorted(
            HOTSPOT_SHARE, key=lambda t: -HOTSPOT_SHARE[t] * CRIME_TYPES[t]
        )[:4]
    manifest = {
        "generator": "layers.synthetic",
        "generator_version": GENERATOR_VERSION,
        "seed": int(seed),
        "end_month": str(period[-1]),
        "start_month": str(period[0]),
        "months": n_m,
        "scale": float(scale),
        "crs": "EPSG:27700",
        "timezone": TIMEZONE,
        "force": {"name": FORCE_NAME, "code": FORCE_CODE},
        "area_km2": round(geo.outline.area / 1e6, 2),
        "bounds": [round(v, 1) for v in geo.outline.bounds],
        "towns": geo.towns,
        "lsoas": len(geo.lsoa),
        "wards": len(geo.wards),
        "districts": len(geo.districts),
        "map_points": len(geo.snap_x),
        "crime_types": CRIME_TYPES,
        "rows": {
            "street_crime": len(crime),
            "street_crime_no_location": int((crime["Location"] == "No location").sum()),
            "burglary_extract": len(burglary),
            "calls": len(calls),
            "calls_no_location": int((calls["Easting"] == "").sum()),
            "assets": len(assets),
        },
        "files": files,
        "signals": signals_out,
        "notes": "Synthetic data: every place, code, name and person is invented. "
        "Codes use the X prefix, which the ONS does not use; postcodes use the "
        "non-existent XX area.",
    }
    with open(root / "manifest.json", "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    check(progress, 1.0, "done")
    return manifest


def _write_boundaries(
    geo: _Geography, root: Path, period: pd.PeriodIndex
) -> list[dict[str, Any]]:
    import pyogrio

    bdir = root / "boundaries"
    bdir.mkdir(parents=True, exist_ok=True)
    files: list[dict[str, Any]] = []
    lsoa = geo.lsoa
    cent = lsoa.geometry.representative_point()
    lsoa_out = gpd.GeoDataFrame(
        {
            "LSOA21CD": lsoa["code"].astype(str),
            "LSOA21NM": lsoa["name"].astype(str),
            "BNG_E": np.round(cent.x.to_numpy()).astype(int),
            "BNG_N": np.round(cent.y.to_numpy()).astype(int),
        },
        geometry=lsoa.geometry.to_numpy(),
        crs="EPSG:27700",
    ).sort_values("LSOA21CD", kind="stable")
    # GeoPackages record a "last change" time: pin it so one seed gives one file.
    stamp = f"{period[-1]}-28T00:00:00Z"
    old = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        specs = [
            (
                lsoa_out,
                bdir / "lsoa.gpkg",
                "lsoa",
                "LSOA-like polygons (LSOA21CD, LSOA21NM), EPSG:27700",
            ),
            (
                geo.districts,
                bdir / "districts.gpkg",
                "districts",
                "Local-authority districts (LAD24CD, LAD24NM), EPSG:27700",
            ),
        ]
        for frame, path, layer, desc in specs:
            if path.exists():
                path.unlink()
            frame.to_file(path, layer=layer, driver="GPKG")
            files.append(
                {
                    "path": _rel(path, root),
                    "kind": "boundary",
                    "format": "gpkg",
                    "rows": len(frame),
                    "description": desc,
                }
            )
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": old})
    outline = gpd.GeoDataFrame(
        {"PFA24CD": [FORCE_CODE], "PFA24NM": [FORCE_NAME]},
        geometry=[geo.outline],
        crs="EPSG:27700",
    )
    for frame, name, desc in (
        (
            geo.wards,
            "wards.geojson",
            "Wards (WD24CD, WD24NM, LAD24CD, LAD24NM) dissolved from the LSOAs, "
            "GeoJSON in WGS84",
        ),
        (outline, "force_area.geojson", "Force area outline, GeoJSON in WGS84"),
    ):
        path = bdir / name
        if path.exists():
            path.unlink()
        frame.to_crs("EPSG:4326").to_file(
            path, driver="GeoJSON", COORDINATE_PRECISION=7, RFC7946="YES"
        )
        files.append(
            {
                "path": _rel(path, root),
                "kind": "boundary",
                "format": "geojson",
                "rows": len(frame),
                "description": desc,
            }
        )
    # Census TS001 layout, with its footer lines.
    pop = pd.DataFrame(
        {
            "total": lsoa["population"].to_numpy(),
            "2021 super output area - lower layer": lsoa["name"].astype(str),
            "mnemonic": lsoa["code"].astype(str),
        }
    ).sort_values("mnemonic", kind="stable")
    ppath = bdir / "population.csv"
    text = pop.to_csv(index=False, lineterminator="\n")
    footer = (
        ",,\n,,\n,,\n"
        ',"In order to protect against disclosure of personal information, records",\n'
        ",have been swapped between different geographic areas and counts perturbed,\n"
        ",by small amounts. Small counts at the lowest geographies will be most,\n"
        ",affected.,"
    )
    ppath.write_text(text + footer, encoding="ascii")
    files.append(
        {
            "path": _rel(ppath, root),
            "kind": "table",
            "format": "census_ts001",
            "rows": len(pop),
            "join": "mnemonic = LSOA21CD",
            "description": "Usual residents per LSOA (Census TS001 layout, 7 footer "
            "lines as in the real file)",
        }
    )
    lad_names = [t["name"] for t in geo.towns]
    imd = pd.DataFrame(
        {
            "LSOA code (2011)": lsoa["code"].astype(str),
            "LSOA name (2011)": lsoa["name"].astype(str),
            "Local Authority District code (2019)": [
                f"X08{d + 1:06d}" for d in lsoa["district"]
            ],
            "Local Authority District name (2019)": [
                lad_names[d] for d in lsoa["district"]
            ],
            "Index of Multiple Deprivation (IMD) Rank": [
                f"{r:,}" for r in lsoa["imd_rank"]
            ],
            "Index of Multiple Deprivation (IMD) Decile": lsoa["imd_decile"].to_numpy(),
        }
    ).sort_values("LSOA code (2011)", kind="stable")
    ipath = bdir / "imd.csv"
    body = imd.to_csv(index=False, lineterminator="\r\n").rstrip("\r\n")
    ipath.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    files.append(
        {
            "path": _rel(ipath, root),
            "kind": "table",
            "format": "imd2019",
            "rows": len(imd),
            "join": "LSOA code (2011) = LSOA21CD",
            "description": "IMD rank and decile per LSOA (IoD 2019 layout: UTF-8 "
            "BOM, CRLF, ranks with thousands separators)",
        }
    )
    return files


def planted_signals(
    manifest: dict[str, Any] | str | os.PathLike[str],
) -> dict[str, Any]:
    """The planted signals of a written data set.

    Parameters
    ----------
    manifest
        The manifest dict returned by :func:`write_demo_data`, or the output folder,
        or the path of its ``manifest.json``.

    Returns
    -------
    dict
        ``persistent_hotspots`` (list), ``emerging_hotspot``, ``declining_area``,
        ``near_repeat_burglary``, ``rising_call_type``, ``night_time_economy`` and
        ``repeat_callers``; centres are ``(easting, northing)`` tuples in BNG metres.
    """
    if not isinstance(manifest, dict):
        p = Path(manifest)
        if p.is_dir():
            p = p / "manifest.json"
        with open(p, encoding="utf-8") as fh:
            manifest = json.load(fh)
    sig = json.loads(json.dumps(manifest["signals"]))

    def fix(obj: Any) -> Any:
        if isinstance(obj, dict):
            return {k: (tuple(v) if k == "centre" else fix(v)) for k, v in obj.items()}
        if isinstance(obj, list):
            return [fix(v) for v in obj]
        return obj

    out = fix(sig)
    out["night_time_economy"]["centres"] = [
        tuple(c) for c in out["night_time_economy"]["centres"]
    ]
    return out
