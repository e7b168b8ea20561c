"""Figures of the reports, drawn with matplotlib in the map's colours.

Every colour comes from :mod:`workstation.styling` (one source of colours for the
map, the sheets and the reports). Figures are returned as PNG bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from workstation import styling

DPI = 150
INK = "#1d1d1b"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return buf.getvalue()


def _quiet(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7, colors=INK)


def sparkline(
    values: Sequence[float], labels: Sequence[str], colour: str, expected: float | None
) -> bytes:
    """Counts per period, the latest marked, the expected level dashed."""
    fig = Figure(figsize=(3.2, 1.1))
    ax = fig.add_axes((0.08, 0.25, 0.9, 0.7))
    v = np.asarray(values, dtype=float)
    ax.plot(np.arange(len(v)), v, color=colour, lw=1.2)
    if len(v):
        ax.plot([len(v) - 1], [v[-1]], "o", color=colour, ms=4)
    if expected is not None and np.isfinite(expected):
        ax.axhline(expected, color=INK, lw=0.7, ls="--")
    ax.set_ylim(bottom=0)
    ax.set_xticks([0, len(v) - 1] if len(v) > 1 else [0])
    ax.set_xticklabels([labels[0], labels[-1]] if len(v) > 1 else list(labels[:1]))
    _quiet(ax)
    return _png(fig)


def map_inset(
    focus: tuple[float, float, float, float],
    *,
    outlines: Sequence = (),
    highlight=None,
    points: np.ndarray | None = None,
    colour: str = "#e7298a",
    assets: np.ndarray | None = None,
    pad_m: float = 600.0,
) -> bytes:
    """A small map around ``focus``: outlines, the item's area, its events, assets."""
    xmin, ymin, xmax, ymax = focus
    fig = Figure(figsize=(2.4, 2.4))
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.96))
    for g in outlines:
        _draw_geom(ax, g, edge="#777777", face="none", lw=0.5)
    if highlight is not None:
        _draw_geom(ax, highlight, edge=INK, face=to_rgba(colour, 0.18), lw=1.2)
    if points is not None and len(points):
        ax.scatter(points[:, 0], points[:, 1], s=5, c=colour, linewidths=0)
    if assets is not None and len(assets):
        ax.scatter(
            assets[:, 0],
            assets[:, 1],
            s=22,
            marker="^",
            c="#1f78b4",
            edgecolors=INK,
            linewidths=0.4,
        )
    ax.set_xlim(xmin - pad_m, xmax + pad_m)
    ax.set_ylim(ymin - pad_m, ymax + pad_m)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    _scale(ax, xmin - pad_m, ymin - pad_m, (xmax - xmin) + 2 * pad_m)
    return _png(fig)


def _scale(ax, x: float, y: float, width: float) -> None:
    bar = 10 ** np.floor(np.log10(max(width / 4, 1)))
    ax.plot(
        [x + width * 0.05, x + width * 0.05 + bar],
        [y + width * 0.05] * 2,
        color=INK,
        lw=2,
    )
    label = f"{bar / 1000:g} km" if bar >= 1000 else f"{bar:g} m"
    ax.text(x + width * 0.05, y + width * 0.07, label, fontsize=6, color=INK)


def _draw_geom(ax, geom, *, edge: str, face, lw: float) -> None:
    polys = getattr(geom, "geoms", [geom])
    for p in polys:
        if not hasattr(p, "exterior"):
            continue
        x, y = p.exterior.xy
        if face != "none":
            ax.fill(x, y, color=face, lw=0)
        ax.plot(x, y, color=edge, lw=lw)


def class_map(
    cells: Sequence,
    classes: Sequence[str],
    outlines: Sequence = (),
    palette: str = "hotspot_class",
) -> bytes:
    """Grid cells coloured by their class (Gi* or emerging pattern) with outlines."""
    colours = styling.CLASS_PALETTES[palette]
    fig = Figure(figsize=(6.4, 4.6))
    ax = fig.add_axes((0.01, 0.01, 0.62, 0.98))
    for g in outlines:
        _draw_geom(ax, g, edge="#777777", face="none", lw=0.4)
    for g, c in zip(cells, classes, strict=True):
        if c in ("not_significant", "no_pattern"):
            continue
        _draw_geom(ax, g, edge=colours[c], face=colours[c], lw=0.2)
    seen = {c: col for c, col in colours.items() if c in set(classes)}
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    labels = styling.HOTSPOT_CLASS_LABELS if palette == "hotspot_class" else {}
    for i, (c, col) in enumerate(seen.items()):
        fig.patches.append(
            Rectangle(
                (0.65, 0.9 - i * 0.06), 0.03, 0.04, transform=fig.transFigure, color=col
            )
        )
        fig.text(0.69, 0.905 - i * 0.06, labels.get(c, c.replace("_", " ")), fontsize=7)
    return _png(fig)


