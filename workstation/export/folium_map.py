"""The HTML briefing as a ``folium.Map``: the same map in a notebook and in the file.

:func:`briefing_map` returns the briefing's map (marking banners, legend, layer
toggles, popups, patrol numbering, the About panel) as a :class:`folium.Map` an
analyst can add layers to and show in a notebook; :func:`workstation.export.html.
export_html` saves the same map as the one-file offline page.

What differs from a plain folium map:

- no CDN links: folium's default JavaScript and CSS (Leaflet, jQuery, Bootstrap,
  Font Awesome, awesome-markers) are dropped and the vendored Leaflet files in
  ``resources/web`` (plus ``briefing.js``, the page's own runtime) are inlined;
  the page carries a Content-Security-Policy that forbids every network fetch,
  so a folium plugin that loads from a CDN does not work in it;
- the point layer is one canvas drawn from compact arrays (:class:`PointCanvas`),
  not one DOM marker per point: positions are Web Mercator metres rounded to the
  metre (0.6 m on the ground at 54 degrees north; the lat/lon they come from are
  kept to 1e-5 degrees, so positions are within 1 m of the data), points sorted
  by category then along a Z-order curve, each integer column stored as base64
  varints of zigzag-coded differences (:func:`pack_ints`);
- all layer data sit in one ``<script id="brief-data" type="application/json">``
  element, JSON with ``<``, ``>`` and ``&`` escaped; no value of the data ever
  passes through a Jinja template (folium parses an ``Element``'s text as a
  template, so data text is kept out of them: see :class:`Raw`).
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import Any, ClassVar

import folium
import numpy as np
import pandas as pd
import shapely
from folium import Element, Figure, MacroElement
from folium.template import Template

from layers.project import Project
from workstation.export import briefing as bf
from workstation.export import html as hx
from workstation.export.public import public_alt

#: Web Mercator sphere radius (EPSG:3857), metres.
EARTH_R = 6378137.0


# -- compact integer arrays ------------------------------------------------------


def pack_ints(values: np.ndarray | list[int]) -> str:
    """Integers as base64 of varints of their zigzag-coded differences.

    Parameters
    ----------
    values
        Integers whose successive differences fit in 32 bits.

    Returns
    -------
    str
        base64 text; ``WK.ints`` in ``resources/web/briefing.js`` decodes it.
    """
    v = np.asarray(values, dtype=np.int64)
    if v.size == 0:
        return ""
    d = np.diff(v, prepend=np.int64(0))
    z = ((d << 1) ^ (d >> 63)).astype(np.uint64)
    nbytes = np.ones(len(z), dtype=np.int64)
    for k in range(1, 10):
        nbytes += z >= np.uint64(1 << (7 * k))
    starts = np.cumsum(nbytes) - nbytes
    out = np.zeros(int(nbytes.sum()), dtype=np.uint8)
    for k in range(int(nbytes.max())):
        m = nbytes > k
        byte = (z[m] >> np.uint64(7 * k)) & np.uint64(0x7F)
        more = (nbytes[m] > k + 1).astype(np.uint64) << np.uint64(7)
        out[starts[m] + k] = (byte | more).astype(np.uint8)
    return base64.b64encode(out.tobytes()).decode("ascii")


def unpack_ints(text: str, n: int) -> np.ndarray:
    """Inverse of :func:`pack_ints` (for tests and notebooks)."""
    raw = np.frombuffer(base64.b64decode(text), dtype=np.uint8)
    ends = np.flatnonzero(raw < 128)
    if len(ends) != n:
        raise ValueError(f"expected {n} integers, found {len(ends)}")
    z = np.zeros(n, dtype=np.uint64)
    starts = np.concatenate([[0], ends[:-1] + 1])
    for k in range(int((ends - starts).max(initial=0)) + 1):
        pos = starts + k
        m = pos <= ends
        z[m] |= (raw[pos[m]].astype(np.uint64) & np.uint64(0x7F)) << np.uint64(7 * k)
    d = (z >> np.uint64(1)).astype(np.int64) ^ -(z & np.uint64(1)).astype(np.int64)
    return np.cumsum(d)


def _spread(v: np.ndarray) -> np.ndarray:
    """Bits of ``v`` (< 2**21) spaced out for a 2-D Z-order code."""
    v = v.astype(np.uint64) & np.uint64(0x1FFFFF)
    for shift, mask in (
        (32, 0x1F00000000FFFF),
        (16, 0x1F0000FF0000FF),
        (8, 0x100F00F00F00F00F),
        (4, 0x10C30C30C30C30C3),
        (2, 0x1249249249249249),
    ):
        v = (v | (v << np.uint64(shift))) & np.uint64(mask)
    return v


def mercator_m(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator (EPSG:3857) metres of degrees, rounded to the metre."""
    x = EARTH_R * np.radians(lon)
    y = EARTH_R * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    return np.round(x).astype(np.int64), np.round(y).astype(np.int64)


