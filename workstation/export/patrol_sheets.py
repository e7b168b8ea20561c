"""Patrol sheets: one A4 PDF (and PNG) per shift worked and patrol area (QPainter).

A sheet is what an officer takes out on a shift: the protective marking at the top
and bottom (drawn by the briefing sheet's own banner), which shift, area and
officer, a map of the area with the places numbered and the route, every stop in
order with times, place names and grid references, what to look for at each place
(the crime mix and harm that made it a hot spot, its trend and busiest hours), the
reassurance stops with that day's opening hours, and the method line. When the
visit times are not evidence-based the sheet says so in a box under the title.
Long shifts continue on further pages; every page carries the marking.

The planned-against-delivered page (:func:`write_delivery_pdf`) uses the same frame.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)

from layers.kinds import LayerKind
from layers.project import Project
from workstation.analysis.opening import describe_hours
from workstation.export import sheet

PAGE_W, PAGE_H = 210.0, 297.0
LEFT = sheet.MARGIN_MM
WIDTH = PAGE_W - 2 * sheet.MARGIN_MM
TOP = sheet.MARGIN_MM + sheet.BAND_MM + 1.0
BOTTOM = PAGE_H - sheet.MARGIN_MM - sheet.BAND_MM - 1.0
MAP_H = 95.0
ROW_H = 5.2
HOT = QColor("#c0392b")
ROUTE = QColor("#1f5fa8")
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

Op = Callable[[sheet._Page], None]


@dataclass
class _Doc:
    """Pages of drawing operations, laid out top to bottom with page breaks."""

    marking: str
    footer: str
    descriptor: str = ""
    pages: list[list[Op]] = field(default_factory=lambda: [[]])
    y: float = TOP

    def need(self, h: float) -> None:
        if self.y + h > BOTTOM - 6.0:
            self.pages.append([])
            self.y = TOP + 2.0

    def add(self, op: Op) -> None:
        self.pages[-1].append(op)


def _measure() -> sheet._Page:
    sheet.ensure_gui_app()
    img = QImage(10, 10, QImage.Format_ARGB32_Premultiplied)
    img.setDotsPerMeterX(round(300 / 0.0254))
    img.setDotsPerMeterY(round(300 / 0.0254))
    _measure.img = img  # type: ignore[attr-defined]  # keep the device alive
    return sheet._Page(QPainter(img), 300.0)


def _text_block(
    doc: _Doc, mp: sheet._Page, text: str, size: float, bold=False, colour="#1d1d1b"
) -> None:
    h = mp.wrapped_height(WIDTH, text, size, bold) + 1.2
    doc.need(h)
    y = doc.y
    flags = int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap)
    doc.add(lambda pg: pg.text(LEFT, y, WIDTH, h, text, size, bold, flags, colour))
    doc.y += h


def _heading(doc: _Doc, mp: sheet._Page, text: str) -> None:
    doc.need(24.0)  # never a heading alone at the foot of a page
    doc.y += 2.0
    _text_block(doc, mp, text, 10.5, True)


def _boxed(doc: _Doc, mp: sheet._Page, text: str) -> None:
    h = mp.wrapped_height(WIDTH - 4, text, 9.0, True) + 3.0
    doc.need(h)
    y = doc.y

    def op(pg: sheet._Page) -> None:
        pg.p.fillRect(pg.r(LEFT, y, WIDTH, h), QColor("#fdecea"))
        pen = QPen(HOT)
        pen.setWidthF(0.5 * pg.k)
        pg.p.setPen(pen)
        pg.p.setBrush(Qt.NoBrush)
        pg.p.drawRect(pg.r(LEFT, y, WIDTH, h))
        flags = int(Qt.AlignLeft | Qt.AlignVCenter | Qt.TextWordWrap)
        pg.text(LEFT + 2, y, WIDTH - 4, h, text, 9.0, True, flags, "#8e1b10")

    doc.add(op)
    doc.y += h + 1.5


def _table(
    doc: _Doc,
    mp: sheet._Page,
    columns: list[tuple[str, float]],
    rows: list[list[str]],
    size: float = 8.5,
) -> None:
    """A table with a header row repeated on every page it runs onto."""
    widths = [w for _, w in columns]

    def header(y: float) -> Op:
        def op(pg: sheet._Page) -> None:
            pg.p.fillRect(pg.r(LEFT, y, WIDTH, ROW_H), QColor("#e8e8e8"))
            x = LEFT
            for name, w in columns:
                pg.text(x + 0.8, y + 0.6, w - 1.2, ROW_H, name, size, True)
                x += w

        return op

    doc.need(2 * ROW_H)
    doc.add(header(doc.y))
    doc.y += ROW_H
    for i, row in enumerate(rows):
        line_h = mp.wrapped_height(100.0, "Xg", size)
        lines = max(
            1,
            *(
                math.ceil(mp.wrapped_height(w - 2.5, str(v), size) / line_h - 0.2)
                for v, w in zip(row, widths, strict=True)
            ),
        )
        h = ROW_H * (1 + 0.72 * (lines - 1))
        if doc.y + h > BOTTOM - 6.0:
            doc.need(BOTTOM)  # force a new page
            doc.add(header(doc.y))
            doc.y += ROW_H
        y = doc.y

        def op(pg: sheet._Page, y=y, h=h, row=row, shade=i % 2 == 1) -> None:
            if shade:
                pg.p.fillRect(pg.r(LEFT, y, WIDTH, h), QColor("#f6f6f6"))
            x = LEFT
            flags = int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap)
            for v, w in zip(row, widths, strict=True):
                pg.text(x + 0.8, y + 0.6, w - 1.2, h, str(v), size, False, flags)
                x += w

        doc.add(op)
        doc.y += h


# -- the map --------------------------------------------------------------------------------
def _view(xy: np.ndarray, pad_m: float, w_mm: float, h_mm: float):
    x0, y0 = xy.min(axis=0) - pad_m
    x1, y1 = xy.max(axis=0) + pad_m
    scale = max((x1 - x0) / w_mm, (y1 - y0) / h_mm)  # metres per mm
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - scale * w_mm / 2, cy + scale * h_mm / 2, scale


def _map_op(
    visits: pd.DataFrame,
    places: pd.DataFrame,
    boundaries: Any,
    y_top: float,
) -> Op:
    """The area's places (numbered), reassurance stops, route, scale bar and north."""
    area_places = places[places["place_id"].isin(visits["place_id"])]
    bounds = np.vstack(
        [
            np.asarray(area_places.total_bounds).reshape(2, 2),
            visits[["x", "y"]].to_numpy(float),
        ]
    )
    mx0, my1, mpm = _view(bounds, 120.0, WIDTH, MAP_H)

    def to_page(x, y) -> tuple[np.ndarray, np.ndarray]:
        return LEFT + (np.asarray(x) - mx0) / mpm, y_top + (my1 - np.asarray(y)) / mpm

    def op(pg: sheet._Page) -> None:
        p = pg.p
        p.save()
        p.setClipRect(pg.r(LEFT, y_top, WIDTH, MAP_H))
        p.fillRect(pg.r(LEFT, y_top, WIDTH, MAP_H), QColor("#fbfaf6"))
        if boundaries is not None:
            _draw_boundaries(
                pg,
                boundaries,
                to_page,
                (mx0, my1 - MAP_H * mpm, mx0 + WIDTH * mpm, my1),
            )
        for geom in area_places.geometry:
            path = QPainterPath()
            for poly in getattr(geom, "geoms", [geom]):
                c = np.asarray(poly.exterior.coords)
                px, py = to_page(c[:, 0], c[:, 1])
                path.moveTo(pg.pt(px[0], py[0]))
                for a, b in zip(px[1:], py[1:], strict=True):
                    path.lineTo(pg.pt(a, b))
                path.closeSubpath()
            p.setBrush(QColor(192, 57, 43, 60))
            pen = QPen(HOT)
            pen.setWidthF(0.5 * pg.k)
            p.setPen(pen)
            p.drawPath(path)
        _draw_route(pg, visits, to_page)
        _draw_stops(pg, visits, to_page)
        p.restore()
        pen = QPen(QColor("#555"))
        pen.setWidthF(0.3 * pg.k)
        p.setPen(pen)
        p.setBrush(Qt.NoBrush)
        p.drawRect(pg.r(LEFT, y_top, WIDTH, MAP_H))
        _scalebar(pg, mpm, y_top)

    return op


