"""Public briefing outputs, parsed and opened: HTML, PDF (poppler), Chromium, CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from layers.kinds import LayerKind
from layers.store import load_project, save_project
from tests.export._projects import XSS
from tests.export._public_projects import STREETS, WARD, public_project
from workstation.cli import main
from workstation.export import public

CHROMIUM = Path("/usr/bin/chromium")
THRESHOLD = 5
LANGUAGES = ("en", "cy", "pl", "ur", "pa", "bn")


class Cells(HTMLParser):
    """Cells (td) of the counts table as text, and every text node."""

    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self.text: list[str] = []
        self._td = False
        self._skip = 0
        self._counts = False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "counts") in attrs:
            self._counts = True
        if tag == "td" and self._counts:
            self._td = True
            self.cells.append("")
        if tag in ("style", "title", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "table":
            self._counts = False
        if tag == "td":
            self._td = False
        if tag in ("style", "title", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if self._td:
            self.cells[-1] += data
        if not self._skip:
            self.text.append(data)


def _digits(text: str) -> str:
    """Any script's digits as ASCII, group separators removed."""
    out = "".join(
        str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text.strip()
    )
    return re.sub(r"[\s,.\u00a0\u202f\u066c]", "", out)


@pytest.fixture(scope="module")
def project():
    return public_project(1500)


@pytest.fixture(scope="module")
def pages(project, tmp_path_factory):
    out = {}
    d = tmp_path_factory.mktemp("public")
    for lang in LANGUAGES:
        path = d / f"public-{lang}.html"
        public.export_public(
            project, path, area=WARD, language_code=lang, cleared_by="Insp. A. Jones"
        )
        out[lang] = path
    return out


def _incident_coordinates(project) -> list[str]:
    crime = project.layers_of(LayerKind.CRIME)[0].frame
    ll = Transformer.from_crs(27700, 4326, always_xy=True)
    lon, lat = ll.transform(crime.geometry.x.to_numpy(), crime.geometry.y.to_numpy())
    coords = [f"{v:.4f}" for v in np.concatenate([lon, lat])]
    coords += [f"{v:.0f}" for v in crime.geometry.x] + [
        f"{v:.0f}" for v in crime.geometry.y
    ]
    return coords


@pytest.mark.parametrize("lang", ["en", "cy", "ur", "bn"])
def test_html_discloses_no_points_streets_or_small_counts(project, pages, lang):
    text = pages[lang].read_text(encoding="utf-8")
    page = Cells()
    page.feed(text)
    visible = " ".join(page.text)
    for street in STREETS:
        assert street not in text
    # the page without its styles (inlined fonts are base64) and scripts (below)
    body = re.sub(r"<(style|script)\b[^>]*>.*?</\1>", "", text, flags=re.S)
    for c in set(_incident_coordinates(project)):
        assert c not in body
    _check_scripts(text)
    assert XSS not in text and "&lt;script&gt;" in text  # an area name, escaped
    assert not re.search(r"https?://|//[a-z]", body)
    # table cells: hidden, zero or at least the threshold; the totals add up
    assert page.cells
    values = []
    for cell in page.cells:
        if cell.strip() == public.MARK:
            values.append(-1)
            continue
        n = int(_digits(cell))
        assert n == 0 or n >= THRESHOLD, cell
        values.append(n)
    assert public.MARK in page.cells  # 1500 points in 8 x 12 cells: some hidden
    n_cols = 13
    grid = np.array(values).reshape(-1, n_cols)
    content = public.build_public(project, WARD)
    assert (grid == content.table.shown()).all()
    assert "OFFICIAL" in visible and "Insp. A. Jones" in visible


# -- the interactive map's scripts and data ------------------------------------


def _scripts(text: str) -> list[tuple[str, str]]:
    """(attributes, content) of every script element of the page."""
    return re.findall(r"<script\b([^>]*)>(.*?)</script>", text, flags=re.S)