def compact_points(layer: dict[str, Any]) -> dict[str, Any]:
    """The page form of a point layer of :func:`~workstation.export.html.briefing_data`.

    Positions become Web Mercator metres, points are sorted by category (so the
    category is ``counts`` per category) then along a Z-order curve (neighbours
    in the file are neighbours on the map, so differences are small), and each
    integer column (x, y, time, popup field codes) is packed by :func:`pack_ints`.
    Popup field dictionaries are renumbered in order of first use, so codes of
    neighbouring points differ little.
    """
    n = int(layer["n"])
    x, y = mercator_m(np.asarray(layer["lon"]) / 1e5, np.asarray(layer["lat"]) / 1e5)
    c = np.asarray(layer["c"], dtype=np.int64).reshape(n)
    if n:
        z = _spread((x - x.min()) >> 3) | (_spread((y - y.min()) >> 3) << np.uint64(1))
        order = np.lexsort((z, c))
    else:
        order = np.zeros(0, dtype=np.int64)
    out = {
        k: v for k, v in layer.items() if k not in ("lat", "lon", "c", "t", "fields")
    }
    out["counts"] = np.bincount(c, minlength=len(layer["cats"])).tolist()
    out["x"], out["y"] = pack_ints(x[order]), pack_ints(y[order])
    if "t" in layer:
        out["tb"] = pack_ints(np.asarray(layer["t"], dtype=np.int64)[order])
    out["fields"] = []
    for f in layer["fields"]:
        codes = np.asarray(f["codes"], dtype=np.int64)[order]
        known = codes >= 0
        new = np.full(n, -1, dtype=np.int64)
        renum, used = pd.factorize(codes[known])
        new[known] = renum
        values = [f["values"][int(u)] for u in used]
        out["fields"].append(
            {"label": f["label"], "values": values, "cb": pack_ints(new)}
        )
    return out


# -- folium elements ---------------------------------------------------------------


class Raw(Element):
    """Text put into the page as it is (folium would parse it as a Jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        """The text itself."""
        return self._text


def _inline_assets(figure: Figure, *names: str) -> None:
    """Inline vendored files of ``resources/web`` into the page head, once each."""
    for name in names:
        text = hx._asset(name)
        tag = "style" if name.endswith(".css") else "script"
        figure.header.add_child(Raw(f"<{tag}>{text}</{tag}>"), name="wk_" + name)


def _layer_ref(element: MacroElement, data: dict[str, Any]) -> str:
    """JavaScript that yields ``data`` in the page: its index in the page's data."""
    root = element.get_root()
    if isinstance(root, BriefingPage):
        root.payload["layers"].append(data)
        return f"WK.data().layers[{len(root.payload['layers']) - 1}]"
    # any other folium figure: a JSON block of its own, outside every template
    block = f"wk-data-{element.get_name()}"
    root.html.add_child(
        Raw(
            f'<script id="{block}" type="application/json">'
            f"{hx._json_for_script(data)}</script>"
        ),
        name=block,
    )
    return f'JSON.parse(document.getElementById("{block}").textContent)'


