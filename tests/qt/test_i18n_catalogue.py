"""The Welsh catalogue is complete, compiled, and the language setting works.

A string someone adds to ``workstation/qt`` later makes
``test_every_source_string_is_translated`` fail until it is translated in
``resources/i18n/qt/workstation_cy.ts`` (``bash scripts/i18n-update.sh`` finds it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from tests.qt.shell_data import isolated_settings  # noqa: F401
from workstation.qt import i18n

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TS = i18n.CATALOGUES / "workstation_cy.ts"
QM = i18n.CATALOGUES / "workstation_cy.qm"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of a .ts file."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            out.append((name, m.findtext("source") or "", m.find("translation")))
    return out


def lupdate(ts: Path) -> None:
    """Run lupdate over workstation/qt into ``ts`` (as scripts/i18n-update.sh does)."""
    sources = sorted(str(p) for p in (ROOT / "workstation" / "qt").rglob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *("-no-obsolete", "-locations", "none", "-target-language", "cy"),
            *sources,
            *("-ts", str(ts)),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> Path:
    """The committed catalogue brought up to date with today's source strings."""
    if not (BIN / "pyside6-lupdate").exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    ts = tmp_path_factory.mktemp("ts") / "workstation_cy.ts"
    shutil.copy(TS, ts)
    lupdate(ts)
    return ts


def test_every_source_string_is_translated(fresh_ts):
    unfinished = [
        f"{ctx}: {src!r}"
        for ctx, src, tr in messages(fresh_ts)
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not tr.text
    ]
    assert messages(fresh_ts), "lupdate found no strings"
    assert not unfinished, (
        f"{len(unfinished)} window strings have no Welsh translation; run "
        "bash scripts/i18n-update.sh and translate them in "
        "resources/i18n/qt/workstation_cy.ts:\n  " + "\n  ".join(unfinished[:50])
    )


def test_committed_catalogue_has_no_stale_entries(fresh_ts):
    """The committed .ts holds exactly today's strings (re-run the script if not)."""
    now = {(c, s) for c, s, _ in messages(fresh_ts)}
    committed = {(c, s) for c, s, _ in messages(TS)}
    assert committed == now


def test_translations_keep_placeholders_and_are_flagged_as_drafts():
    bad = []
    for ctx, src, tr in messages(TS):
        if sorted(PLACEHOLDER.findall(src)) != sorted(
            PLACEHOLDER.findall(tr.text or "")
        ):
            bad.append(f"{ctx}: {src!r} -> {tr.text!r}")
    assert not bad, "\n".join(bad)
    comments = [
        m.findtext("translatorcomment") or "" for m in ET.parse(TS).iter("message")
    ]
    assert all("non-speaker" in c and "fluent" in c for c in comments)


def test_compiled_catalogue_matches_the_source(tmp_path):
    """The committed .qm is lrelease's output of the committed .ts."""
    if not (BIN / "pyside6-lrelease").exists():
        pytest.skip("pyside6-lrelease is not installed beside this Python")
    out = tmp_path / "cy.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == QM.read_bytes()


@pytest.fixture
def english_after():
    yield
    i18n.install_language("en")


@pytest.mark.usefixtures("english_after", "isolated_settings")
def test_language_setting_is_stored_and_installed(qtbot):
    assert i18n.language_setting() == "en"  # nothing stored: English
    assert i18n.set_language_setting("CY") == "cy"
    assert i18n.language_setting() == "cy"
    assert i18n.install_language(i18n.language_setting()) == "cy"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Ffeil"
    assert i18n.vocab("Burglary") == "Byrgleriaeth"
    assert i18n.vocab("Somewhere Road") == "Somewhere Road"  # data passes through
    i18n.install_language("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    with pytest.raises(ValueError, match="unknown interface language 'xx'"):
        i18n.set_language_setting("xx")


@pytest.mark.usefixtures("english_after", "isolated_settings")
def test_message_box_buttons_are_welsh(qtbot):
    """Qt ships no qtbase_cy.qm: the standard buttons come from our catalogue."""
    i18n.install_language("cy")
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    texts = {b.text() for b in box.buttons()}
    assert texts == {"Cadw", "Gwaredu", "Canslo"}


@pytest.mark.usefixtures("english_after", "isolated_settings")
def test_file_chooser_is_welsh(qtbot):
    """Qt's own file chooser (drawn by Qt, not the desktop) in Welsh too."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    i18n.install_language("cy")
    d = QFileDialog(None, "", "", "CSV (*.csv)")
    d.setOption(QFileDialog.Option.DontUseNativeDialog)
    d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(d)
    labels = {w.text() for w in d.findChildren(QLabel)}
    assert {"&Edrych yn:", "&Enw’r ffeil:", "Ffeiliau o’r &math:"} <= labels
    buttons = {b.text() for b in d.findChildren(QAbstractButton) if b.text()}
    assert {"&Cadw", "Canslo"} <= buttons


@pytest.mark.usefixtures("english_after", "isolated_settings")
def test_language_menu_stores_the_choice(qtbot, monkeypatch):
    from workstation.qt.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    w = MainWindow()
    qtbot.addWidget(w)
    acts = w.language_menu.actions_by_code
    assert set(acts) == {"en", "cy"} and acts["en"].isChecked()
    acts["cy"].trigger()
    assert i18n.language_setting() == "cy"
    assert "Cymraeg" in shown[0] and "next starts" in shown[0]
    w.jobs.shutdown()


@pytest.mark.usefixtures("english_after")
def test_dates_in_the_interface_language(qtbot):
    import pandas as pd

    day = pd.Timestamp("2025-09-30 23:00", tz="Europe/London")
    assert i18n.date_text(day) == f"{day:%d %b %Y}" == "30 Sep 2025"
    assert i18n.localise_date_words("Feb") == "Feb"
    i18n.install_language("cy")
    assert i18n.date_text(day) == "30 Medi 2025"
    assert i18n.date_text(day, "MMMM yyyy") == "Medi 2025"
    assert i18n.localise_date_words("Feb") == "Chwef"  # the timeline's axis
    assert i18n.localise_date_words("Mon 03") == "Llun 03"


def test_command_line_refuses_an_unknown_language(capsys):
    from workstation.cli import main

    assert main(["--language", "xx"]) == 2
    err = capsys.readouterr().err
    assert "unknown interface language 'xx'" in err and "cy (Cymraeg)" in err


def test_todo_script_lists_and_fills_unfinished_strings(tmp_path, capsys):
    import runpy

    todo = runpy.run_path(str(ROOT / "scripts" / "i18n-todo.py"))
    ts = tmp_path / "workstation_cy.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="cy"><context><name>Jobs</name>'
        "<message><source>{n} new\tcalls</source>"
        '<translation type="unfinished"></translation></message>'
        "</context></TS>\n",
        encoding="utf-8",
    )
    assert todo["todo"](ts) == 1
    row = capsys.readouterr().out
    assert row == "Jobs\t{n} new\\tcalls\t\n"
    tsv = tmp_path / "todo.tsv"
    tsv.write_text(row.rstrip("\n") + "{n} galwad\\tnewydd\n", encoding="utf-8")
    assert todo["apply"](ts, tsv) == 1
    [(_, src, tr)] = messages(ts)
    assert (src, tr.text, tr.get("type")) == (
        "{n} new\tcalls",
        "{n} galwad\tnewydd",
        None,
    )
    assert "fluent" in ET.parse(ts).find(".//translatorcomment").text
    assert todo["todo"](ts) == 0
    tsv.write_text("Jobs\t{n} new\\tcalls\tgalwadau newydd\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="placeholders"):
        todo["apply"](ts, tsv)
