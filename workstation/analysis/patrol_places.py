"""Patrol places: micro-places from a score surface, their names and their reasons.

A patrol place is a *micro-place* (Weisburd; Sherman's "hot spots of crime"): a
few street segments an officer can stand in, here at most ``max_across_m`` across
(the diameter of the smallest circle that holds it, 250 m by default). The best
cells are taken up to the area cap; touching cells form clusters; a cluster wider
than the limit is split around its hottest cells, so a 0.9 km blob becomes several
places, each small enough to patrol.

Each place gets a name an officer can find (the most common police.uk "On or near"
location of the crimes in it, or the nearest named asset) and an Ordnance Survey
grid reference (``SP 0512 8634``, a 10 m square).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import ndimage

from workstation.analysis.grid import Grid

_STREET = re.compile(
    r"\b(road|street|lane|avenue|close|way|drive|place|grove|crescent|terrace|"
    r"hill|row|walk|square|gardens|park|parade|mews|court|rise|green|view)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MicroPlaces:
    """The chosen places: flat cell ids of each, their score sums and geometry."""

    cells: tuple[np.ndarray, ...]
    score: np.ndarray
    geoms: np.ndarray
    warnings: tuple[str, ...]

    @property
    def xy(self) -> np.ndarray:
        """A point inside each place (where an officer stands), (n, 2)."""
        pts = shapely.point_on_surface(self.geoms)
        return np.column_stack([shapely.get_x(pts), shapely.get_y(pts)])


def top_cells(
    scores: np.ndarray, area_cap: float, mask: np.ndarray | None
) -> np.ndarray:
    """Flat ids of the best cells within the area cap (positive scores only)."""
    valid = np.ones(scores.shape, bool) if mask is None else np.asarray(mask, bool)
    budget_cells = max(1, int(np.floor(area_cap * int(valid.sum()))))
    flat = np.where(valid, np.nan_to_num(scores, nan=0.0), 0.0).reshape(-1)
    order = np.lexsort((np.arange(flat.size), -flat))
    chosen = order[:budget_cells]
    chosen = chosen[flat[chosen] > 0]
    if len(chosen) == 0:
        raise ValueError("no cell has a positive score: nothing to patrol")
    return chosen


def _diameter(grid: Grid, cells: list[int]) -> float:
    """Diameter of the smallest circle holding the cells' squares, metres."""
    return float(
        2.0
        * shapely.minimum_bounding_radius(
            shapely.multipolygons(list(grid.polygons(np.asarray(cells))))
        )
    )


def split_cluster(
    cells: np.ndarray, scores: np.ndarray, grid: Grid, max_across_m: float
) -> list[np.ndarray]:
    """Split one cluster's cells into connected pieces at most ``max_across_m`` across.

    The hottest remaining cell seeds a piece; the piece grows by its hottest
    touching cell (8-connected) while it still fits in a ``max_across_m`` circle.
    """
    s = scores.reshape(-1)
    left = {int(c) for c in cells}
    pieces = []
    for seed in sorted(left, key=lambda c: (-s[c], c)):
        if seed not in left:
            continue
        piece = [seed]
        left.discard(seed)
        tried: set[int] = set()
        while True:
            rows, cols = np.divmod(np.asarray(piece), grid.nx)
            near = {
                int((r + dr) * grid.nx + c + dc)
                for r, c in zip(rows, cols, strict=True)
                for dr in (-1, 0, 1)
                for dc in (-1, 0, 1)
                if 0 <= c + dc < grid.nx
            }
            cand = sorted((near & left) - tried, key=lambda c: (-s[c], c))
            if not cand:
                break
            best = cand[0]
            if _diameter(grid, [*piece, best]) <= max_across_m + 1e-9:
                piece.append(best)
                left.discard(best)
            else:
                tried.add(best)
        pieces.append(np.sort(np.asarray(piece, dtype=np.int64)))
    return pieces


def micro_places(
    scores: np.ndarray,
    grid: Grid,
    *,
    area_cap: float,
    mask: np.ndarray | None,
    max_places: int,
    max_across_m: float = 250.0,
) -> MicroPlaces:
    """Choose up to ``max_places`` micro-places, each at most ``max_across_m`` across."""
    if not max_across_m > 0:
        raise ValueError("the largest place must be a positive number of metres")
    s = np.nan_to_num(np.asarray(scores, float), nan=0.0)
    chosen = top_cells(s, area_cap, mask)
    sel = np.zeros(s.size, bool)
    sel[chosen] = True
    labels, n = ndimage.label(sel.reshape(s.shape), structure=np.ones((3, 3)))
    flat = labels.reshape(-1)
    pieces: list[np.ndarray] = []
    warnings: list[str] = []
    n_split = 0
    for lab in range(1, n + 1):
        parts = split_cluster(np.flatnonzero(flat == lab), s, grid, max_across_m)
        n_split += len(parts) > 1
        pieces += parts
    if grid.cell_m * np.sqrt(2) > max_across_m + 1e-9:
        warnings.append(
            f"the grid's {grid.cell_m:g} m cells are wider than the {max_across_m:g} m "
            "limit for a place: each place is one cell"
        )
    if n_split:
        warnings.append(
            f"{n_split} cluster(s) wider than {max_across_m:g} m were split into "
            "micro-places"
        )
    sums = np.array([s.reshape(-1)[p].sum() for p in pieces])
    keep = np.lexsort(([p[0] for p in pieces], -sums))
    if len(pieces) > max_places:
        warnings.append(
            f"{len(pieces)} candidate places; the {max_places} with the highest score "
            "are planned"
        )
        keep = keep[:max_places]
    cells = tuple(pieces[i] for i in keep)
    geoms = np.array([shapely.union_all(grid.polygons(c)) for c in cells], dtype=object)
    return MicroPlaces(cells, sums[keep], geoms, tuple(warnings))