def _check_scripts(text: str) -> None:
    """Scripts are the vendored files, the map's set-up and its JSON data only."""
    from workstation.export import folium_map, html

    vendored = {html._asset(n) for n in folium_map.RUNTIME if n.endswith(".js")}
    kinds = []
    for attrs, content in _scripts(text):
        if 'id="brief-data"' in attrs:
            assert 'type="application/json"' in attrs
            kinds.append("data")
        elif content in vendored:
            kinds.append("vendored")
        else:
            assert not re.search(r"https?:|//[a-z]|fetch|XMLHttp|import", content)
            kinds.append("set-up")
    assert sorted(kinds) == ["data", "set-up", "vendored", "vendored", "vendored"]
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    rules = dict(r.strip().split(" ", 1) for r in csp.group(1).split(";"))
    assert rules["default-src"] == "'none'" and rules["connect-src"] == "'none'"
    assert rules["script-src"] == "'unsafe-inline'"


def _map_data(text: str) -> dict:
    (data,) = [json.loads(c) for a, c in _scripts(text) if 'id="brief-data"' in a]
    return data


def _lonlat_pairs(value) -> list[tuple[float, float]]:
    """Every [lon, lat] pair in nested GeoJSON coordinates."""
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, float | int) for v in value)
    ):
        return [(float(value[0]), float(value[1]))]
    if isinstance(value, list):
        return [p for v in value for p in _lonlat_pairs(v)]
    return []


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_map_data_holds_only_area_outlines_and_their_totals(project, pages, lang):
    data = _map_data(pages[lang].read_text(encoding="utf-8"))
    content = public.build_public(project, WARD)
    n = len(content.shapes)
    ll = Transformer.from_crs(27700, 4326, always_xy=True)
    # every position in the data: a corner of a small area or its number's place
    corners = np.vstack([np.asarray(s.exterior.coords) for s in content.shapes])
    labels = np.array([[p.x, p.y] for p in shapely.point_on_surface(content.shapes)])
    known = np.column_stack(ll.transform(*np.vstack([corners, labels]).T))
    assert [lyr["type"] for lyr in data["layers"]] == ["polygons", "markers"]
    polygons, markers = data["layers"]
    positions = _lonlat_pairs(
        [f["geometry"]["coordinates"] for f in polygons["geojson"]["features"]]
    ) + [(m["lon"], m["lat"]) for m in markers["items"]]
    assert len(markers["items"]) == len(polygons["geojson"]["features"]) == n
    for lon, lat in positions:
        assert np.abs(known - [lon, lat]).max(axis=1).min() < 1.5e-5, (lon, lat)
    # incidents are inside the areas, never at a corner or a label
    crime = project.layers_of(LayerKind.CRIME)[0].frame
    inc = np.column_stack(ll.transform(crime.geometry.x, crime.geometry.y))
    for lon, lat in positions:
        assert np.abs(inc - [lon, lat]).max(axis=1).min() > 1e-5
    # the words: no street, and each popup's total is the table's (hidden or >= 5)
    words = " ".join(_strings(data))
    for street in STREETS:
        assert street not in words
    totals = content.table.shown()[:-1, -1]
    popups = [[f["properties"]["p"] for f in polygons["geojson"]["features"]]]
    popups.append([m["p"] for m in markers["items"]])
    for layer in popups:
        for i, props in enumerate(layer):
            name, total = props.values()
            assert name == content.sub_names[i]
            if totals[i] < 0:
                assert total == public.MARK
            else:
                shown = int(_digits(total))
                assert shown == totals[i] and (shown == 0 or shown >= THRESHOLD)


def test_urdu_is_right_to_left_and_others_are_not(pages):
    assert re.search(r'<html lang="ur" dir="rtl">', pages["ur"].read_text("utf-8"))
    assert re.search(r'<html lang="cy" dir="ltr">', pages["cy"].read_text("utf-8"))


def test_audit_entry_names_who_cleared_it(project, pages):
    entry = [e for e in project.audit if e.parameters.get("public")][-1]
    p = entry.parameters
    assert p["cleared_by"] == "Insp. A. Jones"
    assert p["marking"] == "OFFICIAL"
    assert p["threshold"] == THRESHOLD
    assert p["suppressed_primary"] > 0
    assert "secondary" in p["suppression_rule"]
    assert p["sha256"] == public.sha256_file(pages["bn"])


