"""Protective markings compared: what counts as lowering one (no Qt).

A marking is a classification (OFFICIAL < OFFICIAL-SENSITIVE < SECRET < TOP
SECRET) and an optional descriptor or handling caveat after it (``PERSONAL``,
``UK EYES ONLY``). A marking is *lowered* when its classification goes down, or
when a word of the old descriptor is removed or changed (compared word by word,
in order, ignoring case, spaces and punctuation). Adding words to the descriptor
or raising the classification with the descriptor kept is not lowering.
"""

from __future__ import annotations

import re
from typing import Any

from layers.textsafe import neutralise_bidi

#: UK Government Security Classifications used as protective markings.
MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET")

_SENSITIVE = re.compile(r"^OFFICIAL ?- ?SENSITIVE|^OFFICIAL SENSITIVE")
_AFTER = " -/:([,"
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _normal(text: str | None) -> str:
    t = " ".join(str(text or "").upper().replace("_", " ").split())
    return _SENSITIVE.sub("OFFICIAL-SENSITIVE", t)


def split_marking(text: str | None) -> tuple[int | None, str]:
    """The classification's rank and the descriptor after it.

    Examples
    --------
    >>> split_marking("official sensitive - personal")
    (1, 'PERSONAL')
    >>> split_marking("OFFICIALX")
    (None, '')
    """
    t = _normal(text)
    for m in sorted(MARKINGS, key=len, reverse=True):
        if t.startswith(m) and (len(t) == len(m) or t[len(m)] in _AFTER):
            return MARKINGS.index(m), t[len(m) :].strip(" -/:,")
    return None, ""


def marking_rank(text: str | None) -> int | None:
    """Rank of the classification a marking starts with (None when there is none).

    The order is OFFICIAL (0) < OFFICIAL-SENSITIVE < SECRET < TOP SECRET (3);
    descriptors and caveats may follow the classification
    (``"SECRET UK EYES ONLY"``, ``"OFFICIAL-SENSITIVE - PERSONAL"``).

    Examples
    --------
    >>> marking_rank("official sensitive - personal"), marking_rank("TOP SECRET")
    (1, 3)
    """
    return split_marking(text)[0]


def _kept_in_order(old: list[str], new: list[str]) -> bool:
    it = iter(new)
    return all(word in it for word in old)


#: A marking as its whole text, or as (classification, descriptor).
Marking = str | tuple[str, str] | None


def _parts(m: Marking) -> tuple[int | None, str]:
    if isinstance(m, tuple):  # the classification alone decides the rank
        rank, rest = split_marking(m[0])
        return rank, " ".join(w for w in (rest, _normal(m[1])) if w)
    return split_marking(m)


def marking_str(m: Marking) -> str:
    """The marking as one text: ``OFFICIAL-SENSITIVE - PERSONAL``."""
    if isinstance(m, tuple):
        desc = " ".join(str(m[1] or "").split()).upper()
        return f"{m[0]} - {desc}" if desc else str(m[0])
    return str(m or "")


def lowering(old: Marking, new: Marking) -> str:
    """How marking ``new`` lowers marking ``old``: ``"below"``, ``"descriptor"`` or "".

    Parameters
    ----------
    old, new
        Whole marking texts, classification first (``"OFFICIAL-SENSITIVE -
        PERSONAL"``), or ``(classification, descriptor)`` pairs (then a
        descriptor such as ``SENSITIVE`` cannot pass for part of the
        classification). When either has no known classification nothing is
        lowered.

    Examples
    --------
    >>> lowering("SECRET", "OFFICIAL"), lowering("OFFICIAL-SENSITIVE - PERSONAL",
    ...     "OFFICIAL-SENSITIVE")
    ('below', 'descriptor')
    >>> lowering("OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE - PERSONAL")
    ''
    >>> lowering(("OFFICIAL-SENSITIVE", ""), ("OFFICIAL", "SENSITIVE"))
    'below'
    """
    r_old, d_old = _parts(old)
    r_new, d_new = _parts(new)
    if r_old is None or r_new is None:
        return ""
    if r_new < r_old:
        return "below"
    if not _kept_in_order(re.findall(r"\w+", d_old), re.findall(r"\w+", d_new)):
        return "descriptor"
    return ""


def lowering_phrase(old: Marking, new: Marking, what: str = "the new marking") -> str:
    """``"<what> X is below the project's marking Y"`` (or drops/changes its descriptor).

    Empty when ``new`` does not lower ``old``.
    """
    how = lowering(old, new)
    t_old, t_new = marking_str(old), marking_str(new)
    if how == "below":
        return f"{what} {t_new} is below the project's marking {t_old}"
    if how == "descriptor":
        d_old, d_new = _parts(old)[1], _parts(new)[1]
        if not d_new:
            return (
                f"{what} {t_new} drops the descriptor {d_old} of the project's "
                f"marking {t_old}"
            )
        return (
            f"{what} {t_new} changes the descriptor of the project's marking "
            f"{t_old} ({d_old} to {d_new})"
        )
    return ""


def clean_reason(value: Any) -> str:
    """A reason as one line: control characters become spaces, bidi controls shown."""
    return neutralise_bidi(" ".join(_CONTROLS.sub(" ", str(value or "")).split()))
