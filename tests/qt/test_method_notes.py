"""Method notes in the window are formatted text, not raw markup."""

from __future__ import annotations

from workstation.analysis import patrol
from workstation.qt.panels.analysis._base import note_browser
from workstation.qt.panels.analysis._point_inputs import method_html


def test_method_tab_shows_formatted_text(qtbot):
    note = (patrol.__doc__ or "").split("\n\n", 1)[1]
    note += "\n\nDemand is counted within ``profile_radius_m`` of each place."
    browser = note_browser()
    qtbot.addWidget(browser)
    browser.setHtml(method_html(note, ["Few calls near place 3"]))
    shown = browser.toPlainText()
    for raw in ("**", "``", "*Where.*", "profile_radius_m", "networkx's"):
        assert raw not in shown
    assert "Where." in shown and "the demand radius" in shown
    assert shown.startswith("Warnings")
    # bold survives as formatting, not as characters
    assert "<b>Where.</b>" in method_html(note, [])
