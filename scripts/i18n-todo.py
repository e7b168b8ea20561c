r"""List the window strings a catalogue still lacks, and fill them in from a TSV.

    bash scripts/i18n-update.sh                      # find new strings first
    python scripts/i18n-todo.py cy > todo.tsv        # context, source, (empty)
    # ... write the translation in the third column of each row ...
    python scripts/i18n-todo.py cy --apply todo.tsv  # into workstation_cy.ts
    bash scripts/i18n-update.sh --release            # rebuild the .qm

Rows are tab-separated; tabs and newlines inside a text are written as \t and \n.
Every entry filled in this way gets the translator comment that marks it a draft
until a fluent speaker has checked it (remove the comment when they have). The
translation must keep the source's {placeholders}; a row that does not is refused.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CATALOGUES = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "qt"
DRAFT = "Draft by a non-speaker; to be checked by a fluent speaker."
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(text: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), text
    )


def _messages(tree: ET.ElementTree):
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            yield name, m


def todo(ts: Path) -> int:
    """Print the unfinished messages of ``ts`` as TSV rows; returns how many."""
    n = 0
    for ctx, m in _messages(ET.parse(ts)):
        tr = m.find("translation")
        if tr.get("type") == "unfinished" or not (tr.text or ""):
            src = _escape(m.findtext("source") or "")
            sys.stdout.write(f"{_escape(ctx)}\t{src}\t\n")
            n += 1
    return n


def apply(ts: Path, tsv: Path) -> int:
    """Write the translations of ``tsv`` into ``ts``; returns how many were set."""
    rows = {}
    for i, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) < 3 or not parts[2].strip():
            continue
        ctx, src, text = (_unescape(p) for p in parts[:3])
        if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text)):
            sys.exit(f"{tsv}, row {i}: the translation changes the placeholders")
        rows[(ctx, src)] = text
    tree = ET.parse(ts)
    done = 0
    for ctx, m in _messages(tree):
        key = (ctx, m.findtext("source") or "")
        if key not in rows:
            continue
        tr = m.find("translation")
        tr.text = rows[key]
        tr.attrib.pop("type", None)
        if m.find("translatorcomment") is None:
            comment = ET.Element("translatorcomment")
            comment.text = DRAFT
            m.insert(list(m).index(tr), comment)
        done += 1
    ET.indent(tree, "    ")
    with ts.open("wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)
        fh.write(b"\n")
    return done


def main(argv: list[str] | None = None) -> int:
    """Command line: list the unfinished strings, or ``--apply`` a TSV of them."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("language", help="catalogue language code, e.g. cy")
    p.add_argument("--apply", type=Path, metavar="TSV", help="translations to write")
    args = p.parse_args(argv)
    ts = CATALOGUES / f"workstation_{args.language}.ts"
    if not ts.exists():
        sys.exit(
            f"{ts}: no such catalogue (add the language to scripts/i18n-update.sh)"
        )
    if args.apply is not None:
        sys.stderr.write(f"{apply(ts, args.apply)} translations written to {ts}\n")
    else:
        sys.stderr.write(f"{todo(ts)} strings to translate\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
