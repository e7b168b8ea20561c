"""The document tree every renderer draws: sections of text, tables and figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Text:
    """A paragraph. ``style`` is ``"body"``, ``"note"`` or ``"draft"`` (the
    analyst's to edit: drawn boxed and labelled by every renderer).
    """

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Bullets:
    """A bulleted list; ``draft`` marks it as the analyst's to edit."""

    items: tuple[str, ...]
    draft: bool = False


@dataclass(frozen=True)
class Table:
    """A table of text cells (already formatted from the results)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Figure:
    """A PNG figure (matplotlib, the map's colours) with its caption."""

    png: bytes
    caption: str
    width_mm: float = 160.0


Block = Text | Bullets | Table | Figure


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Report:
    """A report before rendering.

    ``results`` keeps the result objects the sections were built from (so tests
    and the audit can check the document against them); ``method_notes`` and
    ``sources`` are written by the renderer after the sections.
    """

    kind: str
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    method_notes: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    results: dict[str, Any] = field(default_factory=dict)
    inputs: tuple[Any, ...] = ()  # layers used (for the audit's input hashes)

    def all_text(self) -> str:
        """Every sentence, list item and table cell, in reading order."""
        out: list[str] = [self.title, self.subtitle]

        def walk(s: Section) -> None:
            out.append(s.title)
            for b in s.blocks:
                if isinstance(b, Text):
                    out.append(b.text)
                elif isinstance(b, Bullets):
                    out.extend(b.items)
                elif isinstance(b, Table):
                    out.append(b.caption)
                    out.extend(" | ".join(r) for r in b.rows)
                elif isinstance(b, Figure):
                    out.append(b.caption)
            for c in s.children:
                walk(c)

        for s in self.sections:
            walk(s)
        return "\n".join(out)
