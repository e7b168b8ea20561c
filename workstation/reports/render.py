"""Write a report as PDF, HTML or DOCX, with its marking, method notes and audit entry.

Sections never carry the marking, the method notes or the audit: this module
adds them, the same way for every format.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from layers.project import Project
from layers.textsafe import neutralise_bidi
from layers.validation import DataError
from workstation.export.briefing import check_downgrade, check_marking
from workstation.reports.model import Bullets, Report, Section, Text

FORMATS = (".pdf", ".html", ".docx")


@dataclass(frozen=True)
class Marking:
    """The protective marking and document control of one output."""

    marking: str
    descriptor: str
    project_marking: str
    downgrade_reason: str
    author: str
    made_at: datetime

    @property
    def text(self) -> str:
        return (
            f"{self.marking} - {self.descriptor}" if self.descriptor else self.marking
        )


def resolve_marking(
    project: Project,
    marking: str | None,
    descriptor: str | None,
    downgrade_reason: str | None,
    source: str,
) -> Marking:
    """The output's marking (the project's unless given); the downgrade rule applies."""
    meta = project.metadata
    mark = check_marking(marking or meta.marking, source)
    desc = (
        descriptor
        if descriptor is not None
        else (meta.marking_descriptor if not marking else "")
    )
    desc = neutralise_bidi(" ".join(str(desc or "").split()))
    # a lower classification, or the project's descriptor dropped or changed
    reason = check_downgrade(
        (meta.marking, meta.marking_descriptor), (mark, desc), downgrade_reason, source
    )
    return Marking(
        marking=mark,
        descriptor=desc,
        project_marking=meta.marking_text,
        downgrade_reason=reason,
        author=neutralise_bidi(meta.author),
        made_at=datetime.now(UTC),
    )


def closing_section(report: Report, m: Marking) -> Section:
    """Method notes, data sources, warnings and document control (the renderer's)."""
    notes = tuple(
        Section(name, (Text(text, "note"),)) for name, text in report.method_notes
    )
    blocks: list[Any] = [
        Text("Data sources:"),
        Bullets(report.sources or ("none",)),
        Text("Warnings from the analyses:"),
        Bullets(report.warnings or ("none",)),
        Text(
            f"Document control: {report.kind} drafted by the Analyst Workstation for "
            f"{m.author} at {m.made_at:%Y-%m-%d %H:%M UTC}; protective marking "
            f"{m.text}. Every figure in this document is read from the analysis "
            "results named in the method notes; the file's SHA-256 is kept in the "
            "project's audit trail."
        ),
    ]
    if m.downgrade_reason:
        blocks.append(
            Text(
                f"Marked {m.text}, below the project's {m.project_marking}. Reason: "
                f"{m.downgrade_reason}",
                "note",
            )
        )
    return Section("Method notes and data sources", tuple(blocks), notes)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_report(
    project: Project,
    report: Report,
    path: str | Path,
    *,
    marking: str | None = None,
    descriptor: str | None = None,
    downgrade_reason: str | None = None,
    params: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Render ``report`` by the file's suffix and record the export in the audit.

    Returns
    -------
    dict
        The audit entry's parameters (format, path, sha256, marking, ...).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DataError(
            "output must end in .pdf, .html or .docx", source=str(path), column="-o"
        )
    if not path.parent.exists():
        raise DataError("output folder does not exist", source=str(path.parent))
    m = resolve_marking(project, marking, descriptor, downgrade_reason, str(path))
    closing = closing_section(report, m)
    tmp = path.with_name(path.name + ".part" + suffix)
    if suffix == ".html":
        from workstation.reports.html import write_html

        write_html(report, closing, m, tmp)
    elif suffix == ".docx":
        from workstation.reports.docx import write_docx

        write_docx(report, closing, m, tmp)
    else:
        from workstation.reports.pdf import write_pdf

        write_pdf(report, closing, m, tmp)
    tmp.replace(path)
    entry = {
        "report": report.kind,
        "format": suffix.lstrip("."),
        "path": str(path.resolve()),
        "sha256": sha256_file(path),
        "bytes": path.stat().st_size,
        "marking": m.text,
        "project_marking": m.project_marking,
        "title": report.title,
        **(params or {}),
    }
    if m.downgrade_reason:
        entry["downgrade_reason"] = m.downgrade_reason
    project.record("export", entry, inputs=list(report.inputs))
    return entry
