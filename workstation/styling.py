"""Layer styles as plain data, and their resolution to colours and legends (no Qt).

The map canvas, the HTML briefing and the PNG/PDF sheet all draw from this module,
so a layer looks the same everywhere. A style is a JSON-serialisable dict kept on
``Layer.style`` (and saved in the project file)::

    {
      "mode": "single" | "category" | "choropleth" | "classes" | "raster",
      "color": "#1f78b4",          # single colour (points, lines, polygon outline)
      "fill": "#1f78b4",           # polygon fill for "single"
      "fill_opacity": 0.25,
      "outline": "#333333", "outline_width": 1.0,
      "size": 6.0,                 # point size, pixels
      "symbol": "o",               # o s t d + star (pyqtgraph names)
      "opacity": 1.0,              # whole-layer opacity
      "category_column": "category",
      "category_colors": {"Burglary": "#e31a1c", ...},  # overrides
      "label_column": "name",      # assets: label text
      "choropleth": {
          "source": "attribute" | "count" | "rate",
          "column": "population",  # for "attribute"
          "layer_id": "...",       # for "count"/"rate": the point layer counted
          "scheme": "quantiles" | "natural_breaks" | "equal_interval",
          "k": 5, "ramp": "YlOrRd",
      },
      "classes_column": "hotspot_class",  # "classes": fixed class colours
      "raster": {"ramp": "YlOrRd", "vmin": 0, "vmax": null},
    }
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.textsafe import neutralise_bidi
from workstation.analysis.lisa import LISA_COLOURS

#: data.police.uk's 14 crime types, each with its own colour.
CRIME_TYPE_COLOURS: dict[str, str] = {
    "Anti-social behaviour": "#8c8c8c",
    "Bicycle theft": "#b2df8a",
    "Burglary": "#e7298a",
    "Criminal damage and arson": "#ff7f00",
    "Drugs": "#6a3d9a",
    "Other crime": "#bdbdbd",
    "Other theft": "#fdbf6f",
    "Possession of weapons": "#000000",
    "Public order": "#cab2d6",
    "Robbery": "#b15928",
    "Shoplifting": "#1f78b4",
    "Theft from the person": "#a6cee3",
    "Vehicle crime": "#33a02c",
    "Violence and sexual offences": "#d7191c",
}

#: A qualitative palette for other categories (ColorBrewer Paired + Dark2).
QUALITATIVE = [
    "#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928",
    "#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#1b9e77",
    "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
]  # fmt: skip

#: ColorBrewer ramps (9 classes); fewer classes are sampled evenly.
RAMPS: dict[str, list[str]] = {
    "YlOrRd": ["#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a",
               "#e31a1c", "#bd0026", "#800026"],
    "Blues": ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6",
              "#2171b5", "#08519c", "#08306b"],
    "Purples": ["#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba",
                "#6a51a3", "#54278f", "#3f007d"],
    "Greens": ["#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d",
               "#238b45", "#006d2c", "#00441b"],
    "RdBu_r": ["#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7",
               "#f4a582", "#d6604d", "#b2182b"],
    "Magma": ["#000004", "#1c1044", "#4f127b", "#812581", "#b5367a", "#e55064",
              "#fb8761", "#fec287", "#fcfdbf"],
}  # fmt: skip

#: Gi* classes (ArcGIS-like colours; not significant is drawn faint).
HOTSPOT_CLASS_COLOURS: dict[str, str] = {
    "hot_99": "#d62f27",
    "hot_95": "#ed7551",
    "hot_90": "#fab984",
    "not_significant": "#f0f0f0",
    "cold_90": "#c0ccbe",
    "cold_95": "#849eba",
    "cold_99": "#4575b5",
}
HOTSPOT_CLASS_LABELS: dict[str, str] = {
    "hot_99": "Hot spot, 99 % confidence",
    "hot_95": "Hot spot, 95 % confidence",
    "hot_90": "Hot spot, 90 % confidence",
    "not_significant": "Not significant",
    "cold_90": "Cold spot, 90 % confidence",
    "cold_95": "Cold spot, 95 % confidence",
    "cold_99": "Cold spot, 99 % confidence",
}

#: Emerging hot spot patterns (ArcGIS names in snake case), following ArcGIS's
#: convention: hot patterns in warm hues, cold in cool hues, darkest for the newest
#: and most significant, palest for historical ones; each pattern also has its own
#: hatching (``EMERGING_PATTERN_HATCH``) so that hue is never the only cue. Every
#: pair differs by at least 9 CIELAB ΔE*ab units, also for a deuteranope (Machado
#: et al. 2009, full severity): ``tests/qt/test_pattern_legend.py`` measures it on
#: the legend as drawn.
EMERGING_PATTERN_COLOURS: dict[str, str] = {
    "new_hot_spot": "#67000d",
    "consecutive_hot_spot": "#f16913",
    "intensifying_hot_spot": "#d7301f",
    "persistent_hot_spot": "#a50f15",
    "diminishing_hot_spot": "#fdae6b",
    "sporadic_hot_spot": "#f768a1",
    "oscillating_hot_spot": "#fee391",
    "historical_hot_spot": "#f2d0c4",
    "new_cold_spot": "#08306b",
    "consecutive_cold_spot": "#6baed6",
    "intensifying_cold_spot": "#4292c6",
    "persistent_cold_spot": "#2166ac",
    "diminishing_cold_spot": "#9ecae1",
    "sporadic_cold_spot": "#54278f",
    "oscillating_cold_spot": "#c6dbef",
    "historical_cold_spot": "#e0f3f8",
    "no_pattern": "#bdbdbd",
}

#: The hatching of each emerging pattern (the same for its hot and cold twin):
#: ``"none"``, ``"horizontal"``, ``"vertical"``, ``"cross"``, ``"fdiag"``,
#: ``"bdiag"``, ``"diagcross"`` or ``"dots"``. New patterns are solid with a
#: heavy outline; persistent ones solid.
PATTERN_HATCH_BY_KIND: dict[str, str] = {
    "new": "none",
    "consecutive": "horizontal",
    "intensifying": "cross",
    "persistent": "none",
    "diminishing": "fdiag",
    "sporadic": "dots",
    "oscillating": "diagcross",
    "historical": "bdiag",
}
EMERGING_PATTERN_HATCH: dict[str, str] = {
    f"{kind}_{side}_spot": hatch
    for kind, hatch in PATTERN_HATCH_BY_KIND.items()
    for side in ("hot", "cold")
}

#: Outline of significant class cells, so results read on top of a choropleth.
CLASS_OUTLINE = "#1a1a1a"
#: Classes that are drawn faintly and without the outline.
QUIET_CLASSES = frozenset({"not_significant", "no_pattern"})


def class_label(value: str) -> str:
    """A class or pattern name in words: ``hot_99`` -> "Hot spot, 99 % confidence"."""
    if value in HOTSPOT_CLASS_LABELS:
        return HOTSPOT_CLASS_LABELS[value]
    return str(value).replace("_", " ").capitalize()


def class_hatch(column: str, value: str) -> str:
    """The hatching of a class value (``"none"`` for all but emerging patterns)."""
    if column == "pattern":
        return EMERGING_PATTERN_HATCH.get(value, "none")
    return "none"


CLASS_PALETTES: dict[str, dict[str, str]] = {
    "hotspot_class": HOTSPOT_CLASS_COLOURS,
    "pattern": EMERGING_PATTERN_COLOURS,
    "lisa_class": LISA_COLOURS,
}

KIND_DEFAULTS: dict[LayerKind, dict[str, Any]] = {
    LayerKind.CRIME: {"mode": "category", "size": 5.0, "symbol": "o", "opacity": 0.85},
    LayerKind.DEMAND: {"mode": "single", "color": "#7b3294", "size": 4.0, "symbol": "o",
                       "opacity": 0.8},
    LayerKind.ASSET: {"mode": "single", "color": "#006d2c", "size": 8.0, "symbol": "s",
                      "opacity": 1.0, "label_column": "name"},
    LayerKind.BOUNDARY: {"mode": "single", "fill": "#cccccc", "fill_opacity": 0.0,
                         "outline": "#444444", "outline_width": 1.0, "opacity": 1.0},
    LayerKind.RESULT: {"mode": "single", "color": "#e31a1c", "fill": "#e31a1c",
                       "fill_opacity": 0.6, "outline": "#00000000", "opacity": 1.0},
}  # fmt: skip


def hex_to_rgba(color: str, alpha: float = 1.0) -> tuple[int, int, int, int]:
    """'#rrggbb' or '#rrggbbaa' to an (r, g, b, a) tuple of 0-255 ints."""
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    r, g, b = int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    a = int(c[6:8], 16) if len(c) == 8 else 255
    return r, g, b, round(a * alpha)


def rgba_to_hex(rgba: tuple[int, ...]) -> str:
    return "#" + "".join(f"{int(v):02x}" for v in rgba[:3])


def stable_colour(name: str) -> str:
    """A palette colour chosen from the name's hash, so it is the same in every run."""
    h = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16)
    return QUALITATIVE[h % len(QUALITATIVE)]


