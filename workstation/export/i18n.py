"""Languages of the public briefing: gettext catalogues (Babel), numbers and dates.

The catalogues are ``resources/i18n/<code>/LC_MESSAGES/public.po``; the template is
``resources/i18n/public.pot``. Only the ``.po`` files are shipped: they are compiled
in memory with Babel when first used, so a ``.mo`` can never be stale. Each ``.po``
carries a translator's note and a review status in its header comment::

    # Translator's note: ...
    # Review status: draft (to be checked by a fluent speaker)

While the status is not ``reviewed`` the briefing prints the draft flag.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
DOMAIN = "public"
#: First digit of the numbering systems our locales may default to (Babel formats
#: the separators of a numbering system but leaves the digits Latin).
ZERO = {
    "beng": 0x09E6,
    "guru": 0x0A66,
    "arab": 0x0660,
    "arabext": 0x06F0,
    "deva": 0x0966,
}
DRAFT_FLAG = "Draft translation, to be checked by a fluent speaker."


@dataclass(frozen=True)
class Language:
    code: str
    locale: str
    direction: str  # "ltr" | "rtl"
    script_font: str | None  # Noto family for the script, None for Latin
    line_height: float = 1.5


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "en_GB", "ltr", None),
    "cy": Language("cy", "cy_GB", "ltr", None),
    "pl": Language("pl", "pl_PL", "ltr", None),
    "ur": Language("ur", "ur_PK", "rtl", "NotoNastaliqUrdu", 2.3),
    "pa": Language("pa", "pa_Guru_IN", "ltr", "NotoSansGurmukhi", 1.7),
    "bn": Language("bn", "bn_BD", "ltr", "NotoSansBengali", 1.7),
}


def language(code: str) -> Language:
    """The language for a code (``en``, ``cy``, ``pl``, ``ur``, ``pa``, ``bn``)."""
    key = code.strip().lower().replace("-", "_").split("_")[0]
    if key not in LANGUAGES:
        raise ValueError(
            f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}"
        )
    return LANGUAGES[key]


def catalogue_path(code: str) -> Path:
    return I18N / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class CatalogueInfo:
    translator_note: str
    review_status: str

    @property
    def draft(self) -> bool:
        return not self.review_status.lower().startswith("reviewed")


def catalogue_info(code: str) -> CatalogueInfo:
    """The translator's note and review status of a language's catalogue."""
    if code == "en":
        return CatalogueInfo("source language", "reviewed (source text)")
    head = catalogue_path(code).read_text(encoding="utf-8").split("msgid", 1)[0]
    note = re.search(r"^# Translator's note: (.+)$", head, re.M)
    status = re.search(r"^# Review status: (.+)$", head, re.M)
    return CatalogueInfo(
        note.group(1).strip() if note else "",
        status.group(1).strip() if status else "draft",
    )


@cache
def translations(code: str) -> NullTranslations:
    """Compiled translations of a language (English: the source text)."""
    if code == "en":
        return NullTranslations()
    with catalogue_path(code).open("rb") as fh:
        catalog = read_po(fh, locale=LANGUAGES[code].locale)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


class Text:
    """Translation, numbers and dates in one language."""

    def __init__(self, code: str) -> None:
        self.lang = language(code)
        self.locale = Locale.parse(self.lang.locale)
        self._t = translations(self.lang.code)
        self.info = catalogue_info(self.lang.code)

    def __call__(self, msgid: str, **kw: object) -> str:
        """The translation of ``msgid`` with ``{name}`` fields filled in."""
        text = self._t.gettext(msgid)
        return text.format(**kw) if kw else text

    def number(self, n: float) -> str:
        """A number in the locale's form, in its own digits (Bengali: ০-৯)."""
        return self._digits(
            format_decimal(n, locale=self.locale, numbering_system="default")
        )

    def _digits(self, text: str) -> str:
        zero = ZERO.get(self.locale.default_numbering_system)
        if zero is None:
            return text
        return text.translate({ord("0") + d: zero + d for d in range(10)})

    def month(self, when, short: bool = False, year: bool = True) -> str:
        """A month's name in the locale's form (``short``: abbreviated)."""
        if not year:
            return self._digits(format_date(when, "LLL", locale=self.locale))
        skeleton = "yMMM" if short else "yMMMM"
        return self._digits(format_skeleton(skeleton, when, locale=self.locale))

    def date(self, when) -> str:
        return self._digits(format_date(when, format="long", locale=self.locale))
