"""Reading rendered reports back: PDF pages (poppler), DOCX (python-docx)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pdf_pages(path: Path) -> list[str]:
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    )
    n = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    return [
        subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(path), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
        for i in range(1, n + 1)
    ]  # fmt: skip


def squash(text: str) -> str:
    """Text with all runs of whitespace as one space (PDF lines wrap anywhere)."""
    return " ".join(text.split())
