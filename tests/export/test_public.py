"""Public briefing without a browser: disclosure control, catalogues, contrast, content."""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime

import numpy as np
import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layers.kinds import LayerKind
from layers.validation import DataError
from tests.export._public_projects import WARD, public_project
from workstation.export import disclosure, i18n, public

LANGS = ["en", "cy", "pl", "ur", "pa", "bn"]


# -- an intruder ------------------------------------------------------------------


def subtract(shown: np.ndarray) -> dict[tuple[int, int], int]:
    """Recover hidden entries by repeated subtraction along rows and columns."""
    t = shown.astype(float).copy()
    t[t < 0] = np.nan
    found: dict[tuple[int, int], int] = {}
    changed = True
    while changed:
        changed = False
        lines = [("r", r) for r in range(t.shape[0])] + [
            ("c", c) for c in range(t.shape[1])
        ]
        for kind, k in lines:
            line = t[k, :] if kind == "r" else t[:, k]
            gaps = np.flatnonzero(np.isnan(line))
            if len(gaps) != 1:
                continue
            g = gaps[0]
            rest = np.nansum(line[:-1])
            value = line[-1] - rest if g != len(line) - 1 else rest
            if kind == "r":
                t[k, g] = value
                found[(k, g)] = int(value)
            else:
                t[g, k] = value
                found[(g, k)] = int(value)
            changed = True
    return found


def determined(shown: np.ndarray) -> list[tuple[int, int]]:
    """Hidden entries fixed by the totals through any linear combination (rank test)."""
    hidden = np.argwhere(shown < 0)
    n_r, n_c = shown.shape
    # equations over the hidden entries only
    index = {tuple(h): i for i, h in enumerate(hidden)}
    eqs = []
    for r in range(n_r):
        e = np.zeros(len(hidden))
        for c in range(n_c):
            if (r, c) in index:
                e[index[(r, c)]] = 1 if c < n_c - 1 else -1
        eqs.append(e)
    for c in range(n_c):
        e = np.zeros(len(hidden))
        for r in range(n_r):
            if (r, c) in index:
                e[index[(r, c)]] = 1 if r < n_r - 1 else -1
        eqs.append(e)
    a = np.array(eqs)
    rank = np.linalg.matrix_rank(a)
    out = []
    for (r, c), i in index.items():
        unit = np.zeros(len(hidden))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            out.append((r, c))
    return out


def test_the_intruder_recovers_primary_suppression_alone():
    """Without secondary suppression a small count comes back by subtraction."""
    counts = np.array([[3, 10, 12], [9, 11, 14], [8, 7, 20]])
    values = disclosure.with_margins(counts)
    shown = np.where((values > 0) & (values < 5), -1, values)
    assert subtract(shown) == {(0, 0): 3}
    assert determined(shown) == [(0, 0)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 6),
    st.integers(1, 7),
    st.floats(0.5, 15),
    st.integers(0, 2**31 - 1),
)
def test_no_hidden_count_can_be_worked_out(n_rows, n_cols, mean, seed):
    counts = np.random.default_rng(seed).poisson(mean, (n_rows, n_cols))
    table = disclosure.suppress(counts, threshold=5)
    shown = table.shown()
    # every small count is hidden, nothing shown is below the threshold but zero
    assert ((table.values > 0) & (table.values < 5) <= table.hidden).all()
    assert not ((shown > 0) & (shown < 5)).any()
    # subtraction and linear algebra recover nothing
    assert subtract(shown) == {}
    assert determined(shown) == []
    # nor do bounds: every hidden entry has at least two possible values
    ranges = disclosure.feasible_ranges(shown)
    assert all(hi - lo >= 1 for lo, hi in ranges.values())


def test_large_counts_hide_nothing():
    counts = np.random.default_rng(2).poisson(60, (6, 12))
    table = disclosure.suppress(counts)
    assert not table.hidden.any()
    assert (table.shown() == disclosure.with_margins(counts)).all()


# -- catalogues -------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("code", [c for c in LANGS if c != "en"])
def test_every_catalogue_translates_every_message(code):
    with (i18n.I18N / "public.pot").open("rb") as fh:
        pot = {m.id for m in read_po(fh) if m.id}
    with i18n.catalogue_path(code).open("rb") as fh:
        po = read_po(fh, locale=i18n.LANGUAGES[code].locale)
    ids = {m.id for m in po if m.id}
    assert pot - ids == set(), "missing message ids"
    assert ids - pot == set(), "obsolete message ids"
    for m in po:
        if not m.id:
            continue
        assert m.string.strip(), m.id
        assert not m.fuzzy, m.id
        assert _fields(m.string) == _fields(m.id), m.id
    info = i18n.catalogue_info(code)
    assert info.translator_note
    assert info.draft  # our translations are drafts until a fluent speaker checks