def ramp(name: str, k: int) -> list[str]:
    """``k`` colours sampled evenly from a named ramp."""
    colours = RAMPS.get(name, RAMPS["YlOrRd"])
    if k <= 1:
        return [colours[-1]]
    idx = np.round(np.linspace(0, len(colours) - 1, k)).astype(int)
    return [colours[i] for i in idx]


#: Colour ramp of the automatic density raster of crowded point layers: the desktop
#: map and the PDF sheet draw it alike (log scale of points per square cell).
DENSITY_RAMP = "YlOrRd"


def density_lut(n: int = 256) -> np.ndarray:
    """(n, 4) uint8 RGBA of the density raster: :data:`DENSITY_RAMP`, semi-opaque.

    Opacity rises from 120 to 235 along the ramp, so sparse cells let what lies
    under them show through.
    """
    colours = RAMPS[DENSITY_RAMP]
    stops = np.array([hex_to_rgba(c) for c in colours], dtype=float)
    pos = np.linspace(0.0, 1.0, len(stops))
    t = np.linspace(0.0, 1.0, n)
    lut = np.column_stack([np.interp(t, pos, stops[:, ch]) for ch in range(4)])
    lut[:, 3] = np.interp(t, [0.0, 0.15, 1.0], [120.0, 200.0, 235.0])
    return np.clip(np.round(lut), 0, 255).astype(np.uint8)