def _draw_boundaries(pg, boundaries, to_page, view) -> None:
    frame = boundaries.frame
    geoms = frame.geometry.values
    hits = shapely.STRtree(geoms).query(shapely.box(*view), predicate="intersects")
    pen = QPen(QColor("#b9b4a6"))
    pen.setWidthF(0.25 * pg.k)
    pen.setStyle(Qt.DashLine)
    for i in hits:
        for poly in getattr(geoms[i], "geoms", [geoms[i]]):
            c = np.asarray(poly.exterior.coords)
            px, py = to_page(c[:, 0], c[:, 1])
            path = QPainterPath()
            path.moveTo(pg.pt(px[0], py[0]))
            for a, b in zip(px[1:], py[1:], strict=True):
                path.lineTo(pg.pt(a, b))
            pg.p.setPen(pen)
            pg.p.setBrush(Qt.NoBrush)
            pg.p.drawPath(path)
        if "area_name" in frame:
            c = shapely.point_on_surface(geoms[i])
            px, py = to_page(c.x, c.y)
            pg.text(float(px) - 20, float(py) - 2, 40, 4, str(frame["area_name"].iloc[i]),
                    6.0, False, int(Qt.AlignCenter), "#8a8577")  # fmt: skip


def _draw_route(pg, visits: pd.DataFrame, to_page) -> None:
    for _li, grp in visits.groupby("loop_index", sort=False):
        px, py = to_page(grp["x"].to_numpy(float), grp["y"].to_numpy(float))
        if len(px) < 2:
            continue
        pen = QPen(ROUTE)
        pen.setWidthF(0.45 * pg.k)
        pen.setStyle(Qt.DashLine)
        pg.p.setPen(pen)
        for i in range(1, len(px)):
            pg.p.drawLine(pg.pt(px[i - 1], py[i - 1]), pg.pt(px[i], py[i]))