class _WkElement(MacroElement):
    """A briefing layer drawn by ``WK.<function>(map, data)`` of ``briefing.js``."""

    _function = "shapes"
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = WK.{{ this._function }}(
            {{ this._parent.get_name() }}, {{ this.ref }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any], name: str = "WkLayer") -> None:
        super().__init__()
        self._name = name
        self.data = data
        self.ref = "null"

    def assets(self) -> tuple[str, ...]:
        """The vendored files this element needs in the page."""
        return ()

    def render(self, **kwargs: Any) -> None:
        """Register the data with the page, then write the script."""
        figure = self.get_root()
        _inline_assets(figure, *RUNTIME, *self.assets())
        self.ref = _layer_ref(self, self.data)
        super().render(**kwargs)


class PointCanvas(_WkElement):
    """Many points on one canvas, with a heat map twin, category toggles and popups.

    Parameters
    ----------
    data
        A point layer of :func:`~workstation.export.html.briefing_data`
        (``type == "points"``), packed here by :func:`compact_points`.
    """

    _function = "points"

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(compact_points(data), "PointCanvas")


class BriefingShapes(_WkElement):
    """Polygons, lines, an image overlay or labelled markers of the briefing."""

    def assets(self) -> tuple[str, ...]:
        """Clustered markers need leaflet.markercluster."""
        if self.data.get("type") == "markers" and self.data.get("cluster"):
            return CLUSTER
        return ()


class LocalTiles(MacroElement):
    """Inlined local tiles (``data:`` URIs) as the background."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = WK.tiles({{ this._parent.get_name() }},
            WK.data().tiles);
        {% endmacro %}
        """
    )

    def __init__(self, tiles: dict[str, Any]) -> None:
        super().__init__()
        self._name = "LocalTiles"
        self.tiles = tiles

    def render(self, **kwargs: Any) -> None:
        """Put the tiles into the page's data, then write the script."""
        root = self.get_root()
        if isinstance(root, BriefingPage):
            root.payload["tiles"] = self.tiles
            super().render(**kwargs)


class BriefingControls(MacroElement):
    """Layer list, legend, projection note and About button; marks the page ready."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        WK.controls({{ this._parent.get_name() }}, WK.data());
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "BriefingControls"


RUNTIME = ("leaflet.css", "leaflet.js", "leaflet-heat.js", "briefing.js")
CLUSTER = ("MarkerCluster.css", "MarkerCluster.Default.css", "leaflet.markercluster.js")


class BriefingMap(folium.Map):
    """A ``folium.Map`` with no CDN assets, drawn into ``<div id="map">``."""

    default_js: ClassVar[list[tuple[str, str]]] = []
    default_css: ClassVar[list[tuple[str, str]]] = []
    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="folium-map" id="{{ this.get_name() }}" role="application"
             aria-label="Briefing map"></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }},
            {{ this.options|tojson }});
        WK.setup({{ this.get_name() }}, WK.data());
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__(tiles=None)
        self.options = {
            "center": [0.0, 0.0],
            "zoom": 1,
            "preferCanvas": False,
            "zoomSnap": 0.25,
            "attributionControl": True,
            "maxZoom": 19,
            "minZoom": 3,
        }

    def get_name(self) -> str:
        """``map``: the element id and the JavaScript variable of the map."""
        return "map"

    def render(self, **kwargs: Any) -> None:
        """Inline the runtime first, then the map and its layers."""
        _inline_assets(self.get_root(), *RUNTIME)
        super().render(**kwargs)


class BriefingPage(Figure):
    """The page around the map: marking banners, header, About panel, the data."""

    _template = Template(
        """<!DOCTYPE html>
