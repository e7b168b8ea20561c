r"""Text that cannot mislead a reader: bidirectional controls made visible.

Unicode's embedding, override and isolate controls (U+202A-U+202E,
U+2066-U+2069) reorder the characters around them when drawn, so a value such as
``"evil\u202egnp.exe"`` shows as ``evilexe.png`` (a "Trojan Source" trick). Every
output of the tool (legend, tables, popups, CSV) passes text through
:func:`neutralise_bidi`, which replaces each such control with a visible
``[U+202E]`` tag: nothing is reordered and nothing is silently lost.
"""

from __future__ import annotations

import re
from typing import Any

#: Bidirectional embedding, override and isolate controls.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def has_bidi(text: str) -> bool:
    """Whether ``text`` holds a bidirectional control character."""
    return bool(_BIDI.search(text))


def neutralise_bidi(value: Any) -> Any:
    r"""``value`` with each bidi control shown as ``[U+XXXX]`` (non-text unchanged).

    Examples
    --------
    >>> neutralise_bidi("evil\u202egnp.exe")
    'evil[U+202E]gnp.exe'
    """
    if not isinstance(value, str) or not _BIDI.search(value):
        return value
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