def _draw_stops(pg, visits: pd.DataFrame, to_page) -> None:
    hs = visits[visits["stop_type"] == "hot spot"].drop_duplicates("place_id")
    rp = visits[visits["stop_type"] == "reassurance point"].drop_duplicates("label")
    p = pg.p
    for r in rp.itertuples():
        px, py = to_page(r.x, r.y)
        p.setPen(QPen(QColor("#ffffff")))
        p.setBrush(ROUTE)
        p.drawRect(pg.r(float(px) - 1.6, float(py) - 1.6, 3.2, 3.2))
        pg.text(float(px) + 2.2, float(py) - 2.0, 50, 4, str(r.label), 6.5, False,
                int(Qt.AlignLeft | Qt.AlignVCenter), "#1f3f6a")  # fmt: skip
    for r in hs.itertuples():
        px, py = to_page(r.x, r.y)
        p.setPen(QPen(QColor("#ffffff")))
        p.setBrush(HOT)
        p.drawEllipse(pg.pt(float(px), float(py)), 2.8 * pg.k, 2.8 * pg.k)
        pg.text(float(px) - 3, float(py) - 3, 6, 6, str(r.place_id), 8.0, True,
                int(Qt.AlignCenter), "#ffffff")  # fmt: skip


def _scalebar(pg: sheet._Page, m_per_mm: float, y_top: float) -> None:
    length_m = sheet.nice_length(40.0 * m_per_mm)
    mm = length_m / m_per_mm
    x, y = LEFT + 4.0, y_top + MAP_H - 7.0
    pg.p.fillRect(pg.r(x - 1.5, y - 4.5, mm + 16, 9.5), QColor(255, 255, 255, 230))
    pg.p.fillRect(pg.r(x, y, mm, 1.6), QColor("#000"))
    pg.text(x, y - 4.2, mm + 14, 4, f"0 to {sheet.length_label(length_m)}", 6.5)
    pg.text(x, y + 1.8, mm + 14, 3.5, "grid north is up", 5.5, colour="#333")


