"""The window's languages: translators, the language list and known vocabularies.

Every user-visible string in ``workstation/qt`` goes through :func:`translate` (or a
QObject's ``tr``), so ``pyside6-lupdate`` finds it (``scripts/i18n-update.sh``) and
the catalogue ``resources/i18n/qt/workstation_<code>.qm`` turns it into the chosen
language. Texts made by ``layers`` and ``workstation.analysis`` stay English there;
the window shows the ones from a known vocabulary (layer kinds, police.uk crime types,
Gi* classes, emerging-hot-spot patterns, call grades) through :func:`vocab`. Data
values (place names, layer names, free text) are data, not interface, and are shown
as they are.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "qt"
SETTING = "ui/language"
DEFAULT_LANGUAGE = "en"
#: language code -> its own name (what a speaker looks for in the menu)
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
#: what the interface falls back to: the source strings
SOURCE_LANGUAGE = "en"

#: the date patterns of :func:`date_text` and their English strftime forms
STRFTIME = {
    "dd MMM yyyy": "%d %b %Y",
    "MMMM yyyy": "%B %Y",
    "MMM yyyy": "%b %Y",
    "ddd dd MMM yyyy": "%a %d %b %Y",
}

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def translate(
    context: str, text: str, disambiguation: str | None = None, n: int = -1
) -> str:
    """``QCoreApplication.translate``: ``text`` in the interface language.

    Parameters
    ----------
    context
        The catalogue context (one per module, e.g. ``"MainWindow"``).
    text
        The English source string; put numbers in with ``.format`` afterwards.
    disambiguation
        Tells two equal source strings with different meanings apart.
    n
        A count, for plural forms (``%n`` in the text).

    Returns
    -------
    str
        The translation, or ``text`` itself when there is none.
    """
    return QCoreApplication.translate(context, text, disambiguation, n)


def vocab(text: str) -> str:
    """A term from a known vocabulary (see :data:`VOCABULARY`) in the interface language.

    Parameters
    ----------
    text
        An English term made outside the window, e.g. ``"Burglary"``.

    Returns
    -------
    str
        Its translation, or the text unchanged when it is not a known term (data).
    """
    return QCoreApplication.translate("Vocabulary", str(text))


def date_text(when, pattern: str = "dd MMM yyyy") -> str:
    """A date in the interface language: "01 Oct 2025", "01 Hyd 2025".

    Parameters
    ----------
    when
        Anything with ``year``, ``month`` and ``day`` (a pandas Timestamp, a
        datetime or date); a naive or zoned time is taken as it stands.
    pattern
        A ``QLocale`` date pattern: ``"dd MMM yyyy"`` (day), ``"MMMM yyyy"``
        (month), ``"MMM yyyy"``, ``"ddd dd MMM yyyy"`` (weekday).

    Returns
    -------
    str
        The formatted date (English month names under English).
    """
    from PySide6.QtCore import QDate

    if _current == SOURCE_LANGUAGE:  # English exactly as strftime writes it
        return format(when, STRFTIME[pattern])
    locale = QLocale(_current)
    return locale.toString(QDate(when.year, when.month, when.day), pattern)


def localise_date_words(text: str) -> str:
    """English month and weekday names in ``text`` in the interface language.

    For texts that strftime made (pyqtgraph's date axis): "Feb" -> "Chwef",
    "March" -> "Mawrth", "Mon" -> "Llun". English is returned as it is.
    """
    if _current == SOURCE_LANGUAGE or not text:
        return text
    import re

    words = _date_words(_current)
    return re.sub(r"[A-Z][a-z]+", lambda m: words.get(m.group(0), m.group(0)), text)


def _date_words(code: str) -> dict[str, str]:
    english, local = QLocale("C"), QLocale(code)
    out = {}
    for m in range(1, 13):
        for fmt in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat):
            out[english.monthName(m, fmt)] = local.monthName(m, fmt)
    for d in range(1, 8):
        for fmt in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat):
            out[english.dayName(d, fmt)] = local.dayName(d, fmt)
    return out


def current_language() -> str:
    """The code of the language installed by :func:`install_language`."""
    return _current


def available_languages() -> dict[str, str]:
    """Codes and names of the languages the window can show (English plus catalogues)."""
    out = {SOURCE_LANGUAGE: LANGUAGES[SOURCE_LANGUAGE]}
    for code, name in LANGUAGES.items():
        if (CATALOGUES / f"workstation_{code}.qm").exists():
            out[code] = name
    return out


def normalise_language(code: str | None) -> str:
    """A language code as the catalogues name it (``"CY"``, ``"cy_GB"`` -> ``"cy"``).

    Raises
    ------
    ValueError
        When the window has no catalogue for that language (the message lists those
        it has).
    """
    raw = (code or DEFAULT_LANGUAGE).strip().replace("-", "_")
    short = raw.split("_")[0].lower()
    langs = available_languages()
    if short not in langs:
        known = ", ".join(f"{c} ({n})" for c, n in langs.items())
        raise ValueError(f"unknown interface language {code!r}; known: {known}")
    return short


def language_setting() -> str:
    """The language stored in the preferences (English when none or unknown)."""
    from workstation.qt import settings as ws_settings

    value = ws_settings.settings().value(SETTING, DEFAULT_LANGUAGE)
    try:
        return normalise_language(str(value))
    except ValueError:
        return DEFAULT_LANGUAGE


def set_language_setting(code: str) -> str:
    """Store the interface language for the next start; returns the stored code."""
    from workstation.qt import settings as ws_settings

    code = normalise_language(code)
    s = ws_settings.settings()
    s.setValue(SETTING, code)
    s.sync()
    return code


def install_language(code: str | None, app: QCoreApplication | None = None) -> str:
    """Load the catalogues of ``code`` into the application (and drop earlier ones).

    The window's own catalogue comes from :data:`CATALOGUES`; Qt's own strings (the
    buttons of message boxes and file dialogs) from Qt's ``qtbase_<code>.qm`` when Qt
    ships one. Qt ships none for Welsh, so the Welsh catalogue carries the standard
    button texts itself (context ``QPlatformTheme``, see :data:`QT_STRINGS`).

    Parameters
    ----------
    code
        A language code (``"cy"``) or None for the default.
    app
        The application; the running instance when None.

    Returns
    -------
    str
        The code installed.
    """
    global _current
    app = app or QCoreApplication.instance()
    code = normalise_language(code)
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if code != SOURCE_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (
            (f"qtbase_{code}", qt_dir),
            (f"workstation_{code}", str(CATALOGUES)),
        ):
            tr = QTranslator(app)
            if tr.load(name, folder):
                app.installTranslator(tr)
                _installed.append(tr)
    # numbers and dates that Qt formats: the language's own, or the system's for English
    QLocale.setDefault(QLocale(code) if code != SOURCE_LANGUAGE else QLocale.system())
    _current = code
    return code


#: Terms made outside the window that it shows (vocab() looks them up); lupdate reads
#: this list, so each one is in every catalogue.
VOCABULARY: tuple[str, ...] = (
    # layer kinds (layers.kinds.LayerKind.label)
    QT_TRANSLATE_NOOP("Vocabulary", "Crime"),
    QT_TRANSLATE_NOOP("Vocabulary", "Calls for service"),
    QT_TRANSLATE_NOOP("Vocabulary", "Community assets"),
    QT_TRANSLATE_NOOP("Vocabulary", "Boundaries"),
    QT_TRANSLATE_NOOP("Vocabulary", "Analysis result"),
    QT_TRANSLATE_NOOP("Vocabulary", "crime"),
    QT_TRANSLATE_NOOP("Vocabulary", "demand"),
    QT_TRANSLATE_NOOP("Vocabulary", "asset"),
    QT_TRANSLATE_NOOP("Vocabulary", "boundary"),
    QT_TRANSLATE_NOOP("Vocabulary", "result"),
    # the 14 crime types of data.police.uk (layers.readers.police_uk.CRIME_TYPES)
    QT_TRANSLATE_NOOP("Vocabulary", "Anti-social behaviour"),
    QT_TRANSLATE_NOOP("Vocabulary", "Bicycle theft"),
    QT_TRANSLATE_NOOP("Vocabulary", "Burglary"),
    QT_TRANSLATE_NOOP("Vocabulary", "Criminal damage and arson"),
    QT_TRANSLATE_NOOP("Vocabulary", "Drugs"),
    QT_TRANSLATE_NOOP("Vocabulary", "Other crime"),
    QT_TRANSLATE_NOOP("Vocabulary", "Other theft"),
    QT_TRANSLATE_NOOP("Vocabulary", "Possession of weapons"),
    QT_TRANSLATE_NOOP("Vocabulary", "Public order"),
    QT_TRANSLATE_NOOP("Vocabulary", "Robbery"),
    QT_TRANSLATE_NOOP("Vocabulary", "Shoplifting"),
    QT_TRANSLATE_NOOP("Vocabulary", "Theft from the person"),
    QT_TRANSLATE_NOOP("Vocabulary", "Vehicle crime"),
    QT_TRANSLATE_NOOP("Vocabulary", "Violence and sexual offences"),
    QT_TRANSLATE_NOOP("Vocabulary", "Unknown"),
    # Gi* classes in words (workstation.styling.class_label)
    QT_TRANSLATE_NOOP("Vocabulary", "Hot spot, 99 % confidence"),
    QT_TRANSLATE_NOOP("Vocabulary", "Hot spot, 95 % confidence"),
    QT_TRANSLATE_NOOP("Vocabulary", "Hot spot, 90 % confidence"),
    QT_TRANSLATE_NOOP("Vocabulary", "Not significant"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cold spot, 90 % confidence"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cold spot, 95 % confidence"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cold spot, 99 % confidence"),
    # emerging hot-spot patterns in words (workstation.analysis.emerging.PATTERNS)
    QT_TRANSLATE_NOOP("Vocabulary", "New hot spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Consecutive hot spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Intensifying hot spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Persistent hot spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Diminishing hot spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Sporadic hot spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Oscillating hot spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Historical hot spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "New cold spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Consecutive cold spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Intensifying cold spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Persistent cold spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Diminishing cold spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Sporadic cold spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Oscillating cold spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "Historical cold spot"),
    QT_TRANSLATE_NOOP("Vocabulary", "No pattern"),
    # result-table column titles (workstation.formatting.column_title)
    QT_TRANSLATE_NOOP("Vocabulary", "IMD decile (1 = most deprived)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Share of places"),
    QT_TRANSLATE_NOOP("Vocabulary", "Share of patrol time"),
    QT_TRANSLATE_NOOP("Vocabulary", "Share of crime"),
    QT_TRANSLATE_NOOP("Vocabulary", "Share of harm"),
    QT_TRANSLATE_NOOP("Vocabulary", "Patrol time minus harm"),
    QT_TRANSLATE_NOOP("Vocabulary", "p (FDR)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Trend p"),
    QT_TRANSLATE_NOOP("Vocabulary", "Trend z"),
    QT_TRANSLATE_NOOP("Vocabulary", "Gi* z"),
    QT_TRANSLATE_NOOP("Vocabulary", "Harm excess"),
    QT_TRANSLATE_NOOP("Vocabulary", "Harm weight"),
    QT_TRANSLATE_NOOP("Vocabulary", "Knox ratio"),
    QT_TRANSLATE_NOOP("Vocabulary", "Area type"),
    QT_TRANSLATE_NOOP("Vocabulary", "Area code"),
    QT_TRANSLATE_NOOP("Vocabulary", "Area"),
    QT_TRANSLATE_NOOP("Vocabulary", "Class"),
    QT_TRANSLATE_NOOP("Vocabulary", "Pattern"),
    QT_TRANSLATE_NOOP("Vocabulary", "Last year"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cell"),
    QT_TRANSLATE_NOOP("Vocabulary", "Distance"),
    QT_TRANSLATE_NOOP("Vocabulary", "Time"),
    QT_TRANSLATE_NOOP("Vocabulary", "Rank"),
    QT_TRANSLATE_NOOP("Vocabulary", "Message"),
    QT_TRANSLATE_NOOP("Vocabulary", "Observed"),
    QT_TRANSLATE_NOOP("Vocabulary", "Expected"),
    QT_TRANSLATE_NOOP("Vocabulary", "Category"),
    QT_TRANSLATE_NOOP("Vocabulary", "Count"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cells"),
    QT_TRANSLATE_NOOP("Vocabulary", "Events"),
    QT_TRANSLATE_NOOP("Vocabulary", "Visits"),
    QT_TRANSLATE_NOOP("Vocabulary", "Share"),
    QT_TRANSLATE_NOOP("Vocabulary", "Coverage"),
    QT_TRANSLATE_NOOP("Vocabulary", "Hit rate"),
    QT_TRANSLATE_NOOP("Vocabulary", "Treated"),
    QT_TRANSLATE_NOOP("Vocabulary", "Control"),
    QT_TRANSLATE_NOOP("Vocabulary", "Buffer"),
    QT_TRANSLATE_NOOP("Vocabulary", "Name"),
    QT_TRANSLATE_NOOP("Vocabulary", "Z"),
    QT_TRANSLATE_NOOP("Vocabulary", "Lsoa code"),
    QT_TRANSLATE_NOOP("Vocabulary", "Lsoa name"),
    QT_TRANSLATE_NOOP("Vocabulary", "Place"),
    QT_TRANSLATE_NOOP("Vocabulary", "Location"),
    QT_TRANSLATE_NOOP("Vocabulary", "First"),
    QT_TRANSLATE_NOOP("Vocabulary", "Last"),
    QT_TRANSLATE_NOOP("Vocabulary", "Span days"),
    QT_TRANSLATE_NOOP("Vocabulary", "Months"),
    QT_TRANSLATE_NOOP("Vocabulary", "N events"),
    QT_TRANSLATE_NOOP("Vocabulary", "Harm"),
    # time precision of a layer (layers.layer.Layer.time_precision)
    QT_TRANSLATE_NOOP("Layers", "month"),
    QT_TRANSLATE_NOOP("Layers", "day"),
    QT_TRANSLATE_NOOP("Layers", "second"),
    QT_TRANSLATE_NOOP("Vocabulary", "Categories"),
    QT_TRANSLATE_NOOP("Vocabulary", "First day"),
    QT_TRANSLATE_NOOP("Vocabulary", "Last day"),
    QT_TRANSLATE_NOOP("Vocabulary", "Within days"),
    QT_TRANSLATE_NOOP("Vocabulary", "Caller"),
    QT_TRANSLATE_NOOP("Vocabulary", "N calls"),
    QT_TRANSLATE_NOOP("Vocabulary", "Places"),
    QT_TRANSLATE_NOOP("Vocabulary", "Minutes"),
    QT_TRANSLATE_NOOP("Vocabulary", "Start"),
    QT_TRANSLATE_NOOP("Vocabulary", "End"),
    QT_TRANSLATE_NOOP("Vocabulary", "Officer"),
    QT_TRANSLATE_NOOP("Vocabulary", "Shift"),
    QT_TRANSLATE_NOOP("Vocabulary", "Visit"),
    QT_TRANSLATE_NOOP("Vocabulary", "Arrive"),
    QT_TRANSLATE_NOOP("Vocabulary", "Depart"),
    QT_TRANSLATE_NOOP("Vocabulary", "Place id"),
    QT_TRANSLATE_NOOP("Vocabulary", "Stop type"),
    QT_TRANSLATE_NOOP("Vocabulary", "Hours"),
    QT_TRANSLATE_NOOP("Vocabulary", "Dosage minutes"),
    QT_TRANSLATE_NOOP("Vocabulary", "Period"),
    QT_TRANSLATE_NOOP("Vocabulary", "Baseline"),
    QT_TRANSLATE_NOOP("Vocabulary", "Recent"),
    QT_TRANSLATE_NOOP("Vocabulary", "Harm rank"),
    QT_TRANSLATE_NOOP("Vocabulary", "Ratio"),
    QT_TRANSLATE_NOOP("Vocabulary", "Lisa class"),
    QT_TRANSLATE_NOOP("Vocabulary", "Lisa i"),
    QT_TRANSLATE_NOOP("Vocabulary", "N visits"),
    # forecast methods (workstation.notes.METHOD_NAMES)
    QT_TRANSLATE_NOOP("Vocabulary", "self-exciting point process"),
    QT_TRANSLATE_NOOP("Vocabulary", "kernel density"),
    QT_TRANSLATE_NOOP("Vocabulary", "last period's count"),
    QT_TRANSLATE_NOOP("Vocabulary", "prospective hot-spotting"),
    # the timeline's series of the smaller categories (workstation.qt.timeline.OTHER)
    QT_TRANSLATE_NOOP("Vocabulary", "Other"),
    # units of analysis results (provenance "units")
    QT_TRANSLATE_NOOP("Vocabulary", "events per km²"),
    # call grades (THRIVE; resources/lookups/call_grades.json)
    QT_TRANSLATE_NOOP("Vocabulary", "Emergency"),
    QT_TRANSLATE_NOOP("Vocabulary", "Priority"),
    QT_TRANSLATE_NOOP("Vocabulary", "Scheduled"),
    QT_TRANSLATE_NOOP("Vocabulary", "No deployment"),
)

#: Qt's own button texts (Qt ships no qtbase_cy.qm): the standard buttons of message
#: boxes and button boxes are looked up in context QPlatformTheme.
QT_STRINGS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to &All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "N&o to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Don't Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close without Saving"),
    QT_TRANSLATE_NOOP("QMessageBox", "Show Details..."),
    QT_TRANSLATE_NOOP("QMessageBox", "Hide Details..."),
    QT_TRANSLATE_NOOP("QProgressDialog", "Cancel"),
    # Qt's file chooser (non-native; the labels and buttons Qt draws itself)
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "File &name:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Save"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Open"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Choose"),
    QT_TRANSLATE_NOOP("QFileDialog", "Back"),
    QT_TRANSLATE_NOOP("QFileDialog", "Forward"),
    QT_TRANSLATE_NOOP("QFileDialog", "Parent Directory"),
    QT_TRANSLATE_NOOP("QFileDialog", "Create New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "List View"),
    QT_TRANSLATE_NOOP("QFileDialog", "Detail View"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Delete"),
    QT_TRANSLATE_NOOP("QFileDialog", "&New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Rename"),
    QT_TRANSLATE_NOOP("QFileDialog", "Show &hidden files"),
    QT_TRANSLATE_NOOP("QFileDialog", "New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "All Files (*)"),
    QT_TRANSLATE_NOOP("QFileDialog", "Save As"),
    QT_TRANSLATE_NOOP("QFileDialog", "Open"),
    QT_TRANSLATE_NOOP("QFileDialog", "Directory:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Recent Places"),
    QT_TRANSLATE_NOOP("QFileDialog", "Show "),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Name"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Size"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Type"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Date Modified"),
    # pyqtgraph's own menus (the timeline and hour-of-week plots)
    QT_TRANSLATE_NOOP("GraphicsScene", "Export..."),
)


def language_menu(parent):
    """The View > Language submenu: one checkable action per language.

    Choosing one stores it in the preferences; the window changes language when the
    workstation next starts (the menu says so), as ``--language`` does at once.

    Parameters
    ----------
    parent
        The main window (the menu's parent and the message box's).

    Returns
    -------
    QMenu
        The submenu, with ``actions_by_code`` mapping codes to their actions.
    """
    from PySide6.QtGui import QAction, QActionGroup
    from PySide6.QtWidgets import QMenu, QMessageBox

    menu = QMenu(translate("Language", "&Language (after restart)"), parent)
    menu.setToolTipsVisible(True)
    group = QActionGroup(menu)
    stored = language_setting()
    menu.actions_by_code = {}

    def choose(code: str) -> None:
        set_language_setting(code)
        QMessageBox.information(
            parent,
            translate("Language", "Language"),
            translate(
                "Language",
                "The interface will be in {name} when the workstation next starts.",
            ).format(name=LANGUAGES[code]),
        )

    for code, name in available_languages().items():
        act = QAction(name, menu)
        act.setCheckable(True)
        act.setChecked(code == stored)
        act.setToolTip(
            translate("Language", "Use {name} from the next start").format(name=name)
        )
        act.triggered.connect(lambda _c=False, c=code: choose(c))
        group.addAction(act)
        menu.addAction(act)
        menu.actions_by_code[code] = act
    return menu
