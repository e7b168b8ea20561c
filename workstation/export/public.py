"""The public neighbourhood briefing: counts by area and month, safe to hand out.

What it shows (and nothing else): the crimes recorded in each small area (LSOA or
the finest boundary layer) of one neighbourhood per month, with small counts hidden
and protected (:mod:`workstation.export.disclosure`); the horizon scan's significant
changes in plain words; the community places in the area and what the neighbourhood
team does there in general terms; how to contact the police and report. No points,
no addresses, no street names, no times of patrols. It is marked OFFICIAL with the
name of whoever cleared it for public release, recorded in the project's audit trail.

The page is one self-contained HTML file (no network, fonts subset and inlined), in
English, Welsh, Polish, Urdu (right to left), Punjabi (Gurmukhi) or Bengali; the PDF
is the same page printed by headless Chromium, so both use the same fonts and
shaping.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from layers.validation import DataError
from workstation.export import disclosure
from workstation.export.briefing import is_point_layer, sha256_file
from workstation.export.i18n import DRAFT_FLAG, Text, language

MARK = "*"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")

#: Colours of the page (text on background pairs are checked for WCAG contrast).
PALETTE = {
    "text": "#1d1d1b",
    "background": "#ffffff",
    "muted": "#4a4a48",
    "marking_text": "#ffffff",
    "marking_bg": "#000000",
    "draft_text": "#4a2a00",
    "draft_bg": "#fff1c2",
    "head_bg": "#e8eef5",
    "hidden_bg": "#e6e6e6",
    "bar": "#2d5f8b",
}
#: Map fills, light to dark (ColorBrewer Blues 5), and the label colour on each.
RAMP = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
RAMP_TEXT = ("#1d1d1b", "#1d1d1b", "#1d1d1b", "#000000", "#ffffff")

#: What the neighbourhood team does at each kind of place (general, never a time).
ASSET_WORK = {
    "school": "Officers visit to talk with pupils, staff and parents about staying safe.",
    "library": "The team holds drop-in sessions where you can talk to an officer.",
    "youth club": "Officers call in to get to know young people and youth workers.",
    "place of worship": "The team keeps in touch with faith leaders and visits to offer reassurance.",
}
ASSET_TYPES = {
    "school": "Schools",
    "library": "Libraries",
    "youth club": "Youth clubs",
    "place of worship": "Places of worship",
}
OTHER_WORK = "The team visits to listen to local concerns and offer reassurance."

#: data.police.uk crime types, as the page names them.
CATEGORIES = {
    "All categories": "All crime",
    "Anti-social behaviour": "Anti-social behaviour",
    "Bicycle theft": "Bicycle theft",
    "Burglary": "Burglary",
    "Criminal damage and arson": "Criminal damage and arson",
    "Drugs": "Drugs",
    "Other crime": "Other crime",
    "Other theft": "Other theft",
    "Possession of weapons": "Possession of weapons",
    "Public order": "Public order",
    "Robbery": "Robbery",
    "Shoplifting": "Shoplifting",
    "Theft from the person": "Theft from the person",
    "Vehicle crime": "Vehicle crime",
    "Violence and sexual offences": "Violence and sexual offences",
}


def _marker_strings(t: Text) -> None:  # pragma: no cover - extraction only
    """Strings chosen at run time, listed here so that extraction finds them."""
    t("Officers visit to talk with pupils, staff and parents about staying safe.")
    t("The team holds drop-in sessions where you can talk to an officer.")
    t("Officers call in to get to know young people and youth workers.")
    t("The team keeps in touch with faith leaders and visits to offer reassurance.")
    t("The team visits to listen to local concerns and offer reassurance.")
    t("Schools")
    t("Libraries")
    t("Youth clubs")
    t("Places of worship")
    t("Other community places")
    t("All crime")
    t("Anti-social behaviour")
    t("Bicycle theft")
    t("Burglary")
    t("Criminal damage and arson")
    t("Drugs")
    t("Other crime")
    t("Other theft")
    t("Possession of weapons")
    t("Public order")
    t("Robbery")
    t("Shoplifting")
    t("Theft from the person")
    t("Vehicle crime")
    t("Violence and sexual offences")
    t("Fewer crimes")
    t("More crimes")
    t("Number hidden")
    t("hidden")
    t("Whole area")
    t("Crimes recorded each month in each small area")
    t("Small area")
    t("Total")
    t("Visits change from week to week and are not published in advance.")
    t("Crime from {start} to {end}")
    t("Where crimes were recorded")
    t("Month by month")
    t("What has changed")
    t("Community places and what your neighbourhood team does there")
    t("How to contact us and report a crime")


# -- content -------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One significant item of the horizon scan, as the page says it."""

    category: str
    place: str
    observed: int
    expected: float
    month: pd.Timestamp
    up: bool