def density_levels(counts: np.ndarray, cmax: int | None = None) -> np.ndarray:
    """LUT index (0-255) per count on a log scale: ``log1p(c) / log1p(cmax)``."""
    counts = np.asarray(counts)
    cmax = int(counts.max()) if cmax is None and counts.size else int(cmax or 0)
    if cmax <= 0:
        return np.zeros(counts.shape, dtype=np.uint8)
    return (np.log1p(counts) * (255.0 / np.log1p(cmax))).astype(np.uint8)


def density_note(cell_m: float) -> str:
    """The unit of the density raster, as the map's colour note words it."""
    return f"points per {cell_m:,.0f} m square (log scale)"


def default_style(layer: Layer) -> dict[str, Any]:
    """The style a new layer gets: kind defaults, then class columns where present."""
    style = dict(KIND_DEFAULTS[layer.kind])
    if layer.kind == LayerKind.RESULT:
        for col in CLASS_PALETTES:
            if col in layer.frame:
                style.update(mode="classes", classes_column=col, outline="#00000000")
                break
    return style


def effective_style(layer: Layer) -> dict[str, Any]:
    """Defaults overlaid with the layer's own style."""
    return {**default_style(layer), **(layer.style or {})}


def category_colours(
    layer: Layer, style: dict[str, Any] | None = None
) -> dict[str, str]:
    """Colour for every category value of the layer (overrides, crime types, stable hash)."""
    style = style or effective_style(layer)
    column = style.get("category_column", "category")
    if column not in layer.frame:
        return {}
    if column == "category":
        names = layer.categories
    else:
        names = sorted(str(v) for v in layer.frame[column].dropna().unique())
    overrides = style.get("category_colors") or {}
    out = {}
    for n in names:
        out[n] = overrides.get(n) or CRIME_TYPE_COLOURS.get(n) or stable_colour(n)
    return out


def point_rgba(layer: Layer, positions: np.ndarray | None = None) -> np.ndarray:
    """(n, 4) uint8 RGBA per row (at ``positions``) for a point layer's current style."""
    style = effective_style(layer)
    n_all = len(layer)
    pos = (
        np.arange(n_all) if positions is None else np.asarray(positions, dtype=np.int64)
    )
    alpha = float(style.get("opacity", 1.0))
    mode = style.get("mode", "single")
    if mode == "category" and style.get("category_column", "category") in layer.frame:
        colours = category_colours(layer, style)
        column = style.get("category_column", "category")
        if column == "category":
            codes, names = layer.category_codes()
        else:
            codes, names = layer.category_codes(column)
        table = np.array(
            [hex_to_rgba(colours.get(n, "#888888"), alpha) for n in names]
            + [hex_to_rgba("#888888", alpha)],
            dtype=np.uint8,
        )
        c = codes[pos]
        c = np.where(c < 0, len(names), c)
        return table[c]
    if mode == "classes":
        return class_rgba(layer, pos, style)
    rgba = np.array(hex_to_rgba(style.get("color", "#1f78b4"), alpha), dtype=np.uint8)
    return np.broadcast_to(rgba, (len(pos), 4)).copy()


