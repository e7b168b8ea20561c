"""Method notes as a reader sees them: one renderer for the window and the exports.

Analysis results carry a plain-English ``method_note`` written with a little
markup (the module docstrings they come from use it): blank lines between
paragraphs, ``1.`` / ``-`` list items, ``**bold**``, ``*italic*`` and
````name```` for a parameter. :func:`render_html` turns that into HTML (for a
``QTextBrowser`` or a PDF/HTML export) and :func:`render_text` into plain text,
both with parameters named as the panels name them ("visit length", not
``visit_minutes``) and methods by their names ("self-exciting point process",
not "sepp"). Qt-free: the PDF exporter can use it as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = ["METHOD_NAMES", "PARAMETER_NAMES", "render_html", "render_text"]

#: parameter names in notes -> the words the panels use for them
PARAMETER_NAMES: dict[str, str] = {
    "officer_hours": "hours available",
    "area_cap": "area cap",
    "max_places": "most places",
    "cell_m": "grid cell size",
    "visit_minutes": "visit length",
    "revisit_gap_minutes": "revisit interval",
    "speed_kmh": "travel speed",
    "max_travel_share": "travel share limit",
    "asset_radius_m": "reassurance radius",
    "reassurance_minutes": "reassurance stop length",
    "profile_radius_m": "demand radius",
    "bandwidth_m": "bandwidth",
    "distance_m": "distance",
    "days": "days",
    "fdr": "false discovery rate",
    "min_count": "smallest item",
    "neighbourhood": "neighbourhood",
    "neighbourhood_steps": "time neighbourhood",
    "alpha": "bin significance",
    "trend_alpha": "trend significance",
    "permutations": "permutations",
    "space_bands_m": "distance bands",
    "time_bands_days": "time bands",
}

#: method keys -> their names
METHOD_NAMES: dict[str, str] = {
    "sepp": "self-exciting point process",
    "kde": "kernel density",
    "naive": "last period's count",
    "prospective": "prospective hot-spotting",
}

#: developer phrasing -> what a reader needs
PHRASES: tuple[tuple[str, str], ...] = (
    ("networkx's Christofides/greedy approximation", "the Christofides or greedy approximation"),
    ("networkx's Christofides", "the Christofides approximation"),
    ("networkx's", "the"),
)  # fmt: skip

_METHOD_RE = re.compile(
    r"\b(" + "|".join(METHOD_NAMES) + r")(?=( forecast\b|:\s))", re.IGNORECASE
)
_CODE_RE = re.compile(r"`{1,2}([^`]+?)`{1,2}")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_ITALIC_RE = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", re.DOTALL)
_ITEM_RE = re.compile(r"^\s*(\d+[.)]|[-•*])\s+")


def _words(text: str) -> str:
    """Developer words to reader words (before any markup is applied)."""
    for old, new in PHRASES:
        text = text.replace(old, new)

    def method(m: re.Match[str]) -> str:
        name = METHOD_NAMES[m.group(1).lower()]
        at_start = m.start() == 0 or text[: m.start()].rstrip().endswith((".", ":"))
        return name[:1].upper() + name[1:] if at_start else name

    return _METHOD_RE.sub(method, text)


def _parameter(name: str) -> str:
    """A parameter's panel name ("the visit length"); a quoted value as it is."""
    key = name.strip().strip('"')
    if key in PARAMETER_NAMES:
        label = PARAMETER_NAMES[key]
        return label if key in _BARE else f"the {label}"
    return key.replace("_", " ")


#: parameters named without "the" (they read as plain words)
_BARE = frozenset({"days", "permutations"})


def _blocks(note: str) -> list[tuple[str, list[str]]]:
    """Paragraphs and lists: ("p", [text]) or ("ol"/"ul", [item, ...])."""
    out: list[tuple[str, list[str]]] = []
    for para in re.split(r"\n\s*\n", note.strip()):
        lines = [ln for ln in para.splitlines() if ln.strip()]
        if not lines:
            continue
        if _ITEM_RE.match(lines[0]):
            items: list[str] = []
            for ln in lines:
                if _ITEM_RE.match(ln):
                    items.append(_ITEM_RE.sub("", ln, count=1).strip())
                elif items:
                    items[-1] += " " + ln.strip()
            kind = "ol" if _ITEM_RE.match(lines[0]).group(1)[0].isdigit() else "ul"
            if out and out[-1][0] == kind:
                out[-1][1].extend(items)
            else:
                out.append((kind, items))
        else:
            out.append(("p", [" ".join(ln.strip() for ln in lines)]))
    return out


def _code(m: re.Match[str]) -> str:
    """A quoted parameter by its panel name ("the fdr" reads "the false discovery rate")."""
    name = _parameter(m.group(1))
    after_the = m.string[: m.start()].lower().endswith("the ")
    return name[4:] if after_the and name.startswith("the ") else name


def _inline_html(text: str) -> str:
    text = html.escape(_words(text), quote=False)
    text = _CODE_RE.sub(lambda m: f"<i>{_code(m)}</i>", text)
    text = _BOLD_RE.sub(r"<b>\1</b>", text)
    return _ITALIC_RE.sub(r"<i>\1</i>", text)


def _inline_text(text: str) -> str:
    text = _CODE_RE.sub(_code, _words(text))
    text = _BOLD_RE.sub(r"\1", text)
    return _ITALIC_RE.sub(r"\1", text)


def render_html(note: str, warnings: Iterable[str] = ()) -> str:
    """The note (and warnings, first) as HTML: paragraphs, lists, bold and italics."""
    parts: list[str] = []
    warnings = [w for w in warnings if w]
    if warnings:
        parts.append("<p><b>Warnings</b></p><ul>")
        parts += [f"<li>{_inline_html(w)}</li>" for w in warnings]
        parts.append("</ul>")
    for kind, items in _blocks(note or ""):
        if kind == "p":
            parts.append(f"<p>{_inline_html(items[0])}</p>")
        else:
            parts.append(f"<{kind}>")
            parts += [f"<li>{_inline_html(it)}</li>" for it in items]
            parts.append(f"</{kind}>")
    return "".join(parts)


def render_text(note: str, warnings: Iterable[str] = ()) -> str:
    """The note as plain text: no markup, lists numbered or bulleted, one per line."""
    out: list[str] = []
    warnings = [w for w in warnings if w]
    if warnings:
        out.append("Warnings:\n" + "\n".join(f"- {_inline_text(w)}" for w in warnings))
    for kind, items in _blocks(note or ""):
        if kind == "p":
            out.append(_inline_text(items[0]))
        else:
            out.append(
                "\n".join(
                    f"{i}. {_inline_text(it)}"
                    if kind == "ol"
                    else f"- {_inline_text(it)}"
                    for i, it in enumerate(items, 1)
                )
            )
    return "\n\n".join(out)