# -- the sheet ------------------------------------------------------------------------------
def _visit_rows(v: pd.DataFrame) -> list[list[str]]:
    rows = []
    for r in v.itertuples():
        if r.stop_type == "hot spot":
            what = f"{r.minutes:.0f} min visible patrol at place {r.place_id}"
            place = f"{r.place_id}. {r.place_name}"
        else:
            what = (
                f"{r.minutes:.0f} min reassurance stop (open {r.opening_hours_today})"
            )
            place = f"{r.place_name} (near {r.place_id})"
        rows.append([str(len(rows) + 1), f"{r.arrive}-{r.depart[4:]}", place,
                     r.grid_ref, what])  # fmt: skip
    return rows


def _look_for(hot: pd.DataFrame | None, places: pd.DataFrame, ids) -> list[list[str]]:
    src = (
        hot
        if hot is not None
        else places.assign(crime_mix="", trend="", harm_share=np.nan)
    )
    src = src[src["place_id"].isin(ids)]
    best = places.set_index("place_id")["best_hours"]
    rows = []
    for r in src.itertuples():
        harm = "" if pd.isna(r.harm_share) else f"{r.harm_share:.1%} of all harm; "
        rows.append(
            [f"{r.place_id}. {r.name}", f"{harm}{r.crime_mix or 'no crimes recorded'}",
             str(r.trend or ""), str(best.get(r.place_id, ""))]
        )  # fmt: skip
    return rows