def hour_of_week(counts: np.ndarray, title: str) -> bytes:
    """A 7 x 24 heat map (Monday first) on the map's density ramp."""
    fig = Figure(figsize=(6.4, 2.2))
    ax = fig.add_axes((0.07, 0.18, 0.85, 0.7))
    cmap = ListedColormap(styling.RAMPS[styling.DENSITY_RAMP])
    im = ax.imshow(counts, aspect="auto", cmap=cmap, interpolation="nearest")
    ax.set_yticks(range(7))
    ax.set_yticklabels(DAYS)
    ax.set_xticks(range(0, 24, 3))
    ax.set_xticklabels([f"{h:02d}:00" for h in range(0, 24, 3)])
    ax.set_title(title, fontsize=8, color=INK)
    ax.tick_params(labelsize=7)
    cb = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.01)
    cb.ax.tick_params(labelsize=6)
    return _png(fig)


def trend(
    labels: Sequence[str],
    series: dict[str, Sequence[float]],
    colours: dict[str, str],
    ylabel: str,
) -> bytes:
    """Lines over periods (e.g. the area against the force, per 1,000 residents)."""
    fig = Figure(figsize=(6.4, 2.4))
    ax = fig.add_axes((0.09, 0.18, 0.88, 0.72))
    for name, vals in series.items():
        ax.plot(
            np.arange(len(vals)), vals, color=colours.get(name, INK), lw=1.3, label=name
        )
    step = max(1, len(labels) // 8)
    ax.set_xticks(range(0, len(labels), step))
    ax.set_xticklabels(list(labels)[::step])
    ax.set_ylabel(ylabel, fontsize=7)
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7, frameon=False)
    _quiet(ax)
    return _png(fig)


def bars(
    names: Sequence[str], values: Sequence[float], colours: Sequence[str], xlabel: str
) -> bytes:
    """Horizontal bars (e.g. the crime mix), largest at the top."""
    h = 0.3 * len(names) + 0.8  # inches: bars, a 0.5 in axis below, 0.15 in above
    fig = Figure(figsize=(6.4, h))
    ax = fig.add_axes((0.34, 0.5 / h, 0.62, (h - 0.65) / h))
    y = np.arange(len(names))[::-1]
    ax.barh(y, values, color=list(colours))
    ax.set_yticks(y)
    ax.set_yticklabels(names)
    ax.set_xlabel(xlabel, fontsize=7)
    _quiet(ax)
    return _png(fig)


def item_panel(
    focus: tuple[float, float, float, float],
    *,
    outlines: Sequence = (),
    highlight=None,
    points: np.ndarray | None = None,
    colour: str = "#e7298a",
    assets: np.ndarray | None = None,
    values: Sequence[float] = (),
    labels: Sequence[str] = (),
    expected: float | None = None,
    pad_m: float = 600.0,
) -> bytes:
    """A map inset (left) and a sparkline of the item's periods (right)."""
    fig = Figure(figsize=(6.4, 2.2))
    ax = fig.add_axes((0.01, 0.02, 0.33, 0.96))
    xmin, ymin, xmax, ymax = focus
    for g in outlines:
        _draw_geom(ax, g, edge="#999999", face="none", lw=0.4)
    if highlight is not None:
        _draw_geom(ax, highlight, edge=INK, face=to_rgba(colour, 0.18), lw=1.2)
    if points is not None and len(points):
        ax.scatter(points[:, 0], points[:, 1], s=6, c=colour, linewidths=0)
    if assets is not None and len(assets):
        ax.scatter(
            assets[:, 0],
            assets[:, 1],
            s=24,
            marker="^",
            c="#1f78b4",
            edgecolors=INK,
            linewidths=0.4,
        )
    side = max(xmax - xmin, ymax - ymin) / 2 + pad_m
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    ax.set_xlim(cx - side, cx + side)
    ax.set_ylim(cy - side, cy + side)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    _scale(ax, cx - side, cy - side, 2 * side)
    sp = fig.add_axes((0.42, 0.2, 0.55, 0.7))
    v = np.asarray(values, dtype=float)
    sp.plot(np.arange(len(v)), v, color=colour, lw=1.3, label="events per period")
    if len(v):
        sp.plot([len(v) - 1], [v[-1]], "o", color=colour, ms=4)
    if expected is not None and np.isfinite(expected):
        sp.plot(
            [len(v) - 1], [expected], "_", color=INK, ms=12, mew=1.5, label="expected"
        )
    sp.set_ylim(bottom=0)
    if len(v) > 1:
        sp.set_xticks([0, len(v) - 1])
        sp.set_xticklabels([labels[0], labels[-1]])
    sp.legend(fontsize=6, frameon=False, loc="upper left")
    _quiet(sp)
    return _png(fig)