@dataclass
class PublicContent:
    """Everything a public briefing shows; nothing else reaches the page."""

    area_code: str
    area_name: str
    sub_names: list[str]
    shapes: list[Any]  # sub-area polygons (BNG), for the map only
    months: list[pd.Timestamp]
    table: disclosure.SuppressedTable
    changes: list[Change]
    assets: dict[str, list[str]]
    source: str
    layers: list[Layer] = field(default_factory=list)  # drawn on the map
    inputs: list[Layer] = field(default_factory=list)  # counted
    threshold: int = 5


def resolve_area(project: Project, spec: str) -> tuple[str, str, Any]:
    """The area named by a boundary code or name, or the polygons of a file.

    Returns
    -------
    tuple
        ``(code, name, polygon in the project's CRS)``.
    """
    path = Path(spec)
    if path.suffix and path.is_file():
        try:
            frame = gpd.read_file(path)
        except Exception as exc:  # pyogrio raises several types
            raise DataError(
                f"not a readable boundary file ({exc})", source=spec
            ) from exc
        if frame.crs is None or not len(frame):
            raise DataError("the area file has no features or no CRS", source=spec)
        frame = frame.to_crs(project.metadata.crs)
        geom = shapely.union_all(frame.geometry.values)
        if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise DataError("the area file holds no polygon", source=spec)
        return path.stem, path.stem, geom
    key = spec.strip().casefold()
    for lyr in project.layers:
        if lyr.kind != LayerKind.BOUNDARY:
            continue
        f = lyr.frame
        hit = (f["area_code"].astype(str).str.casefold() == key) | (
            f["area_name"].astype(str).str.casefold() == key
        )
        if hit.any():
            row = f[hit].iloc[0]
            return str(row["area_code"]), str(row["area_name"]), row.geometry
    raise DataError(
        "no boundary has this area code or name (give a code such as a ward's, "
        "or a polygon file)",
        source=spec,
        column="--area",
    )


def _sub_areas(project: Project, code: str, name: str, geom) -> gpd.GeoDataFrame:
    """The finest boundaries whose inside point lies in the area (the area if none)."""
    best = None
    for lyr in project.layers:
        if lyr.kind != LayerKind.BOUNDARY or not len(lyr.frame):
            continue
        f = lyr.frame
        inside = f[f.geometry.representative_point().within(geom.buffer(1.0))]
        if len(inside) and (best is None or f.area.mean() < best[0]):
            best = (f.area.mean(), inside)
    if best is None:
        return gpd.GeoDataFrame(
            {"area_code": [code], "area_name": [name]},
            geometry=[geom],
            crs=project.metadata.crs,
        )
    return best[1][["area_code", "area_name", "geometry"]].sort_values("area_name")


def _crime_layer(project: Project, layer_ids: list[str] | None) -> Layer:
    """The crime layer to count (the named one, else the largest)."""
    crimes = [lyr for lyr in project.layers if lyr.kind == LayerKind.CRIME]
    if layer_ids:
        chosen = [
            lyr
            for lyr in project.layers
            if lyr.id in layer_ids or lyr.name in layer_ids
        ]
        crimes = [lyr for lyr in chosen if lyr.kind == LayerKind.CRIME]
    if not crimes:
        raise DataError("a public briefing needs a crime layer to count")
    return max(crimes, key=len)


def _months(layer: Layer, tz: str, n: int) -> tuple[pd.Series, list[pd.Timestamp]]:
    local = layer.frame["occurred_at"].dt.tz_convert(tz).dt.tz_localize(None)
    period = local.dt.to_period("M")
    last = period.max()
    months = pd.period_range(last - (n - 1), last, freq="M")
    return period, [m.to_timestamp() for m in months]


def build_public(
    project: Project,
    area: str,
    *,
    threshold: int = 5,
    months: int = 12,
    layer_ids: list[str] | None = None,
) -> PublicContent:
    """Gather a public briefing of one area (see the module docstring).

    Parameters
    ----------
    project
        The project (a crime layer and boundaries).
    area
        A boundary's code or name (ward, LSOA, ...) or a polygon file.
    threshold
        Counts from 1 to ``threshold - 1`` are hidden.
    months
        How many calendar months, ending with the data's last month.
    layer_ids
        The crime layer to count (default the largest).
    """
    if threshold < 2:
        raise DataError("the suppression threshold must be at least 2")
    code, name, geom = resolve_area(project, area)
    subs = _sub_areas(project, code, name, geom)
    crime = _crime_layer(project, layer_ids)
    period, month_list = _months(crime, project.metadata.timezone, months)
    frame = crime.frame
    rows = frame.sindex.query(shapely.union_all(subs.geometry.values), "intersects")
    pts = frame.iloc[np.sort(rows)]
    joined = gpd.sjoin(
        pts[["geometry"]],
        subs[["geometry"]].reset_index(drop=True),
        predicate="within",
        how="inner",
    )
    joined = joined[~joined.index.duplicated()]
    per = period.iloc[np.sort(rows)].loc[joined.index]
    month_pos = {pd.Period(m, "M"): i for i, m in enumerate(month_list)}
    col = per.map(month_pos)
    ok = col.notna().to_numpy()
    counts = np.zeros((len(subs), len(month_list)), dtype=np.int64)
    np.add.at(counts, (joined["index_right"].to_numpy()[ok], col[ok].astype(int)), 1)
    table = disclosure.suppress(counts, threshold)
    sub_layer = Layer("Areas", LayerKind.BOUNDARY, subs.reset_index(drop=True))
    content = PublicContent(
        area_code=code,
        area_name=name,
        sub_names=[str(v) for v in subs["area_name"]],
        shapes=list(subs.geometry.values),
        months=month_list,
        table=table,
        changes=_changes(crime, pts.loc[joined.index], subs, code, name, threshold),
        assets=_assets(project, geom),
        source=_source(crime),
        layers=[sub_layer],
        inputs=[crime],
        threshold=threshold,
    )
    check_public(content)
    return content


