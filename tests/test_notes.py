"""Method notes render as formatted text, with the panels' words for parameters."""

from __future__ import annotations

import re

from workstation import notes
from workstation.analysis import forecast, patrol


def _patrol_note() -> str:
    return (patrol.__doc__ or "").split("\n\n", 1)[1]


def test_patrol_note_has_no_markup_left():
    text = notes.render_text(_patrol_note())
    html = notes.render_html(_patrol_note())
    for raw in ("**", "``", "profile_radius_m", "visit_minutes", "networkx"):
        assert raw not in text and raw not in html
    assert "*Where.*" not in text and "*micro-places*" not in text
    assert "within the demand radius of it" in notes.render_text(
        "calls within ``profile_radius_m`` of it"
    )
    assert "<b>Where.</b>" in html and "<i>micro-places</i>" in html
    # the numbered steps become a list of six items
    assert html.count("<li>") == 6 and "<ol>" in html
    assert re.search(r"^6\. Budget\.", text, re.M)


def test_methods_are_named():
    note = (
        "sepp forecast for the month starting 2026-10-01. "
        + forecast.METHOD_NOTES["sepp"]
    )
    text = notes.render_text(note)
    assert text.startswith("Self-exciting point process forecast")
    assert "sepp" not in text


def test_html_is_escaped_and_warnings_come_first():
    html = notes.render_html("a < b & *c*", ["Only 3 events <b>"])
    assert html.startswith("<p><b>Warnings</b></p><ul><li>Only 3 events &lt;b&gt;")
    assert "a &lt; b &amp; <i>c</i>" in html


def test_plain_note_is_unchanged_in_text():
    note = "Quartic kernel, 400 m bandwidth.\n\nDensities in events per km²."
    assert notes.render_text(note) == note