def test_every_character_has_a_glyph_in_the_inlined_fonts(pages):
    import base64
    import io

    from fontTools.ttLib import TTFont

    for lang, path in pages.items():
        text = path.read_text("utf-8")
        fonts = [
            TTFont(io.BytesIO(base64.b64decode(b)))
            for b in re.findall(r"font/ttf;base64,([A-Za-z0-9+/=]+)\)", text)
        ]
        cmap = set().union(*(f.getBestCmap().keys() for f in fonts))
        page = Cells()
        page.feed(text)
        chars = {ch for ch in "".join(page.text) if not ch.isspace()}
        chars -= {"\u200c", "\u200d"}  # joiners shape, they need no glyph of their own
        missing = {ch for ch in chars if ord(ch) not in cmap}
        assert missing == set(), (lang, missing)


# -- PDF ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(project, tmp_path_factory):
    if not shutil.which("pdftotext") or not CHROMIUM.exists():
        pytest.skip("poppler and Chromium are needed (scripts/system-deps.sh)")
    d = tmp_path_factory.mktemp("public-pdf")
    out = {}
    for lang in ("en", "ur"):
        path = d / f"public-{lang}.pdf"
        public.export_public(
            project, path, area=WARD, language_code=lang, cleared_by="Insp. A. Jones"
        )
        out[lang] = path
    return out


@pytest.mark.chromium
@pytest.mark.parametrize("lang", ["en", "ur"])
def test_pdf_discloses_no_points_streets_or_small_counts(project, pdfs, lang):
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdfs[lang]), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert text.count("OFFICIAL") >= 2
    assert "Insp. A. Jones" in text
    for street in STREETS:
        assert street not in text
    for c in set(_incident_coordinates(project)):
        assert not re.search(rf"(?<![\d.]){re.escape(c)}(?![\d])", text)
    if lang == "en":
        # the table's rows: "N. Area name" then 13 cells; none is 1-4
        rows = re.findall(r"^\s*\d\. (?:Area \d+|<script>alert\(1\)</script>)\s+(.*)$",
                          text, re.M)  # fmt: skip
        assert len(rows) == 8
        for row in rows:
            cells = row.split()
            assert len(cells) == 13
            for cell in cells:
                assert cell == public.MARK or int(cell) == 0 or int(cell) >= THRESHOLD


# -- Chromium ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (scripts/system-deps.sh installs it)")
    playwright = pytest.importorskip("playwright.sync_api")
    pw = playwright.sync_playwright().start()
    b = pw.chromium.launch(
        executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
    )
    yield b
    b.close()
    pw.stop()


@pytest.mark.chromium
@pytest.mark.parametrize("lang", ["ur", "en", "bn"])
def test_opens_offline_on_a_phone_with_only_the_inlined_fonts(browser, pages, lang):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
    )
    try:
        page.goto(pages[lang].resolve().as_uri())
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => document.fonts.size)")
        assert [u for u in requests if not u.startswith("file:")] == []
        direction = page.evaluate("getComputedStyle(document.body).direction")
        assert direction == ("rtl" if lang == "ur" else "ltr")
        # readable on a phone: nothing wider than the screen but the table's scroller
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # which fonts Chromium drew each text element with: ours only, no fallback
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]
        ids = cdp.send(
            "DOM.querySelectorAll",
            {"nodeId": root["nodeId"], "selector": "h1, h2, h3, p, li, th, td, text"},
        )["nodeIds"]
        used = {}
        for node in ids:
            for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
                used[f["familyName"]] = (
                    used.get(f["familyName"], True) and f["isCustomFont"]
                )
        assert used and all(used.values()), used
        if lang == "ur":
            assert any("Nastaliq" in name for name in used), used
    finally:
        page.close()


# -- command line -----------------------------------------------------------------