def test_every_string_the_page_asks_for_is_in_the_template(monkeypatch):
    asked: set[str] = set()
    real = i18n.Text.__call__

    def record(self, msgid, **kw):
        asked.add(msgid)
        return real(self, msgid, **kw)

    monkeypatch.setattr(i18n.Text, "__call__", record)
    project = public_project(400, rise=True)
    content = public.build_public(project, WARD)
    content.assets["chapel"] = ["Hope Chapel"]  # a kind without its own text
    public.render_html(content, "cy", "A. Person", datetime.now(UTC))
    with (i18n.I18N / "public.pot").open("rb") as fh:
        pot = {m.id for m in read_po(fh) if m.id}
    assert asked - pot == set()


def test_draft_flag_printed_until_reviewed(tmp_path, monkeypatch):
    project = public_project(400)
    content = public.build_public(project, WARD)
    page = public.render_html(content, "cy", "A. Person", datetime.now(UTC))
    assert i18n.DRAFT_FLAG in page
    assert "Cyfieithiad drafft" in page
    assert i18n.DRAFT_FLAG not in public.render_html(
        content, "en", "A. Person", datetime.now(UTC)
    ).replace('class="draft"', "")
    # a reviewed copy of the catalogue: no flag
    src = i18n.catalogue_path("cy").read_text(encoding="utf-8")
    dst = tmp_path / "cy" / "LC_MESSAGES" / "public.po"
    dst.parent.mkdir(parents=True)
    dst.write_text(
        re.sub(r"# Review status: .*", "# Review status: reviewed by B. Siaradwr", src),
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "I18N", tmp_path)
    i18n.translations.cache_clear()
    try:
        page = public.render_html(content, "cy", "A. Person", datetime.now(UTC))
    finally:
        i18n.translations.cache_clear()
    assert i18n.DRAFT_FLAG not in page
    assert "Cyfieithiad drafft" not in page


def test_numbers_and_months_in_the_locale_form():
    when = datetime(2024, 9, 1)
    assert i18n.Text("cy").month(when) == "Medi 2024"
    assert i18n.Text("pl").month(when, short=True, year=False) != "Sep"
    assert i18n.Text("bn").number(1234) == "১,২৩৪"
    assert i18n.Text("en").number(1234) == "1,234"
    assert i18n.Text("pl").number(1234) != "1,234"
    with pytest.raises(ValueError, match="unknown language"):
        i18n.language("xx")


# -- contrast ---------------------------------------------------------------------


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def _ratio(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_palette_meets_wcag_aa():
    p = public.PALETTE
    pairs = [
        (p["text"], p["background"]),
        (p["muted"], p["background"]),
        (p["marking_text"], p["marking_bg"]),
        (p["draft_text"], p["draft_bg"]),
        (p["text"], p["head_bg"]),
        (p["text"], p["hidden_bg"]),
        *zip(public.RAMP_TEXT, public.RAMP, strict=True),
    ]
    for fg, bg in pairs:
        assert _ratio(fg, bg) >= 4.5, (fg, bg)
        assert abs(public.contrast_ratio(fg, bg) - _ratio(fg, bg)) < 1e-9
    # bars against the page: non-text contrast of at least 3:1
    assert _ratio(p["bar"], p["background"]) >= 3
    assert _ratio("#000000", "#ffffff") == pytest.approx(21)


# -- content and refusals ---------------------------------------------------------


def test_counts_match_the_points_and_small_ones_are_hidden():
    project = public_project(1500)
    content = public.build_public(project, WARD)
    crime = project.layers_of(LayerKind.CRIME)[0]
    assert len(content.sub_names) == 8  # the ward's LSOA squares
    inside = crime.frame.within(
        project.layers_of(LayerKind.BOUNDARY)[-1].frame.geometry[0]
    )
    assert content.table.values[-1, -1] == int(inside.sum())
    assert content.table.primary.any()  # ~8 a cell: some small counts
    assert content.table.secondary.any()
    assert public.check_public(content) is None


def test_planted_rise_is_reported_with_its_numbers():
    content = public.build_public(public_project(400, rise=True), WARD)
    ups = [c for c in content.changes if c.up and c.category == "Burglary"]
    assert ups, content.changes
    assert all(c.observed >= 5 for c in content.changes)
    # no signal: uniform points, nothing significant
    assert public.build_public(public_project(400), WARD).changes == []


def test_refuses_point_layers_and_small_counts():
    project = public_project(400)
    content = public.build_public(project, WARD)
    content.layers.append(project.layers_of(LayerKind.CRIME)[0])
    with pytest.raises(DataError, match="point-level"):
        public.check_public(content)
    content = public.build_public(project, WARD)
    t = content.table
    content.table = disclosure.SuppressedTable(
        t.values, np.zeros_like(t.hidden), t.primary, t.threshold
    )
    with pytest.raises(DataError, match="below 5"):
        public.check_public(content)


def test_unknown_area_is_a_clear_error():
    with pytest.raises(DataError, match="no boundary has this area"):
        public.build_public(public_project(400), "Nowhere")