def _source(layer: Layer) -> str:
    reader = layer.provenance.get("reader", "")
    if reader == "police_uk":
        return "data.police.uk"
    return layer.name


def _changes(crime, pts, subs, code, name, threshold) -> list[Change]:
    """Significant items of the horizon scan over the area and its sub-areas."""
    from workstation.analysis.scan import horizon_scan

    if len(pts) < threshold:
        return []
    sub = Layer(
        crime.name,
        crime.kind,
        pts.copy(),
        time_precision="month",
        provenance=dict(crime.provenance),
    )
    whole = gpd.GeoDataFrame(
        {"area_code": [code], "area_name": [name]},
        geometry=[shapely.union_all(subs.geometry.values)],
        crs=subs.crs,
    )
    areas = [Layer("Neighbourhood", LayerKind.BOUNDARY, whole)]
    if len(subs) > 1:
        areas.append(Layer("Areas", LayerKind.BOUNDARY, subs.reset_index(drop=True)))
    scan = horizon_scan(
        sub,
        areas=areas,
        cell_m=None,
        period="month",
        emerging=False,
        near_repeat=False,
        min_count=threshold,
    )
    sig = scan.significant()
    sig = sig[(sig["item"] == "count") & (sig["observed"] >= threshold)]
    out = []
    for _, r in sig.head(8).iterrows():
        out.append(
            Change(
                category=str(r["category"]),
                place=str(r.get("area_name", name)),
                observed=int(r["observed"]),
                expected=float(r["expected"]),
                month=pd.Timestamp(str(r.get("period_start", ""))[:7] + "-01")
                if r.get("period_start")
                else pd.NaT,
                up=bool(r["observed"] > r["expected"]),
            )
        )
    return out


def _assets(project: Project, geom) -> dict[str, list[str]]:
    """Community places in the area by kind: names only (no address, no hours)."""
    out: dict[str, list[str]] = {}
    for lyr in project.layers:
        if lyr.kind != LayerKind.ASSET:
            continue
        f = lyr.frame
        inside = f[f.geometry.within(geom)]
        for kind, names in inside.groupby(inside["asset_type"].astype(str).str.lower()):
            out.setdefault(kind, []).extend(sorted(names["name"].astype(str)))
    return out


def check_public(content: PublicContent) -> None:
    """Refuse a briefing that would show a point layer or a count below threshold."""
    for lyr in content.layers:
        if is_point_layer(lyr):
            raise DataError(
                "refused: a public briefing shows no point-level layer",
                source=lyr.name,
            )
    shown = content.table.shown()
    small = (shown > 0) & (shown < content.threshold)
    if small.any():
        r, c = np.argwhere(small)[0]
        raise DataError(
            f"refused: a count below {content.threshold} would be shown "
            f"(row {r + 1}, column {c + 1})",
            source=content.area_name,
        )
    low = [ch for ch in content.changes if ch.observed < content.threshold]
    if low:
        raise DataError(
            f"refused: a change quotes a count below {content.threshold}",
            source=content.area_name,
        )


# -- page ----------------------------------------------------------------------

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "connect-src 'none'; base-uri 'none'; form-action 'none'"
)
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto"),
)


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""

    def lum(hex_colour: str) -> float:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def font_file(family: str, weight: str = "Regular") -> Path:
    """A Noto font file (``fonts-noto-core``, installed by scripts/system-deps.sh)."""
    for d in FONT_DIRS:
        p = d / f"{family}-{weight}.ttf"
        if p.is_file():
            return p
    raise DataError(
        f"font {family}-{weight} is not installed (scripts/system-deps.sh installs "
        "fonts-noto-core)"
    )