def test_cli_public_brief_saves_the_audit(tmp_path, capsys):
    path = tmp_path / "p.gpkg"
    save_project(public_project(600), path)
    out = tmp_path / "public.html"
    code = main(
        ["brief", str(path), "--public", "--area", "E05000001", "--language", "pl",
         "--cleared-by", "Insp. A. Jones", "-o", str(out), "--json"]
    )  # fmt: skip
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["public"] is True and summary["language"] == "pl"
    saved = load_project(path).audit[-1].parameters
    assert saved["cleared_by"] == "Insp. A. Jones"
    assert saved["sha256"] == public.sha256_file(out)
    assert 'lang="pl"' in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "--cleared-by"),
        (["--cleared-by", "X", "--marking", "OFFICIAL-SENSITIVE"], "marked OFFICIAL"),
        (["--cleared-by", "X", "--language", "xx"], "unknown language"),
        (["--cleared-by", "X", "--layers", "Community assets"], "crime layers only"),
    ],
)
def test_cli_public_refusals_are_one_line(tmp_path, capsys, extra, message):
    path = tmp_path / "p.gpkg"
    save_project(public_project(200), path)
    code = main(
        ["brief", str(path), "--public", "--area", WARD, "-o", str(tmp_path / "x.html"),
         *extra]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


# -- the interactive map in Chromium ------------------------------------------------


def _open(browser, path, *, width=390, height=844, scripts=True):
    """A page of ``path`` with every non-file request blocked (and listed)."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=scripts
    )
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
    )
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return context, page, requests, errors


def _shown(page, selector: str) -> list[bool]:
    """Whether each element matching ``selector`` is drawn with a size."""
    return page.eval_on_selector_all(
        selector,
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return getComputedStyle(e).display !== 'none' && r.width > 0"
        " && r.height > 0; })",
    )


@pytest.mark.chromium
@pytest.mark.parametrize("lang", ["en", "ur"])
def test_with_scripts_off_the_svg_map_table_and_text_show(browser, pages, lang):
    context, page, requests, _ = _open(browser, pages[lang], scripts=False)
    try:
        assert [u for u in requests if not u.startswith("file:")] == []
        assert _shown(page, "figure.map > svg") == [True]
        assert _shown(page, "#map") == [False]
        assert (
            page.evaluate("document.querySelectorAll('.leaflet-container').length") == 0
        )
        assert all(_shown(page, "table.counts"))
        # every text element of the page is drawn
        shown = _shown(
            page, "main h1, main h2, main h3, main p, main li, main th, main td"
        )
        assert len(shown) > 40 and all(shown)
        assert len(_shown(page, "figure.map > svg path")) == 8  # the ward's areas
    finally:
        context.close()


@pytest.mark.chromium
@pytest.mark.parametrize("lang", LANGUAGES)
def test_leaflet_map_draws_offline_on_a_phone(browser, pages, lang):
    context, page, requests, errors = _open(browser, pages[lang])
    try:
        page.wait_for_selector("body[data-ready='1']", timeout=10000)
        assert [u for u in requests if not u.startswith("file:")] == []
        assert errors == []
        html_dir = page.evaluate("document.documentElement.dir")
        assert html_dir == ("rtl" if lang == "ur" else "ltr")
        # the map is drawn (the canvas of the areas and one number per area) ...
        assert _shown(page, "#map.leaflet-container") == [True]
        assert all(_shown(page, "#map canvas")) and _shown(page, "#map canvas")
        assert len(_shown(page, "#map .wk-marker")) == 8
        painted = page.evaluate(
            "(() => { const c = document.querySelector('#map canvas');"
            " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;"
            " return n / (c.width * c.height); })()"
        )
        assert painted > 0.2  # the areas fill a good part of the map
        # ... in place of the SVG map, whose caption, table and text stay
        assert _shown(page, "figure.map > svg") == [False]
        assert all(_shown(page, "figure.map figcaption, table.counts"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # the zoom buttons' titles (tooltips, read aloud) in the page's language
        from workstation.export.i18n import Text

        t = Text(lang)
        for sel, msg in ((".leaflet-control-zoom-in", "Zoom in"),
                         (".leaflet-control-zoom-out", "Zoom out")):  # fmt: skip
            title = page.get_attribute(sel, "title")
            assert title == t(msg) and (lang == "en" or title != msg)
        # the numbers on the map: drawn with the page's own fonts only
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]
        ids = cdp.send(
            "DOM.querySelectorAll",
            {"nodeId": root["nodeId"], "selector": "#map .wk-marker, #map a, #map div"},
        )["nodeIds"]
        used = {}
        for node in ids:
            for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
                used[f["familyName"]] = (
                    used.get(f["familyName"], True) and f["isCustomFont"]
                )
        assert used and all(used.values()), used
    finally:
        context.close()


@pytest.mark.chromium
def test_printed_page_has_the_svg_map_not_the_leaflet_one(browser, pages):
    context, page, _, _ = _open(browser, pages["en"])
    try:
        page.wait_for_selector("body[data-ready='1']", timeout=10000)
        page.emulate_media(media="print")
        assert _shown(page, "figure.map > svg") == [True]
        assert _shown(page, "#map") == [False]
    finally:
        context.close()