def across_m(geoms: np.ndarray) -> np.ndarray:
    """Width of each place: the diameter of its smallest enclosing circle, metres."""
    return 2.0 * shapely.minimum_bounding_radius(np.asarray(geoms, dtype=object))


# -- names and grid references ---------------------------------------------------------
def os_grid_ref(easting: float, northing: float, digits: int = 8) -> str:
    """Ordnance Survey grid reference of a BNG point, e.g. ``"SD 5123 3045"``.

    ``digits`` (4, 6, 8 or 10) sets the square: 8 digits name a 10 m square. Points
    off the national grid give an empty string.
    """
    if not (np.isfinite(easting) and np.isfinite(northing)):
        return ""
    if not (0 <= easting < 700_000 and 0 <= northing < 1_300_000):
        return ""
    e100, n100 = int(easting // 100_000), int(northing // 100_000)
    l1 = (19 - n100) - (19 - n100) % 5 + (e100 + 10) // 5
    l2 = (19 - n100) * 5 % 25 + e100 % 5
    l1 += l1 > 7  # the grid letters skip I
    l2 += l2 > 7
    half = digits // 2
    size = 10 ** (5 - half)
    e = int((easting % 100_000) // size)
    n = int((northing % 100_000) // size)
    return f"{chr(65 + l1)}{chr(65 + l2)} {e:0{half}d} {n:0{half}d}"


def _location_name(text: object) -> str:
    t = str(text or "").strip()
    t = re.sub(r"^on or near\s+", "", t, flags=re.IGNORECASE).strip()
    return "" if t.lower() in ("", "nan", "none", "no location") else t


def place_names(
    geoms: np.ndarray,
    *,
    crime_xy: np.ndarray | None = None,
    crime_location: np.ndarray | None = None,
    assets: gpd.GeoDataFrame | None = None,
    asset_radius_m: float = 250.0,
) -> list[str]:
    """A name an officer can find for each place.

    The most common police.uk location of the crimes inside the place ("On or near
    Hill Street" gives "Hill Street"); when that is not a street (e.g. "Parking
    Area") or there is none, the nearest named asset within ``asset_radius_m`` is
    added ("Parking Area, near Hill Library"). A place with neither is "Hot spot N".
    """
    n = len(geoms)
    street = [""] * n
    if crime_xy is not None and crime_location is not None and len(crime_xy):
        tree = shapely.STRtree(geoms)
        pi, gi = tree.query(
            shapely.points(crime_xy[:, 0], crime_xy[:, 1]), predicate="intersects"
        )
        loc = pd.Series(np.asarray(crime_location, dtype=object)[pi]).map(
            _location_name
        )
        df = pd.DataFrame({"place": gi, "loc": loc.to_numpy()})
        df = df[df["loc"] != ""]
        for p, grp in df.groupby("place"):
            counts = grp["loc"].value_counts()
            best = counts[counts == counts.iloc[0]].index
            street[int(p)] = sorted(best)[0]
    near = [""] * n
    if assets is not None and len(assets) and "name" in assets:
        ag = assets.geometry.values
        atree = shapely.STRtree(ag)
        for p in range(n):
            hits = atree.query(
                shapely.buffer(geoms[p], asset_radius_m), predicate="intersects"
            )
            if len(hits):
                d = shapely.distance(geoms[p], ag[hits])
                near[p] = str(assets["name"].iloc[int(hits[np.argmin(d)])])
    out = []
    for p in range(n):
        if street[p] and (_STREET.search(street[p]) or not near[p]):
            out.append(street[p])
        elif street[p]:
            out.append(f"{street[p]}, near {near[p]}")
        elif near[p]:
            out.append(f"near {near[p]}")
        else:
            out.append(f"Hot spot {p + 1}")
    return out


# -- the hot-spot table: why each place is in the plan ------------------------------------
def _crime_mix(categories: pd.Series, n: int = 3) -> str:
    if categories.empty:
        return ""
    share = categories.value_counts(normalize=True).head(n)
    return ", ".join(f"{k} {v:.0%}" for k, v in share.items())


def _trend(times_ns: np.ndarray, latest_ns: int, days: int = 91) -> str:
    """Crimes in the last ``days`` against the ``days`` before, in words."""
    span = days * 86_400 * 10**9
    recent = int(((times_ns > latest_ns - span) & (times_ns <= latest_ns)).sum())
    before = int(
        ((times_ns > latest_ns - 2 * span) & (times_ns <= latest_ns - span)).sum()
    )
    if before == 0:
        return f"{recent} in the last 3 months, none in the 3 before"
    change = (recent - before) / before
    word = "up" if change > 0.1 else "down" if change < -0.1 else "level"
    pct = f" {abs(change):.0%}" if word != "level" else ""
    return f"{word}{pct} ({before} to {recent} a quarter)"


def _imd_text(
    places: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame | None
) -> list[str]:
    """Per place: "X01000123 decile 2 (60 %); X01000124 no IMD match (40 %)"."""
    out = [""] * len(places)
    if boundaries is None or "imd_decile" not in boundaries:
        return out
    from workstation.analysis.patrol import place_area_shares

    codes = (
        boundaries["area_code"].astype(str).to_numpy()
        if "area_code" in boundaries
        else np.arange(len(boundaries)).astype(str)
    )
    dec = pd.to_numeric(boundaries["imd_decile"], errors="coerce").to_numpy(float)
    shares = place_area_shares(places, boundaries)
    for p, grp in shares.sort_values("share", ascending=False).groupby(
        "place", sort=False
    ):
        parts = [
            f"{codes[a]} "
            + (f"decile {int(dec[a])}" if np.isfinite(dec[a]) else "no IMD match")
            + f" ({s:.0%})"
            for a, s in zip(grp["area"], grp["share"], strict=True)
        ]
        out[int(p)] = "; ".join(parts)
    return out


def reasons_table(
    places: gpd.GeoDataFrame,
    *,
    crime_xy: np.ndarray | None = None,
    crime_category: np.ndarray | None = None,
    crime_harm: np.ndarray | None = None,
    crime_times_ns: np.ndarray | None = None,
    assets: gpd.GeoDataFrame | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
    asset_radius_m: float = 250.0,
) -> pd.DataFrame:
    """The hot-spot table with reasons, one row per place in rank order.

    Rank, score, the place's share of all harm (or crime) in the data, its crime
    mix, its trend (last quarter against the one before), busiest hours (when known
    from timed demand), named assets within ``asset_radius_m`` and the IMD decile of
    each LSOA it touches with the share of the place in it.
    """
    n = len(places)
    t = pd.DataFrame(
        {
            "rank": places["score"].rank(ascending=False, method="first").astype(int),
            "place_id": places["place_id"].to_numpy(),
            "name": places["name"].to_numpy(),
            "grid_ref": places["grid_ref"].to_numpy(),
            "score": places["score"].to_numpy(),
            "crimes": np.zeros(n, dtype=int),
            "harm_share": np.full(n, np.nan),
            "crime_mix": [""] * n,
            "trend": [""] * n,
            "busiest_hours": places["best_hours"].to_numpy(),
        }
    )
    if crime_xy is not None and len(crime_xy):
        tree = shapely.STRtree(places.geometry.values)
        pi, gi = tree.query(
            shapely.points(crime_xy[:, 0], crime_xy[:, 1]), predicate="intersects"
        )
        w = np.ones(len(crime_xy)) if crime_harm is None else np.asarray(crime_harm)
        t["crimes"] = np.bincount(gi, minlength=n)
        t["harm_share"] = np.bincount(gi, weights=w[pi], minlength=n) / w.sum()
        cats = None if crime_category is None else pd.Series(crime_category)[pi]
        latest = None if crime_times_ns is None else int(np.max(crime_times_ns))
        for p in range(n):
            here = pi[gi == p]
            if cats is not None:
                t.at[p, "crime_mix"] = _crime_mix(
                    pd.Series(crime_category).iloc[here].astype(str)
                )
            if latest is not None:
                t.at[p, "trend"] = _trend(np.asarray(crime_times_ns)[here], latest)
    t["nearby_assets"] = _nearby_assets(places, assets, asset_radius_m)
    t["lsoa_imd"] = _imd_text(places, boundaries)
    return t.sort_values("rank").reset_index(drop=True)


def _nearby_assets(
    places: gpd.GeoDataFrame, assets: gpd.GeoDataFrame | None, radius_m: float
) -> list[str]:
    out = [""] * len(places)
    if assets is None or not len(assets) or "name" not in assets:
        return out
    ag = assets.geometry.values
    tree = shapely.STRtree(ag)
    for p, geom in enumerate(places.geometry.values):
        hits = tree.query(shapely.buffer(geom, radius_m), predicate="intersects")
        order = hits[np.argsort(shapely.distance(geom, ag[hits]), kind="stable")]
        out[p] = ", ".join(str(assets["name"].iloc[int(a)]) for a in order[:3])
    return out
