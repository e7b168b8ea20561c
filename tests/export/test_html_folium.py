"""The HTML briefing as a folium map: packed points, the notebook function, and a
page whose popups still name the right record after the points are reordered."""

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer

from layers.crs import BNG, to_lonlat
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project, ProjectMetadata
from tests.export._projects import X0, Y0, make_project
from workstation.export import folium_map
from workstation.export import html as html_export

CHROMIUM = Path("/usr/bin/chromium")
URL_RE = re.compile(r"https?://|(?<![:\w])//[a-z0-9-]+(\.[a-z0-9-]+)+", re.IGNORECASE)
JINJA = "{{ 6 * 7 }}x{% if true %}RAN{% endif %}"  # run: "42xRAN"


def _payload(text: str) -> dict:
    part = text.split('<script id="brief-data" type="application/json">')[1]
    return json.loads(part.split("</script>")[0])


@pytest.mark.parametrize(
    "values",
    [
        np.zeros(0, dtype=np.int64),
        np.zeros(1000, dtype=np.int64),  # no signal: all equal
        np.arange(-5, 5),
        np.random.default_rng(1).integers(-(2**31), 2**31, 5000),
        np.cumsum(np.random.default_rng(2).integers(-3, 4, 20000)) + 6_000_000,
    ],
)
def test_pack_ints_round_trip(values):
    text = folium_map.pack_ints(values)
    assert re.fullmatch(r"[A-Za-z0-9+/=]*", text)
    assert (folium_map.unpack_ints(text, len(values)) == values).all()


def test_packed_points_keep_positions_to_a_metre_and_every_record():
    project = make_project(3000, full=False)
    crime = project.layers_of(LayerKind.CRIME)[0]
    data = html_export.briefing_data(html_export.bf.make_briefing(project))
    pts = next(ly for ly in data["layers"] if ly["type"] == "points")
    page = folium_map.compact_points(pts)
    n = pts["n"]
    assert "lat" not in page and sum(page["counts"]) == n == len(crime)
    x = folium_map.unpack_ints(page["x"], n)
    y = folium_map.unpack_ints(page["y"], n)
    # back to BNG with pyproj: each packed point within 1 m of a record of its
    # category, and the multiset of categories is that of the layer
    bx, by = Transformer.from_crs("EPSG:3857", BNG, always_xy=True).transform(x, y)
    cats = np.repeat(np.arange(len(page["cats"])), page["counts"])
    names = np.array(page["cats"])[cats]
    xy = crime.xy
    for i in range(0, n, 7):
        d = np.hypot(xy[:, 0] - bx[i], xy[:, 1] - by[i])
        j = int(d.argmin())
        assert d[j] < 1.0
        assert crime.frame.category.iloc[j] == names[i]
    assert sorted(names) == sorted(crime.frame.category)
    # popup fields and months follow the same order
    loc = page["fields"][0]
    codes = folium_map.unpack_ints(loc["cb"], n)
    months = folium_map.unpack_ints(page["tb"], n)
    for i in range(0, n, 11):
        j = int(np.hypot(xy[:, 0] - bx[i], xy[:, 1] - by[i]).argmin())
        assert loc["values"][codes[i]] == crime.frame.location.iloc[j]
        when = crime.frame.occurred_at.iloc[j]
        assert page["t0"] + months[i] == when.year * 12 + when.month - 1


def test_packed_points_are_much_smaller_than_the_lists():
    """Clustered points with repeated places (as police.uk's snap points)."""
    rng = np.random.default_rng(4)
    n = 30_000
    snap = rng.uniform([X0, Y0], [X0 + 8000, Y0 + 8000], size=(1500, 2)).round()
    xy = snap[rng.integers(0, len(snap), n)]
    months = pd.date_range("2024-01-01", periods=12, freq="MS", tz="Europe/London")
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": months[rng.integers(0, 12, n)],
            "category": np.array(["A", "B", "C"])[rng.integers(0, 3, n)],
            "location": [f"On or near Street {int(v)}" for v in xy[:, 0] % 997],
        },
        geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
        crs=BNG,
    )
    project = Project(ProjectMetadata(title="Size", marking="OFFICIAL"))
    project.add_layer(Layer("Crime", LayerKind.CRIME, frame, time_precision="month"))
    data = html_export.briefing_data(html_export.bf.make_briefing(project))
    pts = next(ly for ly in data["layers"] if ly["type"] == "points")
    as_lists = len(json.dumps(pts, separators=(",", ":")))
    packed = len(json.dumps(folium_map.compact_points(pts), separators=(",", ":")))
    assert packed < as_lists / 2.5, (packed, as_lists)


def _hostile_project() -> Project:
    project = make_project(200)
    crime = project.layers_of(LayerKind.CRIME)[0]
    crime.frame.loc[crime.frame.index[:20], "location"] = JINJA
    asset = project.layers_of(LayerKind.ASSET)[0]
    asset.frame.loc[asset.frame.index[0], "name"] = JINJA
    project.metadata.title = "Title " + JINJA
    return project


