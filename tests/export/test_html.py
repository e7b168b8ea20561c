"""Offline HTML briefing: no external URL, escaped values, marking, and it draws
in headless Chromium with the network blocked."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest

from layers.kinds import LayerKind
from layers.validation import DataError
from tests.export._projects import XSS, hotspot_layer, make_project
from workstation.export import html as html_export

CHROMIUM = Path("/usr/bin/chromium")
URL_RE = re.compile(r"https?://|(?<![:\w])//[a-z0-9-]+(\.[a-z0-9-]+)+", re.IGNORECASE)


def _urls(text: str) -> list[str]:
    return [m.group(0) for m in URL_RE.finditer(text)]


def test_vendored_assets_hold_no_url_and_licences_are_kept():
    web = html_export.WEB
    for name in (
        "leaflet.js",
        "leaflet.css",
        "leaflet-heat.js",
        "leaflet.markercluster.js",
        "MarkerCluster.css",
        "MarkerCluster.Default.css",
    ):
        assert _urls((web / name).read_text(encoding="utf-8")) == [], name
    licences = sorted(p.name for p in (web / "LICENSES").iterdir())
    assert len(licences) == 3
    assert all(
        "Copyright" in (web / "LICENSES" / n).read_text(encoding="utf-8")
        for n in licences
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    project = make_project(400)
    path = tmp_path_factory.mktemp("html") / "brief.html"
    html_export.export_html(project, path, descriptor="operational")
    return project, path, path.read_text(encoding="utf-8")


def test_no_external_url_anywhere(exported):
    _, _, text = exported
    assert _urls(text) == []
    assert "Content-Security-Policy" in text and "default-src 'none'" in text


def test_values_are_escaped(exported):
    _, _, text = exported
    assert XSS not in text
    assert "alert(1)" in text  # the value is there, escaped
    # the embedded JSON cannot close its script element
    payload = text.split('<script id="brief-data" type="application/json">')[1]
    payload = payload.split("</script>")[0]
    assert "<" not in payload
    data = json.loads(payload)
    names = [str(v) for ly in data["layers"] for v in _walk(ly)]
    assert any(XSS in v for v in names)


def _walk(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)
    else:
        yield obj


def test_marking_descriptor_and_meta(exported):
    project, path, text = exported
    assert text.count("OFFICIAL-SENSITIVE - OPERATIONAL") >= 3  # title + 2 banners
    assert "Test briefing" in text and "1 Jan 2024 to 31 Dec 2024" in text
    assert "A. Analyst" in text
    assert "Getis-Ord Gi*" in text  # method note of the result layer
    entry = project.audit[-1]
    assert entry.action == "export"
    assert entry.parameters["format"] == "html"
    assert entry.parameters["marking"] == "OFFICIAL-SENSITIVE - OPERATIONAL"
    assert entry.parameters["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert set(entry.input_hashes) == {ly.id for ly in project.layers}


def test_points_are_compact_and_follow_the_filter(tmp_path):
    import pandas as pd

    from layers.filtering import TimeWindow

    project = make_project(600, full=False)
    crime = project.layers_of(LayerKind.CRIME)[0]
    window = TimeWindow(
        pd.Timestamp("2024-03-01", tz="Europe/London"),
        pd.Timestamp("2024-06-01", tz="Europe/London"),
    )
    project.filter.set_window(window)
    expected = int(
        (
            (crime.frame.occurred_at >= window.start)
            & (crime.frame.occurred_at < window.end)
        ).sum()
    )
    b = html_export.bf.make_briefing(project)
    data = html_export.briefing_data(b)
    pts = next(ly for ly in data["layers"] if ly["type"] == "points")
    assert pts["n"] == expected == len(pts["lat"])
    assert data["meta"]["date_range"] == "1 Mar 2024 to 31 May 2024"
    # latitude/longitude in 1e-5 degrees agree with pyproj
    from layers.crs import to_lonlat

    rows = project.filter.slice_for(crime)
    lon, lat = to_lonlat(crime.xy[rows, 0], crime.xy[rows, 1])
    assert np.allclose(np.array(pts["lat"]) / 1e5, lat, atol=1e-5)
    assert np.allclose(np.array(pts["lon"]) / 1e5, lon, atol=1e-5)
    # categories index the colour table
    assert max(pts["c"]) < len(pts["cats"]) == len(pts["colours"])


def test_not_significant_cells_are_left_out(tmp_path):
    project = make_project(50)
    b = html_export.bf.make_briefing(project)
    data = html_export.briefing_data(b)
    hot = next(ly for ly in data["layers"] if ly["name"] == "Hot spots (Gi*)")
    frame = hotspot_layer().frame
    assert len(hot["geojson"]["features"]) == int(
        (frame.hotspot_class != "not_significant").sum()
    )
    assert all(e["label"] != "Not significant" for e in hot["legend"])


def test_no_export_without_marking(tmp_path):
    project = make_project(20, full=False)
    project.metadata.marking = ""
    with pytest.raises(DataError, match="marking"):
        html_export.export_html(project, tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(DataError, match="must not be exported"):
        html_export.export_html(project, tmp_path / "x.html", marking="SECRET")
    assert project.audit == []


def test_local_tiles_are_inlined_and_bounded(tmp_path):
    import sqlite3

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 240)).save(buf, format="PNG")
    tile = buf.getvalue()
    db = tmp_path / "t.mbtiles"
    con = sqlite3.connect(db)
    con.execute(
        "CREATE TABLE tiles (zoom_level int, tile_column int, tile_row int, tile_data blob)"
    )
    for z in range(17):
        n = 2**z
        for x in range(n if z < 3 else 0):
            for y in range(n):
                con.execute("INSERT INTO tiles VALUES (?,?,?,?)", (z, x, y, tile))
    # tiles over Preston at zoom 12-16 (x, y from the slippy-map formula)
    for z in range(3, 17):
        n = 2**z
        lon, lat = -2.69, 53.77
        x = int((lon + 180) / 360 * n)
        y = int(
            (1 - np.log(np.tan(np.radians(lat)) + 1 / np.cos(np.radians(lat))) / np.pi)
            / 2
            * n
        )
        for dx in range(-3, 4):
            for dy in range(-3, 4):
                con.execute(
                    "INSERT INTO tiles VALUES (?,?,?,?)",
                    (z, x + dx, n - 1 - (y + dy), tile),
                )
    con.commit()
    con.close()
    project = make_project(30, full=False)
    out = html_export.export_html(project, tmp_path / "t.html", tiles=db)
    text = out.read_text(encoding="utf-8")
    payload = json.loads(
        text.split('<script id="brief-data" type="application/json">')[1].split(
            "</script>"
        )[0]
    )
    tiles = payload["tiles"]
    assert 0 < len(tiles["tiles"]) <= html_export.MAX_TILES
    assert all(v.startswith("data:image/png;base64,") for v in tiles["tiles"].values())
    assert tiles["maxzoom"] >= 12
    assert _urls(text) == []


# -- headless Chromium ------------------------------------------------------------


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
    log = {"blocked": [], "errors": [], "dialogs": []}

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            r.continue_()
        else:
            log["blocked"].append(url)
            r.abort()

    page.route("**/*", route)
    page.on(
        "console", lambda m: log["errors"].append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("requestfailed", lambda r: log["errors"].append("failed " + r.url))

    def dialog(d):
        log["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    page.wait_for_timeout(300)
    return page, log, page.close


def _pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.float64)


@pytest.mark.chromium
def test_opens_offline_in_chromium_and_draws(browser, exported):
    project, path, _ = exported
    page, log, close = _open(browser, path)
    try:
        assert log["blocked"] == []
        assert log["errors"] == []
        assert page.locator(".leaflet-container").count() == 1
        # polygons: boundaries + significant hot-spot cells + the route, as SVG paths
        frame = hotspot_layer().frame
        n_poly = 16 + int((frame.hotspot_class != "not_significant").sum()) + 1
        assert page.locator(".leaflet-overlay-pane svg path").count() == n_poly
        # points: every filtered point is in view after fitBounds and is drawn
        drawn = page.evaluate("() => window.briefingPointLayers[0].drawn")
        crime = project.layers_of(LayerKind.CRIME)[0]
        assert drawn == len(crime)
        # markers: 3 assets + 4 patrol stops
        assert page.locator(".leaflet-marker-pane .leaflet-marker-icon").count() == 7
        # marking banners at the very top and bottom, on top of the map
        vh = page.viewport_size["height"]
        top = page.locator(".marking.top").bounding_box()
        bottom = page.locator(".marking.bottom").bounding_box()
        assert top["y"] == 0 and top["height"] > 15
        assert abs(bottom["y"] + bottom["height"] - vh) < 0.5
        for box in (top, bottom):
            hit = page.evaluate(
                "([x, y]) => !!document.elementFromPoint(x, y).closest('.marking')",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert hit
        banner = page.locator(".marking.top").text_content()
        assert banner == "OFFICIAL-SENSITIVE - OPERATIONAL"
        shot = _pixels(page.screenshot())
        assert shot.std() > 20
        # the map area itself is not blank
        map_box = page.locator("#map").bounding_box()
        y0, y1 = int(map_box["y"]), int(map_box["y"] + map_box["height"])
        assert shot[y0:y1].std() > 20
    finally:
        close()


@pytest.mark.chromium
def test_popup_shows_script_as_text(browser, exported):
    _, path, _ = exported
    page, log, close = _open(browser, path)
    try:
        # the asset whose name is the script: click its marker
        marker = page.locator(f".leaflet-marker-icon[title='{XSS}']")
        assert marker.count() == 1
        marker.click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5000)
        assert XSS in popup.inner_text()
        assert popup.locator("script").count() == 0
        # a point popup with the script as its location: click on a drawn point
        page.keyboard.press("Escape")
        assert log["dialogs"] == [] and log["errors"] == []
        # the About panel lists the scan message with the script as text
        page.click("#about-btn")
        about = page.locator("#about")
        assert about.is_visible()
        assert XSS in about.inner_text()
        assert about.locator("script").count() == 0
        assert log["dialogs"] == []
    finally:
        close()


@pytest.mark.chromium
def test_phone_layout(browser, exported):
    _, path, _ = exported
    page, log, close = _open(browser, path, 390, 844)
    try:
        assert log["errors"] == []
        legend = page.locator("details.legend")
        assert legend.get_attribute("open") is None  # collapsed on a phone
        box = page.locator("details.legend summary").bounding_box()
        assert box["height"] >= 40  # a real touch target
        assert page.locator(".marking.bottom").is_visible()
        legend.locator("summary").click()
        assert legend.get_attribute("open") is not None
        # category toggles redraw the points
        before = page.evaluate("() => window.briefingPointLayers[0].drawn")
        page.locator("details.legend input[type=checkbox]").first.uncheck()
        after = page.evaluate("() => window.briefingPointLayers[0].drawn")
        assert 0 < after < before
    finally:
        close()


def test_raster_surface_becomes_an_image_overlay():
    from PIL import Image

    from layers.crs import to_lonlat
    from tests.export._projects import X0, Y0, kde_layer

    project = make_project(30, full=False)
    project.add_layer(kde_layer())
    data = html_export.briefing_data(html_export.bf.make_briefing(project))
    img = next(ly for ly in data["layers"] if ly["type"] == "image")
    assert img["uri"].startswith("data:image/png;base64,")
    import base64

    png = Image.open(io.BytesIO(base64.b64decode(img["uri"].split(",", 1)[1])))
    assert png.mode == "RGBA" and png.size[0] > 30
    # the overlay covers the grid's extent (4 km square) in lon/lat
    lon, lat = to_lonlat(np.array([X0, X0 + 4000.0]), np.array([Y0, Y0 + 4000.0]))
    (s, w), (n, e) = img["bounds"]
    assert s <= lat.min() + 1e-4 and n >= lat.max() - 1e-4
    assert w <= lon.min() + 1e-4 and e >= lon.max() - 1e-4
    assert n - s < (lat.max() - lat.min()) * 1.1
    assert img["legend"][-1]["label"] == "50"


@pytest.mark.chromium
def test_many_assets_are_clustered(browser, tmp_path):
    import geopandas as gpd

    from layers.crs import BNG
    from layers.layer import Layer
    from tests.export._projects import X0, Y0

    project = make_project(20, full=False)
    rng = np.random.default_rng(5)
    n = html_export.CLUSTER_ASSETS_ABOVE + 50
    frame = gpd.GeoDataFrame(
        {"name": [f"Asset {i}" for i in range(n)], "asset_type": ["shop"] * n},
        geometry=gpd.points_from_xy(
            X0 + rng.uniform(0, 4000, n), Y0 + rng.uniform(0, 4000, n)
        ),
        crs=BNG,
    )
    project.add_layer(Layer("Shops", LayerKind.ASSET, frame))
    path = html_export.export_html(project, tmp_path / "c.html")
    text = path.read_text(encoding="utf-8")
    assert "L.MarkerClusterGroup" in text and _urls(text) == []
    page, log, close = _open(browser, path)
    try:
        assert log["errors"] == [] and log["blocked"] == []
        clusters = page.locator(".marker-cluster").count()
        singles = page.locator(".wk-hit").count()
        assert clusters > 0 and clusters + singles < n
    finally:
        close()


def test_local_tile_folder(tmp_path):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (256, 256), (230, 230, 210)).save(buf, format="JPEG")
    lon, lat = -2.69, 53.77
    written = 0
    for z in (11, 12):
        n = 2**z
        x = int((lon + 180) / 360 * n)
        y = int(
            (1 - np.log(np.tan(np.radians(lat)) + 1 / np.cos(np.radians(lat))) / np.pi)
            / 2
            * n
        )
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                d = tmp_path / "tiles" / str(z) / str(x + dx)
                d.mkdir(parents=True, exist_ok=True)
                (d / f"{y + dy}.jpg").write_bytes(buf.getvalue())
                written += 1
    b = html_export.bf.make_briefing(make_project(30, full=False))
    bounds = html_export.briefing_data(b)["bounds"]
    tiles = html_export.local_tiles(tmp_path / "tiles", bounds)
    assert 0 < len(tiles["tiles"]) <= written
    assert all(v.startswith("data:image/jpeg;base64,") for v in tiles["tiles"].values())
    assert (tiles["minzoom"], tiles["maxzoom"]) == (11, 12)
    with pytest.raises(DataError, match="tile source not found"):
        html_export.local_tiles(tmp_path / "nope", bounds)


@pytest.mark.chromium
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_long_descriptor_never_pushes_the_marking_out(browser, tmp_path, width):
    project = make_project(60)
    descriptor = ("OPERATIONAL PERSONAL COMMERCIAL LEGAL MEDICAL " * 5)[:200]
    path = html_export.export_html(
        project, tmp_path / "d.html", descriptor=descriptor, audit=False
    )
    page, log, close = _open(browser, path, width, 700)
    try:
        assert log["errors"] == []
        for where in ("top", "bottom"):
            mk = page.locator(f".marking.{where} .mk")
            assert mk.inner_text() == "OFFICIAL-SENSITIVE"
            box = mk.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            whole = page.evaluate(
                "(el) => el.scrollWidth <= el.clientWidth + 1", mk.element_handle()
            )
            assert whole
            banner = page.locator(f".marking.{where}")
            assert banner.get_attribute("title").endswith(descriptor.strip())
    finally:
        close()