def _font_faces(text: str, families: list[str]) -> str:
    """``@font-face`` rules with each font subset to the page's characters, inlined."""
    import base64
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = "".join(sorted(set(text) | set(" 0123456789*.,:;()-–")))
    rules = []
    for family in families:
        for weight, css_weight in (("Regular", 400), ("Bold", 700)):
            font = TTFont(font_file(family, weight))
            opts = subset.Options()
            opts.layout_features = ["*"]
            opts.hinting = False
            opts.name_IDs = ["*"]
            sub = subset.Subsetter(opts)
            sub.populate(text=chars)
            sub.subset(font)
            buf = io.BytesIO()
            font.save(buf)
            data = base64.b64encode(buf.getvalue()).decode("ascii")
            rules.append(
                f"@font-face {{ font-family: 'PB {family}'; font-weight: {css_weight};"
                f" src: url(data:font/ttf;base64,{data}) format('truetype'); }}"
            )
    return "\n".join(rules)


def page_css(lang_height: float, families: list[str]) -> str:
    p = PALETTE
    stack = ", ".join(f"'PB {f}'" for f in families)
    return f"""
html {{ font-family: {stack}; color: {p["text"]}; background: {p["background"]};
  font-size: 17px; line-height: {lang_height}; -webkit-text-size-adjust: 100%; }}
body {{ margin: 0; padding: 2.6rem 0; }}
main {{ max-width: 44rem; margin: 0 auto; padding: 0 1rem; }}
.marking {{ position: fixed; left: 0; right: 0; background: {p["marking_bg"]};
  color: {p["marking_text"]}; text-align: center; font-weight: 700;
  letter-spacing: .12em; padding: .3rem; z-index: 10; line-height: 1.4; }}
.marking.top {{ top: 0; }} .marking.bottom {{ bottom: 0; }}
h1 {{ font-size: 1.6rem; line-height: 1.3; margin: 1rem 0 .5rem; }}
h2 {{ font-size: 1.25rem; margin: 1.6rem 0 .4rem; }}
.draft {{ background: {p["draft_bg"]}; color: {p["draft_text"]};
  border: 2px solid {p["draft_text"]}; padding: .5rem .8rem; font-weight: 700; }}
.muted, figcaption, .note {{ color: {p["muted"]}; font-size: .92rem; }}
figure {{ margin: 1rem 0; }} svg {{ width: 100%; height: auto; display: block; }}
.scroll {{ overflow-x: auto; }}
.counts {{ border-collapse: collapse; font-variant-numeric: tabular-nums;
  font-size: .9rem; }}
caption {{ text-align: start; font-weight: 700; padding: .3rem 0; }}
.counts th, .counts td {{ border: 1px solid #8a8a88; padding: .2rem .4rem;
  text-align: end; }}
.counts thead th, .counts tfoot th, .counts tfoot td, .counts th[scope=row] {{
  background: {p["head_bg"]}; }}
.counts th[scope=row] {{ text-align: start; white-space: nowrap; }}
.counts td.hidden {{ background: {p["hidden_bg"]}; text-align: center; }}
.legend span {{ display: inline-block; width: 1.2em; height: 1em;
  vertical-align: middle; border: 1px solid #555; margin-inline-end: .3em; }}
.cleared {{ border-top: 2px solid {p["text"]}; margin-top: 2rem; padding-top: .6rem; }}
abbr {{ text-decoration: none; }}
.frame, .frame > tbody, .frame > * > tr, .frame > * > tr > td {{ display: block;
  border: 0; padding: 0; margin: 0; }}
.frame > thead, .frame > tfoot {{ display: none; }}
@media print {{ html {{ font-size: 10.5pt; }} body {{ padding: 0; }}
  main {{ max-width: none; padding: 0; }}
  .marking {{ display: none; }}
  .frame {{ display: table; width: 100%; border-collapse: collapse; }}
  .frame > thead {{ display: table-header-group; }}
  .frame > tfoot {{ display: table-footer-group; }}
  .frame > tbody {{ display: table-row-group; }}
  .frame > * > tr {{ display: table-row; }}
  .frame > * > tr > td {{ display: table-cell; }}
  .frame .band {{ display: block; background: {p["marking_bg"]};
    color: {p["marking_text"]}; text-align: center; font-weight: 700;
    letter-spacing: .12em; padding: 1mm; }}
  .frame > thead .band {{ margin-bottom: 4mm; }}
  .frame > tfoot .band {{ margin-top: 4mm; }}
  .scroll {{ overflow: visible; }} h2, h3 {{ break-after: avoid; }}
  figure, table, li {{ break-inside: avoid; }}
  .counts {{ width: 100%; font-size: 8pt; line-height: 1.5; }}
  .counts th, .counts td {{ padding: 1px 2px; }}
  figure.map svg {{ max-height: 105mm; width: auto; max-width: 100%; margin: 0 auto; }} }}
@page {{ size: A4; margin: 10mm 12mm; }}
"""