<html lang="{{ this.lang }}" dir="{{ this.direction }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ this.csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
{{ this.meta_tags }}
<title>{{ this.page_title }}</title>
{{ this.header.render(**kwargs) }}
<style>{{ this.page_css }}</style>
</head>
<body>
<div class="marking top" role="banner" aria-label="Protective marking" {{ this.banner }}</div>
<header id="hdr">
<h1>{{ this.heading }}</h1>
<span class="range">{{ this.date_range }}</span>
<button id="about-btn" type="button" aria-expanded="false" aria-controls="about">About</button>
</header>
{{ this.html.render(**kwargs) }}
<aside id="about" hidden>
{{ this.about }}
</aside>
<div class="marking bottom" role="contentinfo" aria-label="Protective marking" {{ this.banner }}</div>
<script id="brief-data" type="application/json">{{ this.payload_json() }}</script>
<script>
{{ this.script.render(**kwargs) }}
</script>
</body>
</html>
"""
    )

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "BriefingPage"
        self.header._children.clear()  # folium's own meta tag: ours is above
        m = data["meta"]
        e = html.escape
        self.csp = hx.CSP
        self.lang = e(m.get("lang", "en-GB"))
        self.direction = "rtl" if m.get("direction") == "rtl" else "ltr"
        self.meta_tags = hx._meta_tags(m.get("export", {}))
        self.page_title = f"{e(m['marking'])}: {e(m['title'])}"
        self.heading = e(m["title"])
        self.date_range = e(m["date_range"])
        self.banner = hx._banner_html(m["marking"], m.get("marking_class", ""))
        self.about = hx._about_html(data)
        self.page_css = hx.PAGE_CSS
        self.meta = m
        self.bounds = data["bounds"]
        self.payload: dict[str, Any] = {"meta": m, "bounds": self.bounds, "layers": []}

    def payload_json(self) -> str:
        """The page's data as JSON that cannot close its script element."""
        return hx._json_for_script(self.payload)

    def render(self, **kwargs: Any) -> str:
        """The whole page (the layers register their data again on each render)."""
        self.payload["layers"] = []
        self.payload.pop("tiles", None)
        return super().render(**kwargs)


# -- public functions ----------------------------------------------------------------


def map_from_data(
    data: dict[str, Any],
    *,
    page: BriefingPage | None = None,
    m: BriefingMap | None = None,
) -> BriefingMap:
    """The briefing map of :func:`~workstation.export.html.briefing_data` output.

    ``page`` and ``m`` replace the page and the map (the public handout's).
    """
    page = page if page is not None else BriefingPage(data)
    m = m if m is not None else BriefingMap()
    page.add_child(m, name="map")
    m.fit_bounds(data["bounds"], padding=(8, 8))
    if data.get("tiles") and data["tiles"].get("tiles"):
        LocalTiles(data["tiles"]).add_to(m)
    for layer in data["layers"]:
        if layer["type"] == "points":
            PointCanvas(layer).add_to(m)
        else:
            BriefingShapes(layer, f"Wk{layer['type'].title()}").add_to(m)
    BriefingControls().add_to(m)
    return m


def briefing_map(
    project: Project,
    *,
    title: str | None = None,
    marking: str | None = None,
    descriptor: str | None = None,
    layer_ids: list[str] | None = None,
    extent: tuple[float, float, float, float] | None = None,
    tiles: str | Path | None = None,
    briefing: bf.Briefing | None = None,
    downgrade_reason: str | None = None,
) -> BriefingMap:
    """The briefing of ``project`` as a ``folium.Map`` (the map the HTML export saves).

    In a notebook the map shows itself; ``folium`` layers can be added to it
    (``folium.Marker(...).add_to(m)``) and ``m.save(path)`` writes the page.
    Layers of folium plugins that load scripts from a CDN do not draw: the page's
    Content-Security-Policy forbids every network fetch.

    Parameters
    ----------
    project
        The project; its filter (time window, categories, area) applies.
    title, marking, descriptor, layer_ids, extent, downgrade_reason
        As for :func:`workstation.export.briefing.make_briefing`.
    tiles
        A local XYZ tile folder or MBTiles file to inline as the background.
    briefing
        A briefing already made (the other options are then ignored).

    Raises
    ------
    DataError
        No protective marking, an unknown layer, or nothing to show.
    """
    _b, data = hx.briefing_with_data(
        project, briefing, tiles, title=title, marking=marking,
        descriptor=descriptor, layer_ids=layer_ids, extent=extent,
        downgrade_reason=downgrade_reason,
    )  # fmt: skip
    return map_from_data(data)