def sheet_document(
    project: Project,
    plan,
    context: dict[str, Any],
    shift_id: str,
    area: int,
    marking: str | None = None,
) -> _Doc:
    """Lay out the sheet of one shift worked and patrol area."""
    v = plan.visits
    v = v[(v["shift_id"] == shift_id) & (v["patrol_area"] == area)].copy()
    v = v.sort_values("arrive_min", kind="stable")
    day = DAYS.index(shift_id[:3])
    v["opening_hours_today"] = [
        describe_hours(t, int(m // 1440) % 7) if s != "hot spot" else ""
        for t, m, s in zip(
            v["opening_hours"], v["arrive_min"], v["stop_type"], strict=True
        )
    ]
    shifts = plan.shifts().set_index("shift_id")
    officer = int(v["officer"].iloc[0])
    n_off = int(shifts.loc[shift_id, "officers"])
    made = pd.Timestamp.now(tz="UTC").strftime("%d %b %Y %H:%M UTC")
    shift_start = next(
        (f"{s['start_hour']:02d}:00" for s in plan.params.get("shifts", [])
         if s["name"] == shift_id[4:]),
        "",
    )  # fmt: skip
    pid = plan.extras.get("plan_id", "not saved")
    mark, desc = _marking_of(project, marking)
    doc = _Doc(
        mark,
        f"Plan {pid} · made {made} by {project.metadata.author} · Analyst Workstation",
        desc,
    )
    mp = _measure()
    try:
        title = f"Patrol sheet: {shift_id}, patrol area {area}"
        _text_block(doc, mp, title, 15.0, True)
        first, last = v["arrive"].iloc[0], v["depart"].iloc[-1]
        _text_block(
            doc, mp,
            f"Officer {officer} of {n_off} on in this shift · {shift_id} shift starting "
            f"{DAYS[day]} {shift_start} · first stop {first}, last stop ends {last} · "
            f"{int((v['stop_type'] == 'hot spot').sum())} hot-spot visits, "
            f"{int((v['stop_type'] != 'hot spot').sum())} reassurance stops",
            9.0,
        )  # fmt: skip
        if not plan.timing_evidence:
            _boxed(doc, mp, "Timing is not evidence-based: no layer timed to the hour, so the "
                   "visits are spread evenly over the shifts. Vary the times within each loop.")  # fmt: skip
        y_map = doc.y + 1.0
        doc.add(_map_op(v, plan.places, _boundary_layer(project), y_map))
        doc.y = y_map + MAP_H + 2.0
        _heading(doc, mp, "Stops in order")
        _table(doc, mp, [("#", 8), ("Time", 30), ("Place", 60), ("Grid ref", 27), ("Do", 65)],
               _visit_rows(v))  # fmt: skip
        _heading(doc, mp, "What to look for")
        _table(doc, mp, [("Place", 48), ("Why it is a hot spot", 72), ("Trend", 36), ("Busiest hours", 34)],
               _look_for(plan.hotspots, plan.places, v["place_id"].unique()))  # fmt: skip
        rp = v[v["stop_type"] == "reassurance point"].drop_duplicates("place_name")
        if len(rp):
            _heading(doc, mp, "Reassurance stops")
            _table(doc, mp, [("Stop", 70), ("Grid ref", 30), ("Open on the day", 90)],
                   [[r.place_name, r.grid_ref, r.opening_hours_today] for r in rp.itertuples()])  # fmt: skip
        _heading(doc, mp, "Method")
        _text_block(doc, mp, method_line(plan, context), 7.5)
    finally:
        mp.p.end()
    return doc


def method_line(plan, context: dict[str, Any]) -> str:
    """The method in one paragraph, as printed on every sheet."""
    p = plan.params
    fc = context.get("forecast_method", "forecast")
    names = {"sepp": "self-exciting point process", "kde": "kernel density",
             "prospective": "prospective hot-spotting", "naive": "last period"}  # fmt: skip
    timing = (
        plan.timing_note[:1].upper() + plan.timing_note[1:] + "."
        if plan.timing_evidence
        else "Timing is not evidence-based."
    )
    return (
        f"Places: the {len(plan.places)} highest-scoring micro-places (each at most "
        f"{p.get('max_across_m', 250):g} m across) of a "
        f"{'harm-weighted ' if context.get('harm_weighted') else ''}"
        f"{names.get(fc, fc)} forecast for {context.get('forecast_for', 'the next period')} "
        f"from {context.get('crime_layer', 'the crime layer')}. Visits: "
        f"{p.get('visit_minutes', 15):g} minutes (Koper), each place at most once every "
        f"{p.get('revisit_gap_minutes', 120):g} minutes, start varied within each loop. "
        f"{timing} Plan total {plan.officer_minutes_used / 60:.1f} of "
        f"{plan.officer_minutes_budget / 60:g} officer hours."
    )


def _boundary_layer(project: Project):
    got = project.layers_of(LayerKind.BOUNDARY)
    return got[0] if got else None


def _marking_of(project: Project, marking: str | None) -> tuple[str, str]:
    """The marking and its descriptor: as given, else the project's (drawn whole)."""
    if marking:
        return marking, ""
    return project.metadata.marking, project.metadata.marking_descriptor


# -- painting and files ----------------------------------------------------------------------
def _paint(painter: QPainter, dpi: float, doc: _Doc, page_no: int) -> None:
    pg = sheet._Page(painter, dpi)
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    painter.fillRect(pg.r(0, 0, PAGE_W, PAGE_H), QColor("#ffffff"))
    for op in doc.pages[page_no]:
        op(pg)
    n = len(doc.pages)
    pg.text(LEFT, BOTTOM - 5.0, WIDTH, 4.0,
            f"{doc.footer} · page {page_no + 1} of {n}", 6.5, colour="#555")  # fmt: skip
    sheet._draw_marking(pg, PAGE_W, PAGE_H, doc.marking, doc.descriptor)


def write_pdf(doc: _Doc, path: str | Path, title: str) -> Path:
    """Write every page of ``doc`` to an A4 PDF (atomically)."""
    sheet.ensure_gui_app()
    path = Path(path)
    tmp = path.with_name(path.name + ".part.pdf")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)
        )
    )
    writer.setTitle(f"{doc.marking}: {title}")
    writer.setCreator("Analyst Workstation")
    painter = QPainter(writer)
    try:
        for i in range(len(doc.pages)):
            if i:
                writer.newPage()
            _paint(painter, 300.0, doc, i)
    finally:
        painter.end()
    tmp.replace(path)
    return path