def area_colours(content: PublicContent) -> list[tuple[str, str]]:
    """(fill, text colour) of each sub-area: quintile of its total, grey if hidden."""
    totals = content.table.values[:-1, -1]
    hidden = content.table.hidden[:-1, -1]
    shown_tot = totals[~hidden]
    edges = np.quantile(shown_tot, [0.2, 0.4, 0.6, 0.8]) if len(shown_tot) else []
    out = []
    for total, hid in zip(totals, hidden, strict=True):
        if hid:
            out.append((PALETTE["hidden_bg"], PALETTE["text"]))
        else:
            band = int(np.searchsorted(edges, total, side="right"))
            out.append((RAMP[band], RAMP_TEXT[band]))
    return out


def public_alt(content: Any, t: Any) -> str:
    """The map's alternative text (the SVG map's and the folium page's)."""
    return t(
        "Map of {area} divided into {n} small areas, numbered as in the table and "
        "shaded by the number of crimes recorded from {start} to {end}: darker means "
        "more crimes. Grey means the number is hidden.",
        area=content.area_name,
        n=t.number(len(content.shapes)),
        start=t.month(content.months[0]),
        end=t.month(content.months[-1]),
    )


def _svg_map(content: PublicContent, t: Text, slot: str = "") -> str:
    """The sub-areas shaded by their total, numbered as in the table (no points).

    ``slot`` goes first in the figure: the interactive map's place on the page.
    """
    bounds = np.array([s.bounds for s in content.shapes])
    x0, y0 = bounds[:, 0].min(), bounds[:, 1].min()
    x1, y1 = bounds[:, 2].max(), bounds[:, 3].max()
    width = 600.0
    k = width / max(x1 - x0, 1.0)
    height = max((y1 - y0) * k, 50.0)
    colours = area_colours(content)
    parts = []
    for i, shape in enumerate(content.shapes):
        d = []
        polys = getattr(shape, "geoms", [shape])
        for poly in polys:
            for ring in [poly.exterior, *poly.interiors]:
                xy = np.asarray(ring.coords)
                px = (xy[:, 0] - x0) * k
                py = (y1 - xy[:, 1]) * k
                d.append(
                    "M"
                    + "L".join(f"{a:.1f},{b:.1f}" for a, b in zip(px, py, strict=True))
                    + "Z"
                )
        fill, ink = colours[i]
        pt = shape.representative_point()
        lx, ly = (pt.x - x0) * k, (y1 - pt.y) * k
        parts.append(
            f'<path d="{"".join(d)}" fill="{fill}" stroke="#333" stroke-width="1" '
            'fill-rule="evenodd"/>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" fill="{ink}" font-size="24" '
            f'font-weight="700" text-anchor="middle" dominant-baseline="middle">'
            f"{_esc(t.number(i + 1))}</text>"
        )
    alt = public_alt(content, t)
    swatches = "".join(f'<span style="background:{c}"></span>' for c in RAMP)
    legend = f"{_esc(t('Fewer crimes'))} {swatches} {_esc(t('More crimes'))}"
    return (
        f'<figure class="map">{slot}<svg viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-labelledby="map-alt"><title id="map-alt">{_esc(alt)}</title>'
        f'{"".join(parts)}</svg><figcaption><p>{_esc(alt)}</p><p class="legend">'
        f'{legend} <span style="background:{PALETTE["hidden_bg"]}"></span> '
        f"{_esc(t('Number hidden'))}</p></figcaption></figure>"
    )


def _svg_bars(content: PublicContent, t: Text) -> str:
    """Monthly totals of the whole area as bars (hidden months left out, and said)."""
    vals = content.table.values[-1, :-1]
    hid = content.table.hidden[-1, :-1]
    top = max(int(vals[~hid].max()) if (~hid).any() else 1, 1)
    n = len(vals)
    bars = []
    for i, (v, h) in enumerate(zip(vals, hid, strict=True)):
        if h:
            continue
        bh = 160 * v / top
        bars.append(
            f'<rect x="{10 + i * 48:.0f}" y="{180 - bh:.1f}" width="36" '
            f'height="{bh:.1f}" fill="{PALETTE["bar"]}"/>'
            f'<text x="{28 + i * 48:.0f}" y="{196}" font-size="11" '
            f'text-anchor="middle" fill="{PALETTE["text"]}">'
            f"{_esc(t.month(content.months[i], short=True, year=False))}</text>"
        )
    shown = [(v, m) for v, h, m in zip(vals, hid, content.months, strict=True) if not h]
    if shown:
        lo = min(shown, key=lambda x: x[0])
        hi = max(shown, key=lambda x: x[0])
        alt = t(
            "Bar chart of the crimes recorded in {area} each month from {start} to "
            "{end}. The fewest were {low} in {low_month}, the most {high} in "
            "{high_month}. The numbers are in the bottom row of the table.",
            area=content.area_name,
            start=t.month(content.months[0]),
            end=t.month(content.months[-1]),
            low=t.number(lo[0]),
            low_month=t.month(lo[1]),
            high=t.number(hi[0]),
            high_month=t.month(hi[1]),
        )
    else:
        alt = t("Every monthly total is hidden.")
    return (
        f'<figure><svg viewBox="0 0 {10 + n * 48} 205" role="img" '
        f'aria-labelledby="bars-alt"><title id="bars-alt">{_esc(alt)}</title>'
        f"{''.join(bars)}</svg><figcaption>{_esc(alt)}</figcaption></figure>"
    )