def public_map(
    project: Project,
    area: str,
    *,
    language_code: str = "en",
    threshold: int = 5,
    months: int = 12,
    layer_ids: list[str] | None = None,
) -> BriefingMap:
    """The public briefing's map of ``area`` as a ``folium.Map`` (for a notebook).

    The same content as the public page (:func:`workstation.export.public.
    build_public`, with its suppression and refusals): the small areas shaded by
    their total, numbered as in the page's table, a popup with the total or the
    hidden mark; no point, no street. The handout page of
    :func:`workstation.export.public.export_public` is built around the same map
    (:func:`public_page_map`), with the SVG map kept for print and for readers
    with scripts off.
    """
    from workstation.export import public
    from workstation.export.i18n import Text

    content = public.build_public(
        project, area, threshold=threshold, months=months, layer_ids=layer_ids
    )
    return map_from_data(public_data(content, Text(language_code)))


def public_data(content: Any, t: Any) -> dict[str, Any]:
    """The page data of the public map: meta, bounds and the two area layers.

    Parameters
    ----------
    content
        A :class:`workstation.export.public.PublicContent`.
    t
        The page's :class:`workstation.export.i18n.Text` (its language).
    """
    from workstation.export import public

    crs = content.layers[0].frame.crs.to_string()  # the small areas (project CRS)
    title = t("Your neighbourhood: {area}", area=content.area_name)
    start, end = t.month(content.months[0]), t.month(content.months[-1])
    layers = _public_layers(content, t, crs)
    xmin, ymin, xmax, ymax = shapely.total_bounds(
        hx._geo_frame_geoms(np.array(content.shapes, dtype=object), crs)
    )
    hidden_note = t(
        "{mark} means the number is hidden: it is between 1 and {below}, or it is "
        "hidden so that such a small number cannot be worked out from the totals.",
        mark=public.MARK,
        below=t.number(content.threshold - 1),
    )
    layers[0]["legend"] = [
        {"label": t("Fewer crimes"), "fill": public.RAMP[0]},
        {"label": t("More crimes"), "fill": public.RAMP[-1]},
        {"label": t("Number hidden"), "fill": public.PALETTE["hidden_bg"]},
    ]
    layers[0]["note"] = public_alt(content, t)
    meta = {
        "title": title,
        "marking": "OFFICIAL",
        "marking_class": "OFFICIAL",
        "lang": t.lang.code,
        "direction": t.lang.direction,
        "date_range": t("Crime from {start} to {end}", start=start, end=end),
        "author": "",
        "made": t.date(pd.Timestamp.now(tz="UTC")),
        "sources": [content.source],
        "attributions": [],
        "attribution_short": "",
        "notes": [[t("Number hidden"), hidden_note]],
        "zoom_in": t("Zoom in"),
        "zoom_out": t("Zoom out"),
        "skipped": [],
        "scan": [],
        "crs": crs,
        "export": {},
    }
    return {"meta": meta, "bounds": [[ymin, xmin], [ymax, xmax]], "layers": layers}


