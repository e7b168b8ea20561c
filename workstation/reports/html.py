"""HTML renderer: one self-contained offline file (figures inlined, no URL at all)."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from layers.textsafe import neutralise_bidi
from workstation.reports.model import Bullets, Figure, Report, Section, Table, Text
from workstation.reports.render import Marking

CSS = """
body { font-family: Arial, Helvetica, sans-serif; color: #1d1d1b; margin: 0; }
main { max-width: 60em; margin: 0 auto; padding: 1em 2em 3em; }
.marking { background: #000; color: #fff; text-align: center; font-weight: bold;
  padding: 5px; position: sticky; z-index: 10; }
.marking.top { top: 0; } .marking.bottom { bottom: 0; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } .subtitle { color: #555; margin-top: 0; }
h2 { font-size: 1.25em; border-bottom: 2px solid #1d1d1b; margin-top: 1.8em; }
h3 { font-size: 1.05em; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin: 0.6em 0; }
caption { text-align: left; font-style: italic; padding-bottom: 0.3em; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
.note { background: #f6f6f6; border-left: 4px solid #888; padding: 0.4em 0.8em; }
.draft { border: 2px dashed #b15928; padding: 0.4em 0.8em; background: #fff8f0; }
figure { margin: 0.8em 0; } figure img { max-width: 100%; }
figcaption { font-size: 0.85em; font-style: italic; }
"""


def _e(text: object) -> str:
    return html.escape(str(neutralise_bidi(str(text))), quote=True)


def _block(b: object) -> str:
    if isinstance(b, Text):
        cls = f' class="{b.style}"' if b.style != "body" else ""
        return f"<p{cls}>{_e(b.text)}</p>"
    if isinstance(b, Bullets):
        items = "".join(f"<li>{_e(i)}</li>" for i in b.items)
        return f'<ul class="draft">{items}</ul>' if b.draft else f"<ul>{items}</ul>"
    if isinstance(b, Table):
        head = "".join(f"<th>{_e(c)}</th>" for c in b.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in b.rows
        )
        return f"<table><caption>{_e(b.caption)}</caption><tr>{head}</tr>{body}</table>"
    if isinstance(b, Figure):
        data = base64.b64encode(b.png).decode("ascii")
        return (
            f'<figure><img alt="{_e(b.caption)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{_e(b.caption)}</figcaption></figure>"
        )
    raise TypeError(f"unknown block {type(b).__name__}")


def _section(s: Section, level: int = 2) -> str:
    parts = [f"<h{level}>{_e(s.title)}</h{level}>"]
    parts += [_block(b) for b in s.blocks]
    parts += [_section(c, min(level + 1, 4)) for c in s.children]
    return "\n".join(parts)


def render_html(report: Report, closing: Section, m: Marking) -> str:
    """The document as one HTML string (every value escaped, bidi controls shown)."""
    banner = _e(m.text)
    body = "\n".join(_section(s) for s in (*report.sections, closing))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="marking" content="{banner}">
<meta name="author" content="{_e(m.author)}">
<title>{banner}: {_e(report.title)}</title>
<style>{CSS}</style></head><body>
<div class="marking top">{banner}</div>
<main>
<h1>{_e(report.title)}</h1>
<p class="subtitle">{_e(report.subtitle)}</p>
{body}
</main>
<div class="marking bottom">{banner}</div>
</body></html>
"""


def write_html(report: Report, closing: Section, m: Marking, path: Path) -> None:
    Path(path).write_text(render_html(report, closing, m), encoding="utf-8")