def _cell(t: Text, value: int, hidden: bool, tag: str = "td", scope: str = "") -> str:
    if hidden:
        return (
            f'<{tag} class="hidden"{scope}><abbr title="{_esc(t("hidden"))}">{MARK}'
            f"</abbr></{tag}>"
        )
    return f"<{tag}{scope}>{_esc(t.number(int(value)))}</{tag}>"


def _table(content: PublicContent, t: Text) -> str:
    tab = content.table
    vals, hid = tab.values, tab.hidden
    one_row = len(content.sub_names) == 1
    head = "".join(
        f'<th scope="col">{_esc(t.month(m, short=True))}</th>' for m in content.months
    )
    body = []
    for i, name in enumerate(content.sub_names):
        cells = "".join(_cell(t, v, h) for v, h in zip(vals[i], hid[i], strict=True))
        body.append(
            f'<tr><th scope="row">{_esc(t.number(i + 1))}. <bdi>{_esc(name)}</bdi></th>'
            f"{cells}</tr>"
        )
    foot = ""
    if not one_row:
        cells = "".join(_cell(t, v, h) for v, h in zip(vals[-1], hid[-1], strict=True))
        foot = f'<tfoot><tr><th scope="row">{_esc(t("Whole area"))}</th>{cells}</tr></tfoot>'
    note = t(
        "{mark} means the number is hidden: it is between 1 and {below}, or it is "
        "hidden so that such a small number cannot be worked out from the totals.",
        mark=MARK,
        below=t.number(content.threshold - 1),
    )
    return (
        f'<div class="scroll"><table class="counts"><caption>'
        f"{_esc(t('Crimes recorded each month in each small area'))}</caption>"
        f'<thead><tr><th scope="col">{_esc(t("Small area"))}</th>{head}'
        f'<th scope="col">{_esc(t("Total"))}</th></tr></thead><tbody>'
        f'{"".join(body)}</tbody>{foot}</table></div><p class="note">{_esc(note)}</p>'
    )


def _changes_html(content: PublicContent, t: Text) -> str:
    last = t.month(content.months[-1])
    items = []
    for ch in content.changes:
        when = t.month(ch.month) if pd.notna(ch.month) else last
        kw = {
            "category": t(CATEGORIES.get(ch.category, ch.category)),
            "place": ch.place,
            "observed": t.number(ch.observed),
            "expected": t.number(round(ch.expected)),
            "month": when,
        }
        msg = (
            t(
                "Going up: {category} in {place}: {observed} crimes in {month}, "
                "when about {expected} would be usual.",
                **kw,
            )
            if ch.up
            else t(
                "Going down: {category} in {place}: {observed} crimes in "
                "{month}, when about {expected} would be usual.",
                **kw,
            )
        )
        items.append(f"<li>{_esc(msg)}</li>")
    if not items:
        items.append(
            "<li>"
            + _esc(
                t(
                    "In {month} no type of crime was clearly higher or lower than "
                    "usual in this area.",
                    month=last,
                )
            )
            + "</li>"
        )
    how = t(
        "We checked each type of crime in the area and in each small area, and "
        "mention only changes that are very unlikely to be chance."
    )
    return f'<ul>{"".join(items)}</ul><p class="note">{_esc(how)}</p>'


def _assets_html(content: PublicContent, t: Text) -> str:
    parts = []
    for kind, names in sorted(content.assets.items()):
        title = t(ASSET_TYPES.get(kind, "Other community places"))
        work = t(ASSET_WORK.get(kind, OTHER_WORK))
        parts.append(
            f'<h3>{_esc(title)}</h3><p>{_esc(work)}</p><p class="muted">'
            f"{_esc(', '.join(names))}</p>"
        )
    if not parts:
        parts.append(f"<p>{_esc(t(OTHER_WORK))}</p>")
    parts.append(
        f"<p>{_esc(t('Visits change from week to week and are not published in advance.'))}</p>"
    )
    return "".join(parts)