class PublicMap(BriefingMap):
    """The public page's map: ``<div id="map">`` labelled by the map's alt text."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="wk-map" id="{{ this.get_name() }}" role="region"
             aria-label="{{ this.aria_label }}"></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }},
            {{ this.options|tojson }});
        L.control.zoom({{ this.zoom|tojson }}).addTo({{ this.get_name() }});
        WK.setup({{ this.get_name() }}, WK.data());
        {% endmacro %}
        """
    )

    def __init__(
        self, aria_label: str, zoom_in: str = "Zoom in", zoom_out: str = "Zoom out"
    ) -> None:
        super().__init__()
        self.aria_label = html.escape(aria_label, quote=True)
        # the buttons' titles (tooltips, read aloud) in the page's language
        self.zoom = {
            "zoomOutText": "\u2013",
            "zoomInTitle": zoom_in,
            "zoomOutTitle": zoom_out,
        }
        self.options["scrollWheelZoom"] = False  # the page scrolls past the map
        self.options["minZoom"] = 8
        self.options["preferCanvas"] = True  # the page's svg rules stay the SVG map's
        self.options["zoomControl"] = False  # its own, with a minus sign Noto Sans has


class PublicPage(BriefingPage):
    """The public handout around its map: the page's own head and body text.

    ``before`` and ``after`` are the escaped body HTML either side of the map
    (they are put in as they are, never parsed as a template).
    """

    _template = Template(
        """<!DOCTYPE html>
<html lang="{{ this.lang }}" dir="{{ this.direction }}">
<head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ this.csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="marking" content="OFFICIAL">
<title>{{ this.page_title }}</title>
{{ this.header.render(**kwargs) }}
<style>{{ this.page_css }}</style>
<noscript><style>{{ this.noscript_css }}</style></noscript>
</head>
<body>{{ this.before }}{{ this.html.render(**kwargs) }}{{ this.after }}
<script id="brief-data" type="application/json">{{ this.payload_json() }}</script>
<script>
{{ this.script.render(**kwargs) }}
</script>
</body></html>
"""
    )

    def __init__(
        self,
        data: dict[str, Any],
        *,
        title: str,
        css: str,
        noscript_css: str,
        before: str,
        after: str,
    ) -> None:
        super().__init__(data)
        self._name = "PublicPage"
        self.csp = hx.CSP
        self.page_title = html.escape(title)
        self.page_css = css
        self.noscript_css = noscript_css
        self.before = before
        self.after = after


def public_page_map(data: dict[str, Any], page: PublicPage) -> BriefingMap:
    """The public map of :func:`public_data` in the public page ``page``."""
    meta = data["meta"]
    m = PublicMap(data["layers"][0]["note"], meta["zoom_in"], meta["zoom_out"])
    return map_from_data(data, page=page, m=m)


def _public_layers(content: Any, t: Any, crs: str) -> list[dict[str, Any]]:
    """The shaded small areas and their numbers, each with total or hidden mark."""
    from workstation.export import public

    shapes = np.array(content.shapes, dtype=object)
    geoms = hx._geo_frame_geoms(shapes, crs)
    points = hx._geo_frame_geoms(shapely.point_on_surface(shapes), crs)
    shown = content.table.shown()[:-1, -1]
    total_label, area_label = t("Total"), t("Small area")
    features, items = [], []
    for i, (fill, _ink) in enumerate(public.area_colours(content)):
        value = public.MARK if shown[i] < 0 else t.number(int(shown[i]))
        props = {area_label: content.sub_names[i], total_label: value}
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(shapely.to_geojson(geoms[i])),
                "properties": {"f": fill, "fo": 1.0, "p": props},
            }
        )
        items.append(
            {
                "lat": round(float(points[i].y), 5),
                "lon": round(float(points[i].x), 5),
                "label": t.number(i + 1),
                "title": content.sub_names[i],
                "p": props,
            }
        )
    polygons = {
        "type": "polygons",
        "id": "areas",
        "name": t("Where crimes were recorded"),
        "stroke": "#333333",
        "stroke_opacity": 1.0,
        "weight": 1.0,
        "legend": [],
        "note": "",
        "geojson": {"type": "FeatureCollection", "features": features},
    }
    numbers = {
        "type": "markers",
        "id": "numbers",
        "name": area_label,
        "colour": "#08519c",
        "shape": "circle",
        "cluster": False,
        "legend": [],
        "items": items,
    }
    return [polygons, numbers]