def test_template_text_in_values_is_never_run(tmp_path):
    """folium parses an Element's text as Jinja; data must not go through it."""
    page = html_export.export_html(
        _hostile_project(), tmp_path / "j.html", audit=False
    ).read_text(encoding="utf-8")
    assert "42x" not in page and "xRAN" not in page
    data = _payload(page)
    texts = json.dumps(data, ensure_ascii=False)
    assert JINJA in texts  # the location dictionary and the asset name, as text
    assert "Title {{ 6 * 7 }}x" in page  # the title, escaped HTML text


def test_briefing_map_is_a_folium_map_an_analyst_can_add_to(tmp_path):
    project = make_project(300)
    m = folium_map.briefing_map(project, descriptor="operational")
    assert isinstance(m, folium.Map)
    folium.Marker([53.77, -2.69], tooltip="My note").add_to(m)
    folium.PolyLine([[53.77, -2.69], [53.78, -2.70]], color="red").add_to(m)
    out = tmp_path / "nb.html"
    m.save(str(out))
    text = out.read_text(encoding="utf-8")
    assert URL_RE.search(text) is None
    assert "default-src 'none'" in text and "OFFICIAL-SENSITIVE - OPERATIONAL" in text
    assert "L.marker(" in text and "L.polyline(" in text and "My note" in text
    for cdn in ("jquery", "bootstrap", "awesome-markers", "font-awesome", "cdn."):
        assert cdn not in text.lower(), cdn
    # the same page as the exporter writes, bar the analyst's own layers
    ref = html_export.render_html(
        html_export.briefing_data(
            html_export.bf.make_briefing(project, descriptor="operational")
        )
    )
    assert _payload(ref)["layers"] == _payload(text)["layers"]
    # rendering twice registers the layers once
    assert len(_payload(m.get_root().render())["layers"]) == len(
        _payload(ref)["layers"]
    )
    # shown in a notebook: an iframe with the page
    assert "<iframe" in m._repr_html_()


# -- headless Chromium ----------------------------------------------------------------


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


def _open(browser, path: Path, width: int = 1280, height: int = 800):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors, blocked = [], []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "about:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    return page, errors, blocked


def _settle(page) -> None:
    """Stop any pan or zoom animation and let two frames draw, so the map stands still."""
    page.evaluate(
        "() => new Promise(r => { briefingMap.stop();"
        " requestAnimationFrame(() => requestAnimationFrame(r)); })"
    )


def _spread_project(n: int = 80) -> Project:
    """Points each with its own place name, category and month."""
    rng = np.random.default_rng(9)
    x = X0 + rng.uniform(200, 3800, n)
    y = Y0 + rng.uniform(200, 3800, n)
    months = pd.date_range("2024-01-01", periods=12, freq="MS", tz="Europe/London")
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": months[rng.integers(0, 12, n)],
            "category": np.array(["Burglary", "Robbery", "Drugs"])[
                rng.integers(0, 3, n)
            ],
            "location": [f"On or near Place {i}" for i in range(n)],
        },
        geometry=gpd.points_from_xy(x, y),
        crs=BNG,
    )
    project = Project(ProjectMetadata(title="Popups", marking="OFFICIAL"))
    project.add_layer(Layer("Crime", LayerKind.CRIME, frame, time_precision="month"))
    return project


@pytest.mark.chromium
def test_js_decoder_matches_python_and_popups_name_the_clicked_record(
    browser, tmp_path
):
    project = _spread_project()
    path = html_export.export_html(project, tmp_path / "p.html", audit=False)
    page, errors, blocked = _open(browser, path)
    try:
        assert errors == [] and blocked == []
        values = np.random.default_rng(3).integers(-(2**31), 2**31, 3000)
        decoded = page.evaluate(
            "([s, n]) => Array.from(WK.ints(s, n))",
            [folium_map.pack_ints(values), len(values)],
        )
        assert decoded == values.tolist()
        crime = project.layers[0]
        lon, lat = to_lonlat(crime.xy[:, 0], crime.xy[:, 1])
        d = np.hypot(*(crime.xy[:, None, :] - crime.xy[None, :, :]).transpose(2, 0, 1))
        np.fill_diagonal(d, np.inf)
        box = page.locator("#map").bounding_box()
        clicked = 0
        for i in np.argsort(-d.min(axis=1))[:12]:  # the most isolated points
            _settle(page)  # a popup's auto-pan must not move the point under the click
            p = page.evaluate(
                "([la, lo]) => { var q = briefingMap.latLngToContainerPoint([la, lo]);"
                " return [q.x, q.y]; }",
                [float(lat[i]), float(lon[i])],
            )
            x, y = box["x"] + p[0], box["y"] + p[1]
            free = page.evaluate(
                "([x, y]) => { var e = document.elementFromPoint(x, y);"
                " return !!e && !!e.closest('.leaflet-container') &&"
                " !e.closest('.leaflet-control'); }",
                [x, y],
            )
            if not free:  # under the legend or the layer list
                continue
            clicked += 1
            page.mouse.click(x, y)
            popup = page.locator(".leaflet-popup-content")
            popup.wait_for(timeout=5000)
            text = popup.inner_text()
            row = crime.frame.iloc[i]
            assert row.location in text, (i, text)
            assert row.category in text
            assert row.occurred_at.strftime("%b %Y") in text
            page.evaluate("() => briefingMap.closePopup()")
            popup.wait_for(state="detached", timeout=5000)
        assert clicked >= 4 and errors == []
    finally:
        page.close()