def _contact_html(t: Text) -> str:
    lines = [
        t("In an emergency, or if a crime is happening now, call 999."),
        t(
            "To report a crime or anti-social behaviour that is not an emergency, "
            "call 101 or report it on your police force's website."
        ),
        t(
            "To pass on information without giving your name, call Crimestoppers "
            "free on 0800 555 111."
        ),
        t("You can talk to your neighbourhood team at local meetings and events."),
    ]
    return "<ul>" + "".join(f"<li>{_esc(x)}</li>" for x in lines) + "</ul>"


def render_html(
    content: PublicContent,
    lang: str,
    cleared_by: str,
    made_at: datetime,
    *,
    interactive: bool = True,
) -> str:
    """The public page in one language (escaped; no URL).

    With ``interactive`` the page's map is the folium/Leaflet map of
    :func:`workstation.export.folium_map.public_data` (vendored Leaflet inlined,
    no network), and the SVG map shows in print and with scripts off; without,
    the page has no script at all and the SVG is its map (the PDF's page).
    """
    t = Text(lang)
    families = [f for f in (t.lang.script_font, "NotoSans") if f]
    start, end = t.month(content.months[0]), t.month(content.months[-1])
    draft = ""
    if t.info.draft:
        flag = t("Draft translation, to be checked by a fluent speaker.")
        both = _esc(flag)
        if lang != "en":
            both += f'<br><span lang="en" dir="ltr">{_esc(DRAFT_FLAG)}</span>'
        draft = f'<p class="draft">{both}</p>'
    cleared = t(
        "Cleared for public release by {name} on {date}.",
        name=cleared_by,
        date=t.date(made_at),
    )
    intro = t(
        "This briefing is for the public. It shows how many crimes the police "
        "recorded in each small area and month. It shows no addresses, no exact "
        "places and nothing about any person."
    )
    source = t(
        "Source: crimes recorded by the police ({source}), counted in the small "
        "area where each was recorded.",
        source=content.source,
    )
    band = '<tr><td><div class="band">OFFICIAL</div></td></tr>'
    body = f"""<div class="marking top">OFFICIAL</div>
<table class="frame" role="presentation"><thead>{band}</thead><tfoot>{band}</tfoot>
<tbody><tr><td><main>
<h1>{_esc(t("Your neighbourhood: {area}", area=content.area_name))}</h1>
<p class="muted">{_esc(t("Crime from {start} to {end}", start=start, end=end))}</p>
{draft}
<p>{_esc(intro)}</p>
<section>
<h2>{_esc(t("Where crimes were recorded"))}</h2>
{_svg_map(content, t, MAP_SLOT if interactive else "")}
{_table(content, t)}
</section>
<section>
<h2>{_esc(t("Month by month"))}</h2>
{_svg_bars(content, t)}
</section>
<section>
<h2>{_esc(t("What has changed"))}</h2>
{_changes_html(content, t)}
</section>
<section>
<h2>{_esc(t("Community places and what your neighbourhood team does there"))}</h2>
{_assets_html(content, t)}
</section>
<section>
<h2>{_esc(t("How to contact us and report a crime"))}</h2>
{_contact_html(t)}
</section>
<div class="cleared"><p><strong>OFFICIAL</strong>. {_esc(cleared)}</p>
<p class="note">{_esc(source)}</p></div>
</main></td></tr></tbody></table>
<div class="marking bottom">OFFICIAL</div>"""
    title = t("Your neighbourhood: {area}", area=content.area_name)
    css = page_css(t.lang.line_height, families)
    if interactive:
        return _interactive_page(content, t, title, body, css, families)
    faces = _font_faces(html.unescape(title + body), families)
    return f"""<!DOCTYPE html>
<html lang="{_esc(t.lang.code)}" dir="{t.lang.direction}">
<head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="marking" content="OFFICIAL">
<title>{_esc(title)}</title>
<style>{faces}
{css}</style></head>
<body>{body}</body></html>
"""


MAP_SLOT = "<!-- the interactive map -->"
#: Characters the map's controls draw (zoom buttons, scale bar, attribution).
MAP_CHARS = "+\u2013 m km Leaflet"


