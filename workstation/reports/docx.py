"""DOCX renderer (python-docx): real headings, tables and figures, editable in Word.

The marking is in every page's header and footer; draft text is labelled.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from layers.textsafe import neutralise_bidi
from workstation.reports.model import Bullets, Figure, Report, Section, Table, Text
from workstation.reports.render import Marking


def _t(text: object) -> str:
    """Text safe for Word: bidi controls shown, XML-illegal controls dropped."""
    s = str(neutralise_bidi(str(text)))
    return "".join(ch for ch in s if ch in "\t\n" or ord(ch) >= 32)


def _shade(paragraph, fill: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.append(shd)


def _banner(paragraph, m: Marking) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(_t(m.text))
    run.bold = True
    run.font.size = Pt(11)
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    _shade(paragraph, "000000")


def _block(doc, b: object) -> None:
    if isinstance(b, Text):
        p = doc.add_paragraph()
        if b.style == "draft":
            r = p.add_run("DRAFT (analyst to edit): ")
            r.bold = True
            _shade(p, "FFF2CC")
        elif b.style == "note":
            _shade(p, "F2F2F2")
        p.add_run(_t(b.text))
    elif isinstance(b, Bullets):
        for item in b.items:
            p = doc.add_paragraph(_t(item), style="List Bullet")
            if b.draft:
                _shade(p, "FFF2CC")
    elif isinstance(b, Table):
        if b.caption:
            doc.add_paragraph(_t(b.caption), style="Caption")
        t = doc.add_table(rows=1, cols=len(b.columns))
        t.style = "Table Grid"
        for cell, c in zip(t.rows[0].cells, b.columns, strict=True):
            cell.text = _t(c)
            for r in cell.paragraphs[0].runs:
                r.bold = True
        for row in b.rows:
            cells = t.add_row().cells
            for cell, c in zip(cells, row, strict=True):
                cell.text = _t(c)
    elif isinstance(b, Figure):
        doc.add_picture(io.BytesIO(b.png), width=Mm(min(b.width_mm, 165)))
        doc.add_paragraph(_t(b.caption), style="Caption")
    else:
        raise TypeError(f"unknown block {type(b).__name__}")


def _section(doc, s: Section, level: int = 1) -> None:
    doc.add_heading(_t(s.title), level=level)
    for b in s.blocks:
        _block(doc, b)
    for c in s.children:
        _section(doc, c, min(level + 1, 3))


def write_docx(report: Report, closing: Section, m: Marking, path: Path) -> None:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    for margin in ("left_margin", "right_margin"):
        setattr(sec, margin, Mm(20))
    _banner(sec.header.paragraphs[0], m)
    _banner(sec.footer.paragraphs[0], m)
    props = doc.core_properties
    props.title = _t(f"{m.text}: {report.title}")
    props.author = _t(m.author)
    props.keywords = _t(f"marking: {m.text}")
    props.subject = _t(report.kind)
    doc.add_heading(_t(report.title), level=0)
    doc.add_paragraph(_t(report.subtitle))
    for s in (*report.sections, closing):
        _section(doc, s)
    doc.save(str(path))