@pytest.mark.chromium
def test_template_text_shows_as_text_in_chromium(browser, tmp_path):
    path = html_export.export_html(_hostile_project(), tmp_path / "j.html", audit=False)
    page, errors, blocked = _open(browser, path)
    try:
        assert errors == [] and blocked == []
        marker = page.locator(".leaflet-marker-icon")
        titles = [marker.nth(k).get_attribute("title") for k in range(marker.count())]
        assert JINJA in titles
        assert JINJA in page.locator("h1").inner_text()
        assert "xRAN" not in page.locator("body").inner_text()
    finally:
        page.close()


# -- the public map --------------------------------------------------------------------


@pytest.fixture(scope="module")
def public_page(tmp_path_factory):
    from tests.export._public_projects import WARD, public_project

    project = public_project(1500)
    m = folium_map.public_map(project, WARD, language_code="ur")
    path = tmp_path_factory.mktemp("public-map") / "ur.html"
    m.save(str(path))
    return project, path, path.read_text(encoding="utf-8")


def test_public_map_shows_only_the_suppressed_totals(public_page):
    from tests.export._public_projects import STREETS, WARD
    from workstation.export import public

    project, _, text = public_page
    assert re.search(r'<html lang="ur" dir="rtl">', text)
    assert URL_RE.search(text) is None and "default-src 'none'" in text
    for street in STREETS:
        assert street not in text
    data = _payload(text)
    assert [ly["type"] for ly in data["layers"]] == ["polygons", "markers"]
    content = public.build_public(project, WARD)
    shown = content.table.shown()[:-1, -1]
    assert (shown < 0).any() or (shown >= content.threshold).all()
    t = public.Text("ur")
    popups = [f["properties"]["p"] for f in data["layers"][0]["geojson"]["features"]]
    assert len(popups) == len(content.sub_names)
    for props, total in zip(popups, shown, strict=True):
        (name, value) = props.values()
        assert name in content.sub_names
        assert value == (public.MARK if total < 0 else t.number(int(total)))
    markers = data["layers"][1]["items"]
    assert [it["p"] for it in markers] == popups
    assert [it["label"] for it in markers] == [
        t.number(i + 1) for i in range(len(popups))
    ]


@pytest.mark.chromium
def test_public_map_opens_offline_on_a_phone(browser, public_page):
    _, path, _ = public_page
    page, errors, blocked = _open(browser, path, 390, 844)
    try:
        assert errors == [] and blocked == []
        n = len(_payload(path.read_text(encoding="utf-8"))["layers"][1]["items"])
        assert page.locator(".leaflet-marker-icon").count() == n
        assert page.locator(".marking.top").inner_text() == "OFFICIAL"
        page.screenshot(path=str(path.with_suffix(".png")))
    finally:
        page.close()


def test_runtime_holds_no_url_and_no_folium_cdn_asset_is_inlined(tmp_path):
    js = (html_export.WEB / "briefing.js").read_text(encoding="utf-8")
    assert URL_RE.search(js) is None
    page = html_export.export_html(
        make_project(50), tmp_path / "a.html", audit=False
    ).read_text(encoding="utf-8")
    assert page.count(js) == 1  # the runtime once, however many layers use it
    assert "jQuery" not in page and "bootstrap" not in page.lower()


@pytest.mark.chromium
def test_an_analysts_folium_marker_draws_offline(browser, tmp_path):
    m = folium_map.briefing_map(make_project(100))
    folium.Marker([53.78, -2.68], tooltip="Meeting point").add_to(m)
    path = tmp_path / "annotated.html"
    m.save(str(path))
    page, errors, blocked = _open(browser, path)
    try:
        page.wait_for_timeout(300)
        icon = page.locator("img.leaflet-marker-icon")
        assert icon.count() == 1
        assert icon.evaluate("(el) => el.complete && el.naturalWidth") > 0
        assert icon.get_attribute("src").startswith("data:image/png;base64,")
        assert errors == [] and blocked == []
    finally:
        page.close()