def write_png(
    doc: _Doc, path: str | Path, dpi: float = 150.0, page_no: int = 0
) -> Path:
    """Write one page of ``doc`` as a PNG (150 dpi: sharp on a phone, small to send)."""
    sheet.ensure_gui_app()
    w, h = round(PAGE_W / 25.4 * dpi), round(PAGE_H / 25.4 * dpi)
    img = QImage(w, h, QImage.Format_ARGB32_Premultiplied)
    img.setDotsPerMeterX(round(dpi / 0.0254))
    img.setDotsPerMeterY(round(dpi / 0.0254))
    painter = QPainter(img)
    try:
        _paint(painter, dpi, doc, page_no)
    finally:
        painter.end()
    path = Path(path)
    if not img.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def sheet_name(shift_id: str, area: int) -> str:
    """File stem of a sheet: "fri-night-area-2"."""
    return re.sub(r"[^a-z0-9]+", "-", f"{shift_id} area {area}".lower()).strip("-")


def write_sheets(
    project: Project,
    plan,
    context: dict[str, Any],
    folder: str | Path,
    *,
    marking: str | None = None,
    png: bool = True,
    downgrade_reason: str = "",
) -> list[Path]:
    """One PDF (and a PNG per page) for every shift worked and patrol area, plus the
    week's table (``week.csv``) and the hot-spot table with reasons
    (``hot-spots.csv``); audited.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    v = plan.visits
    if v.empty:
        return out
    keys = v.sort_values("arrive_min")[["shift_id", "patrol_area"]].drop_duplicates()
    for shift_id, area in keys.itertuples(index=False):
        doc = sheet_document(project, plan, context, shift_id, int(area), marking)
        stem = sheet_name(shift_id, int(area))
        out.append(
            write_pdf(doc, folder / f"{stem}.pdf", f"{shift_id}, patrol area {area}")
        )
        if png:
            for i in range(len(doc.pages)):
                suffix = "" if i == 0 else f"-page{i + 1}"
                out.append(write_png(doc, folder / f"{stem}{suffix}.png", page_no=i))
    from workstation.export import plan_files

    out.append(plan_files.write_csv(plan, folder / "week.csv"))
    if plan.hotspots is not None:
        out.append(plan_files.write_table_csv(plan.hotspots, folder / "hot-spots.csv"))
    project.record(
        "export patrol sheets",
        {"plan_id": plan.extras.get("plan_id"), "folder": str(folder.resolve()),
         "files": [p.name for p in out], "marking": marking or project.metadata.marking_text,
         **({"project_marking": project.metadata.marking_text,
             "downgrade_reason": downgrade_reason} if downgrade_reason else {})},
    )  # fmt: skip
    return out


def write_delivery_pdf(
    project: Project, plan, summary: pd.DataFrame, path: str | Path, *, marking=None
) -> Path:
    """Planned against delivered as a PDF page: per place, per shift and overall."""
    pid = plan.extras.get("plan_id", "not saved")
    made = pd.Timestamp.now(tz="UTC").strftime("%d %b %Y %H:%M UTC")
    mark, desc = _marking_of(project, marking)
    doc = _Doc(mark, f"Plan {pid} · made {made}", desc)
    mp = _measure()
    try:
        _text_block(doc, mp, "Planned against delivered patrols", 15.0, True)
        tot = summary[summary["level"] == "plan"].iloc[0]
        _text_block(
            doc, mp,
            f"Plan {pid}: {tot.on_time} of {tot.planned_visits} visits on time, "
            f"{tot.late} late, {tot.missed} missed; {tot.delivered_minutes:.0f} of "
            f"{tot.planned_minutes:.0f} planned minutes delivered. On time: started within "
            "15 minutes of the planned time; late: later in the loop window.",
            9.0,
        )  # fmt: skip
        cols = [("Place / shift", 62), ("Visits", 18), ("Planned min", 24),
                ("Delivered min", 26), ("On time", 20), ("Late", 18), ("Missed", 22)]  # fmt: skip
        for level, heading in (("place", "Per place"), ("shift", "Per shift")):
            part = summary[summary["level"] == level]
            _heading(doc, mp, heading)
            _table(doc, mp, cols, [
                [str(r.name), str(r.planned_visits), f"{r.planned_minutes:.0f}",
                 f"{r.delivered_minutes:.0f}", str(r.on_time), str(r.late), str(r.missed)]
                for r in part.itertuples()
            ])  # fmt: skip
    finally:
        mp.p.end()
    return write_pdf(doc, path, "Planned against delivered")
