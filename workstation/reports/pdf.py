"""PDF renderer: the sheet machinery's QPainter on a QPdfWriter.

The content is laid out by a paginated ``QTextDocument`` (real text, so the PDF
extracts and searches); every page then gets the marking banner top and bottom
(:func:`workstation.export.sheet.draw_marking_banner`) and its page number.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from layers.textsafe import neutralise_bidi
from workstation.export.sheet import draw_marking_banner, ensure_gui_app, xmp_packet
from workstation.reports.model import Bullets, Figure, Report, Section, Table, Text
from workstation.reports.render import Marking

DPI = 300
PAGE_MM = (210.0, 297.0)
MARGIN_MM = 16.0
BAND_MM = 7.0
BODY_TOP_MM = MARGIN_MM + BAND_MM + 4.0
BODY_BOTTOM_MM = MARGIN_MM + BAND_MM + 8.0

CSS = """
body { font-family: 'DejaVu Sans'; font-size: 9pt; color: #1d1d1b; }
h1 { font-size: 17pt; } h2 { font-size: 13pt; margin-top: 14pt; }
h3 { font-size: 10.5pt; margin-top: 10pt; } h4 { font-size: 9.5pt; }
table { border-collapse: collapse; margin-top: 4pt; margin-bottom: 6pt; }
th { background-color: #e8e8e8; font-weight: bold; }
td, th { padding: 2px; font-size: 8pt; }
.cap { font-style: italic; font-size: 8pt; }
.note { background-color: #f2f2f2; }
.draft { background-color: #fff2cc; }
"""


def _mm(v: float) -> float:
    return v / 25.4 * DPI


def _e(text: object) -> str:
    return html.escape(str(neutralise_bidi(str(text))), quote=True)


class _Builder:
    """The report as the HTML subset QTextDocument lays out, figures as resources."""

    def __init__(self, doc: QTextDocument) -> None:
        self.doc = doc
        self.n = 0

    def block(self, b: object) -> str:
        if isinstance(b, Text):
            if b.style == "draft":
                return (
                    f'<p class="draft"><b>DRAFT (analyst to edit):</b> {_e(b.text)}</p>'
                )
            cls = ' class="note"' if b.style == "note" else ""
            return f"<p{cls}>{_e(b.text)}</p>"
        if isinstance(b, Bullets):
            cls = ' class="draft"' if b.draft else ""
            return (
                f"<ul{cls}>" + "".join(f"<li>{_e(i)}</li>" for i in b.items) + "</ul>"
            )
        if isinstance(b, Table):
            head = "".join(f"<th>{_e(c)}</th>" for c in b.columns)
            rows = "".join(
                "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>"
                for r in b.rows
            )
            return (
                f'<p class="cap">{_e(b.caption)}</p>'
                f'<table border="1" cellspacing="0" cellpadding="3" width="100%">'
                f"<tr>{head}</tr>{rows}</table>"
            )
        if isinstance(b, Figure):
            self.n += 1
            name = f"fig{self.n}.png"
            img = QImage.fromData(b.png, "PNG")
            self.doc.addResource(QTextDocument.ImageResource, QUrl(name), img)
            # image sizes are in CSS pixels (96 per inch), scaled to the device
            w = min(b.width_mm, PAGE_MM[0] - 2 * MARGIN_MM) / 25.4 * 96
            h = w * img.height() / max(img.width(), 1)
            return f'<p><img src="{name}" width="{w:.0f}" height="{h:.0f}"></p><p class="cap">{_e(b.caption)}</p>'
        raise TypeError(f"unknown block {type(b).__name__}")

    def section(self, s: Section, level: int = 2) -> str:
        parts = [
            f"<h{level}>{_e(s.title)}</h{level}>",
            *(self.block(b) for b in s.blocks),
        ]
        parts += [self.section(c, min(level + 1, 4)) for c in s.children]
        return "\n".join(parts)


def _document(report: Report, closing: Section, writer: QPdfWriter) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.0)
    font.setFeature(QFont.Tag("liga"), 0)  # text extracts as typed
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(CSS)
    b = _Builder(doc)
    body = "\n".join(b.section(s) for s in (*report.sections, closing))
    doc.setHtml(f"<h1>{_e(report.title)}</h1><p>{_e(report.subtitle)}</p>{body}")
    w = _mm(PAGE_MM[0] - 2 * MARGIN_MM)
    h = _mm(PAGE_MM[1] - BODY_TOP_MM - BODY_BOTTOM_MM)
    doc.setPageSize(QSizeF(w, h))
    doc.setDocumentMargin(0)
    return doc


def _furniture(
    painter: QPainter, m: Marking, page: int, pages: int, title: str
) -> None:
    w = _mm(PAGE_MM[0] - 2 * MARGIN_MM)
    for y in (MARGIN_MM, PAGE_MM[1] - MARGIN_MM - BAND_MM):
        draw_marking_banner(
            painter,
            QRectF(_mm(MARGIN_MM), _mm(y), w, _mm(BAND_MM)),
            m.marking,
            m.descriptor,
        )
    f = QFont("DejaVu Sans")
    f.setPointSizeF(7.0)
    f.setFeature(QFont.Tag("liga"), 0)
    painter.setFont(f)
    painter.setPen(QColor("#555555"))
    foot = QRectF(
        _mm(MARGIN_MM), _mm(PAGE_MM[1] - MARGIN_MM - BAND_MM - 5.5), w, _mm(4.5)
    )
    painter.drawText(foot, int(Qt.AlignLeft | Qt.AlignVCenter), neutralise_bidi(title))
    painter.drawText(
        foot, int(Qt.AlignRight | Qt.AlignVCenter), f"Page {page} of {pages}"
    )


def write_pdf(report: Report, closing: Section, m: Marking, path: Path) -> int:
    """Write the PDF; returns the number of pages."""
    ensure_gui_app()
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)
        )
    )
    writer.setTitle(neutralise_bidi(f"{m.text}: {report.title}"))
    writer.setCreator("Analyst Workstation")
    writer.setAuthor(neutralise_bidi(m.author))
    fields = {
        "marking": m.text,
        "title": report.title,
        "author": m.author,
        "report": report.kind,
    }
    if m.downgrade_reason:
        fields["downgrade_reason"] = m.downgrade_reason
    writer.setDocumentXmpMetadata(xmp_packet(fields))
    doc = _document(report, closing, writer)
    pages = doc.pageCount()
    ph = doc.pageSize().height()
    painter = QPainter(writer)
    try:
        for i in range(pages):
            if i:
                writer.newPage()
            painter.save()
            painter.translate(_mm(MARGIN_MM), _mm(BODY_TOP_MM) - i * ph)
            page = QRectF(0, i * ph, doc.pageSize().width(), ph)
            painter.setClipRect(page)  # drawContents clips by block, not by line
            doc.drawContents(painter, page)
            painter.restore()
            _furniture(painter, m, i + 1, pages, report.title)
    finally:
        painter.end()
    return pages