def class_rgba(
    layer: Layer, positions: np.ndarray, style: dict[str, Any]
) -> np.ndarray:
    column = style.get("classes_column", "hotspot_class")
    palette = CLASS_PALETTES.get(column, {})
    alpha = float(style.get("fill_opacity", 0.6)) * float(style.get("opacity", 1.0))
    values = layer.frame[column].astype(str).to_numpy()[positions]
    out = np.empty((len(values), 4), dtype=np.uint8)
    for v in np.unique(values):
        a = 0.15 * alpha if v in ("not_significant", "no_pattern") else alpha
        out[values == v] = hex_to_rgba(palette.get(v, stable_colour(v)), a)
    return out


@dataclass(frozen=True)
class Classification:
    """A choropleth classification: upper bounds of each class and their colours."""

    bins: tuple[float, ...]
    colours: tuple[str, ...]
    scheme: str
    k: int
    labels: tuple[str, ...]

    def classify(self, values: np.ndarray) -> np.ndarray:
        """Class index of each value (-1 for NaN)."""
        v = np.asarray(values, dtype=float)
        idx = np.searchsorted(np.asarray(self.bins), v, side="left")
        idx = np.clip(idx, 0, len(self.bins) - 1)
        return np.where(np.isfinite(v), idx, -1)

    def rgba(self, values: np.ndarray, alpha: float = 1.0) -> np.ndarray:
        table = np.array(
            [hex_to_rgba(c, alpha) for c in self.colours] + [(0, 0, 0, 0)],
            dtype=np.uint8,
        )
        idx = self.classify(values)
        return table[np.where(idx < 0, len(self.colours), idx)]


SCHEMES = {
    "quantiles": "Quantiles",
    "natural_breaks": "NaturalBreaks",
    "equal_interval": "EqualInterval",
    "fisher_jenks": "FisherJenks",
}


def classify_values(
    values: np.ndarray, scheme: str = "quantiles", k: int = 5, ramp_name: str = "YlOrRd"
) -> Classification:
    """Classify values with mapclassify (the field's library), with a colour per class."""
    import mapclassify

    v = np.asarray(values, dtype=float)
    finite = v[np.isfinite(v)]
    if len(finite) == 0:
        return Classification((0.0,), (ramp(ramp_name, 1)[0],), scheme, 1, ("no data",))
    distinct = np.unique(finite)
    k_eff = int(max(1, min(k, len(distinct))))
    if k_eff == 1:
        bins = np.array([finite.max()])
    else:
        cls = getattr(mapclassify, SCHEMES.get(scheme, "Quantiles"))
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if scheme == "natural_breaks":
                fitted = cls(finite, k=k_eff, initial=10)
            else:
                fitted = cls(finite, k=k_eff)
        bins = np.unique(np.asarray(fitted.bins, dtype=float))
    colours = ramp(ramp_name, len(bins))
    labels = []
    lo = float(finite.min())
    for b in bins:
        labels.append(f"{_fmt(lo)} – {_fmt(b)}")
        lo = float(b)
    return Classification(
        tuple(float(b) for b in bins), tuple(colours), scheme, len(bins), tuple(labels)
    )


def _fmt(v: float) -> str:
    if abs(v) >= 100 or float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:,.2f}" if abs(v) < 10 else f"{v:,.1f}"


@dataclass(frozen=True)
class LegendEntry:
    label: str
    fill: tuple[int, int, int, int]
    stroke: tuple[int, int, int, int]
    shape: str  # "point" | "square" | "line" | "ramp"
    symbol: str = "o"
    #: hatching over the fill ("none", "horizontal", ... see EMERGING_PATTERN_HATCH)
    hatch: str = "none"