def map_css(families: list[str]) -> str:
    """The interactive map's style; the SVG map is its print and no-script form."""
    stack = ", ".join(f"'PB {f}'" for f in families)
    return f"""
.wk-map {{ height: 62vh; min-height: 300px; max-height: 540px;
  border: 1px solid #8a8a88; margin-bottom: .6rem; direction: ltr;
  background: #ffffff; }}
figure.map > svg {{ display: none; }}
.leaflet-container, .leaflet-container .wk-marker, .leaflet-bar a,
.leaflet-control-layers, .leaflet-popup-content {{ font-family: {stack}; }}
.leaflet-container {{ font-size: .9rem; line-height: 1.4; }}
[dir=rtl] .leaflet-popup-content, [dir=rtl] .leaflet-control-layers {{
  direction: rtl; text-align: start; }}
.leaflet-control-layers label {{ min-height: 30px; display: flex; align-items: center; }}
.leaflet-touch .leaflet-bar a {{ width: 40px; height: 40px; line-height: 40px; }}
.leaflet-popup-content table {{ border-collapse: collapse; }}
.leaflet-popup-content th {{ text-align: start; padding: 1px 8px; font-weight: 700;
  vertical-align: top; }}
.wk-hit {{ display: flex; align-items: center; justify-content: center; }}
.wk-marker {{ display: flex; align-items: center; justify-content: center;
  color: #ffffff; font-weight: 700; font-size: 13px; border: 2px solid #ffffff;
  box-shadow: 0 0 0 1px rgba(0,0,0,.55); box-sizing: border-box; }}
.wk-marker.circle {{ border-radius: 50%; }}
@media print {{ .wk-map {{ display: none !important; }}
  figure.map > svg {{ display: block; }} }}
"""


#: With scripts off the SVG is the map (the Leaflet map cannot draw).
NOSCRIPT_CSS = ".wk-map { display: none; } figure.map > svg { display: block; }"


def _strings(value: Any) -> list[str]:
    """Every string in nested lists and dictionaries (the map data's texts)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *_strings(v)]]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _interactive_page(
    content: PublicContent,
    t: Text,
    title: str,
    body: str,
    css: str,
    families: list[str],
) -> str:
    """The page around the folium map of the public content."""
    from workstation.export import folium_map

    data = folium_map.public_data(content, t)
    data["meta"]["legend"] = False  # the legend is the figure's caption
    data["meta"]["projection_note"] = False
    texts = " ".join(_strings(data["layers"])) + MAP_CHARS
    faces = _font_faces(html.unescape(title + body) + texts, families)
    before, after = body.split(MAP_SLOT)
    page = folium_map.PublicPage(
        data,
        title=title,
        css=f"{faces}\n{css}{map_css(families)}",
        noscript_css=NOSCRIPT_CSS,
        before=before,
        after=after,
    )
    folium_map.public_page_map(data, page)
    return page.render() + "\n"


# -- files ---------------------------------------------------------------------


def chromium() -> str:
    """Path of the Chromium used to print the PDF (scripts/system-deps.sh)."""
    for name in CHROMIUM:
        path = shutil.which(name)
        if path:
            return path
    raise DataError(
        "a public PDF is printed by Chromium, which is not installed "
        "(scripts/system-deps.sh installs it)"
    )


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print an HTML file to PDF with headless Chromium (network off)."""
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            chromium(),
            "--headless",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            f"--print-to-pdf={pdf_path}",
            html_path.resolve().as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.insert(1, "--no-sandbox")
        done = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    if done.returncode != 0 or not pdf_path.is_file():
        raise DataError(
            f"Chromium could not print the PDF ({done.stderr.decode()[-200:]})",
            source=str(pdf_path),
        )


def export_public(
    project: Project,
    path: str | Path,
    *,
    area: str,
    language_code: str,
    cleared_by: str,
    threshold: int = 5,
    months: int = 12,
    layer_ids: list[str] | None = None,
) -> PublicContent:
    """Write a public briefing (.html or .pdf) and record it in the audit trail."""
    path = Path(path)
    if not cleared_by or not cleared_by.strip():
        raise DataError(
            "a public briefing needs the name of whoever cleared it",
            column="--cleared-by",
        )
    try:
        language(language_code)
    except ValueError as exc:
        raise DataError(str(exc), column="--language") from exc
    content = build_public(
        project, area, threshold=threshold, months=months, layer_ids=layer_ids
    )
    made = datetime.now(UTC)
    pdf = path.suffix.lower() == ".pdf"
    page = render_html(
        content,
        language(language_code).code,
        cleared_by.strip(),
        made,
        interactive=not pdf,
    )
    if pdf:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "public.html"
            src.write_text(page, encoding="utf-8")
            print_pdf(src, path)
    else:
        path.write_text(page, encoding="utf-8")
    tab = content.table
    project.record(
        "export",
        {
            "format": path.suffix.lower().lstrip("."),
            "public": True,
            "path": str(path.resolve()),
            "sha256": sha256_file(path),
            "bytes": path.stat().st_size,
            "marking": "OFFICIAL",
            "cleared_by": cleared_by.strip(),
            "cleared_at": made.isoformat(timespec="seconds"),
            "language": language(language_code).code,
            "area": f"{content.area_code} {content.area_name}",
            "date_range": f"{content.months[0]:%Y-%m} to {content.months[-1]:%Y-%m}",
            "layers": [lyr.name for lyr in content.inputs],
            "threshold": threshold,
            "suppressed_primary": int(tab.primary.sum()),
            "suppressed_secondary": int(tab.secondary.sum()),
            "suppression_rule": tab.rule(),
        },
        inputs=content.inputs,
    )
    return content