def legend_entries(
    layer: Layer,
    classification: Classification | None = None,
    present_only: np.ndarray | None = None,
) -> list[LegendEntry]:
    """Legend rows for a layer in its current style (choropleth needs its classification)."""
    style = effective_style(layer)
    mode = style.get("mode", "single")
    alpha = float(style.get("opacity", 1.0))
    symbol = style.get("symbol", "o")
    is_poly = layer.kind in (LayerKind.BOUNDARY,) or (
        len(layer)
        and layer.frame.geometry.iloc[:1].geom_type.iloc[0]
        in ("Polygon", "MultiPolygon")
    )
    outline = hex_to_rgba(style.get("outline", "#444444"), alpha)
    if mode == "category":
        colours = category_colours(layer, style)
        names = list(colours)
        if present_only is not None and "category" in layer.frame:
            codes, all_names = layer.category_codes()
            present = {all_names[c] for c in np.unique(codes[present_only]) if c >= 0}
            names = [n for n in names if n in present]
        return [
            LegendEntry(
                neutralise_bidi(n),
                hex_to_rgba(colours[n], alpha),
                hex_to_rgba(colours[n], alpha),
                "point",
                symbol,
            )
            for n in names
        ]
    if mode == "raster":
        return raster_legend(layer, style)
    if mode == "choropleth" and classification is not None:
        fa = float(style.get("fill_opacity", 0.75)) * alpha
        return [
            LegendEntry(lbl, hex_to_rgba(c, fa), outline, "square")
            for lbl, c in zip(
                classification.labels, classification.colours, strict=True
            )
        ]
    if mode == "classes":
        column = style.get("classes_column", "hotspot_class")
        palette = CLASS_PALETTES.get(column, {})
        present = (
            set(layer.frame[column].astype(str)) if column in layer.frame else set()
        )
        return [
            LegendEntry(
                class_label(k),
                hex_to_rgba(c, alpha),
                hex_to_rgba(c if k in QUIET_CLASSES else CLASS_OUTLINE, alpha),
                "square",
                hatch=class_hatch(column, k),
            )
            for k, c in palette.items()
            if k in present
        ]
    if is_poly:
        fill = hex_to_rgba(
            style.get("fill", "#cccccc"), float(style.get("fill_opacity", 0.0)) * alpha
        )
        return [LegendEntry(neutralise_bidi(layer.name), fill, outline, "square")]
    colour = hex_to_rgba(style.get("color", "#1f78b4"), alpha)
    return [LegendEntry(neutralise_bidi(layer.name), colour, colour, "point", symbol)]


def raster_units(layer: Layer) -> str:
    """The unit of a raster result's values, as the map's colour note states it.

    KDE surfaces are densities (DESIGN: events per km²), the default when the
    layer's provenance names none.
    """
    prov = layer.provenance or {}
    params = prov.get("params") or {}
    return str(prov.get("units") or params.get("units") or "events per km²")


def raster_value_range(
    layer: Layer, style: dict[str, Any] | None = None
) -> tuple[float, float] | None:
    """(vmin, vmax) of a raster result's colour scale, or None without a raster."""
    style = style or effective_style(layer)
    opts = style.get("raster") or {}
    name = opts.get("array")
    arrays = layer.arrays or {}
    arr = (
        arrays.get(name)
        if name
        else next((a for a in arrays.values() if np.ndim(a) == 2), None)
    )
    if arr is None:
        return None
    finite = np.asarray(arr, dtype=float)
    finite = finite[np.isfinite(finite)]
    vmin = float(opts["vmin"]) if opts.get("vmin") is not None else 0.0
    vmax = opts.get("vmax")
    vmax = (
        float(vmax)
        if vmax is not None
        else (float(finite.max()) if finite.size else 1.0)
    )
    return vmin, max(vmax, vmin + 1e-12)


def raster_legend(
    layer: Layer, style: dict[str, Any] | None = None, steps: int = 5
) -> list[LegendEntry]:
    """Legend rows for a raster (KDE) result: ``steps`` colours from its ramp with the
    values they stand for, in the layer's units (e.g. events per km²).
    """
    style = style or effective_style(layer)
    rng = raster_value_range(layer, style)
    if rng is None:
        return []
    vmin, vmax = rng
    alpha = float(style.get("opacity", 0.8))
    colours = ramp((style.get("raster") or {}).get("ramp", "YlOrRd"), steps)
    edges = np.linspace(vmin, vmax, steps + 1)
    units = (layer.provenance or {}).get("units", "")
    out = []
    for i, c in enumerate(colours):
        label = f"{_fmt(edges[i])} – {_fmt(edges[i + 1])}"
        if i == steps - 1 and units:
            label += f" {units}"
        out.append(
            LegendEntry(label, hex_to_rgba(c, alpha), hex_to_rgba(c, alpha), "ramp")
        )
    return out
