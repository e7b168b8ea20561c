"""The style dialog writes the layer style; the map and the legend follow it."""

from __future__ import annotations

import geopandas as gpd
import mapclassify
import numpy as np
import pytest
from PySide6 import QtWidgets

from layers.project import Project
from tests.qt._map_data import crime_layer, grid_boundaries
from workstation import styling
from workstation.qt.dialogs.style import StyleDialog
from workstation.qt.map import MapCanvas


@pytest.fixture
def setup(qtbot):
    p = Project()
    b = p.add_layer(grid_boundaries(5, 5))
    c = p.add_layer(crime_layer(3_000))
    canvas = MapCanvas(p)
    qtbot.addWidget(canvas)
    return p, canvas, b, c


def dialog(qtbot, p, layer_id, canvas) -> StyleDialog:
    d = StyleDialog(p, layer_id, canvas=canvas)
    qtbot.addWidget(d)
    return d


def set_mode(d: StyleDialog, mode: str) -> None:
    d.mode.setCurrentIndex(d.mode.findData(mode))


def test_single_colour_size_and_symbol(setup, qtbot):
    p, canvas, _b, c = setup
    d = dialog(qtbot, p, c.id, canvas)
    set_mode(d, "single")
    d.colour.set_colour("#123456")
    d.size.setValue(9.0)
    d.symbol.setCurrentIndex(d.symbol.findData("d"))
    d.opacity.setValue(50)
    d.apply()
    st = p.layer(c.id).style
    assert (st["mode"], st["color"], st["size"], st["symbol"], st["opacity"]) == (
        "single",
        "#123456",
        9.0,
        "d",
        0.5,
    )
    item = canvas.item(c.id)
    assert item._palette.tolist() == [[0x12, 0x34, 0x56, round(255 * 0.5)]]
    assert (item._size, item._symbol) == (9.0, "d")
    d.update_preview()
    assert d.legend_labels() == [c.name]


def test_category_colour_override(setup, qtbot):
    p, canvas, _b, c = setup
    d = dialog(qtbot, p, c.id, canvas)
    set_mode(d, "category")
    assert set(d._cat_buttons) == set(c.frame["category"].unique())
    d.category_button("Burglary").set_colour("#000000")
    d.accept()
    st = p.layer(c.id).style
    assert st["category_colors"] == {"Burglary": "#000000"}
    item = canvas.item(c.id)
    drawn = item._palette[item._cidx]
    burglary = (c.frame["category"] == "Burglary").to_numpy()
    assert (drawn[burglary, :3] == 0).all()
    assert (drawn[~burglary, :3].sum(axis=1) > 0).all()
    d2 = dialog(qtbot, p, c.id, canvas)
    assert d2.category_button("Burglary").colour == "#000000"
    d2._reset_category_colours()
    d2.apply()
    assert p.layer(c.id).style["category_colors"] == {}


def test_attribute_choropleth_quantiles(setup, qtbot):
    p, canvas, b, _c = setup
    d = dialog(qtbot, p, b.id, canvas)
    set_mode(d, "choropleth")
    d.source.setCurrentIndex(d.source.findData("attribute"))
    d.attribute.setCurrentIndex(d.attribute.findData("population"))
    d.scheme.setCurrentIndex(d.scheme.findData("quantiles"))
    d.k.setValue(4)
    d.update_preview()
    pop = b.frame["population"].to_numpy(dtype=float)
    oracle = mapclassify.Quantiles(pop, k=4)
    assert len(d.legend_labels()) == 4
    d.apply()
    cls = canvas.classification(b.id)
    assert np.allclose(cls.bins, oracle.bins)
    assert d.legend_labels() == list(cls.labels)
    assert p.layer(b.id).style["choropleth"]["column"] == "population"
    # the fill of each polygon is its class colour
    item = canvas.item(b.id)
    fills = item.fill_rgba()
    idx = np.searchsorted(oracle.bins, pop, side="left")
    expected = [styling.hex_to_rgba(cls.colours[i], 0.75)[:3] for i in idx]
    assert fills[:, :3].tolist() == [list(e) for e in expected]


def test_rate_choropleth_natural_breaks_inside_filter(setup, qtbot):
    p, canvas, b, c = setup
    d = dialog(qtbot, p, b.id, canvas)
    set_mode(d, "choropleth")
    d.source.setCurrentIndex(d.source.findData("rate"))
    d.counted.setCurrentIndex(d.counted.findData(c.id))
    d.scheme.setCurrentIndex(d.scheme.findData("natural_breaks"))
    d.k.setValue(5)
    d.apply()
    joined = gpd.sjoin(c.frame, b.frame, predicate="within")
    counts = (
        joined.groupby("index_right").size().reindex(range(len(b)), fill_value=0)
    ).to_numpy()
    rates = counts / b.frame["population"].to_numpy() * 1000
    assert np.allclose(canvas.choropleth_values(b.id), rates)
    cls = canvas.classification(b.id)
    assert cls.scheme == "natural_breaks" and cls.bins[-1] == pytest.approx(rates.max())
    assert "per 1,000 residents" in d.preview_note.text()


def test_rate_without_population_explains(setup, qtbot):
    p, canvas, b, c = setup
    b.frame = b.frame.drop(columns="population")
    d = dialog(qtbot, p, b.id, canvas)
    set_mode(d, "choropleth")
    d.source.setCurrentIndex(d.source.findData("rate"))
    d.counted.setCurrentIndex(d.counted.findData(c.id))
    d.update_preview()
    assert "Cannot classify" in d.preview_note.text()
    assert "population" in d.preview_note.text()
    assert d.legend_labels() == []


def test_polygon_outline_and_fill(setup, qtbot):
    p, canvas, b, _c = setup
    d = dialog(qtbot, p, b.id, canvas)
    set_mode(d, "single")
    d.colour.set_colour("#ff0000")
    d.fill_opacity.setValue(50)
    d.outline.set_colour("#0000ff")
    d.outline_width.setValue(2.5)
    d.apply()
    item = canvas.item(b.id)
    assert item.fill_rgba()[0].tolist() == [255, 0, 0, round(255 * 0.5)]
    assert item._pen.color().name() == "#0000ff" and item._pen.widthF() == 2.5


def test_shell_signature_uses_parent_canvas(setup, qtbot):
    p, canvas, b, _c = setup
    parent = QtWidgets.QWidget()
    parent.canvas = canvas
    qtbot.addWidget(parent)
    d = StyleDialog(p, b.id, parent)
    assert d.canvas is canvas
    assert d.mode.findData("choropleth") >= 0


def test_raster_ramp(qtbot):
    from layers.kinds import LayerKind
    from layers.layer import Layer
    from tests.qt._map_data import X0, Y0
    from workstation.qt.map.items import RasterItem

    density = np.arange(12, dtype=np.float32).reshape(3, 4)
    layer = Layer(
        "KDE",
        LayerKind.RESULT,
        gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs="EPSG:27700")),
        provenance={"grid": {"x0": X0, "y0": Y0, "cell_m": 100.0, "nx": 4, "ny": 3}},
        style={"mode": "raster", "raster": {"array": "density", "vmin": 0}},
        arrays={"density": density},
    )
    p = Project()
    p.add_layer(layer)
    canvas = MapCanvas(p)
    qtbot.addWidget(canvas)
    d = dialog(qtbot, p, layer.id, canvas)
    assert d.mode.currentData() == "raster"
    assert not d.size.isVisibleTo(d)
    d.raster_ramp.setCurrentIndex(d.raster_ramp.findData("Blues"))
    d.apply()
    assert p.layer(layer.id).style["raster"] == {
        "array": "density",
        "vmin": 0,
        "ramp": "Blues",
    }
    item = canvas.item(layer.id)
    assert isinstance(item, RasterItem) and item.ramp_name == "Blues"
    assert len(d.legend_labels()) == 5
    assert d.legend_labels()[-1].startswith("8.8")


def test_rate_preview_flags_small_counts(setup, qtbot):
    p, canvas, b, c = setup
    import pandas as pd

    from layers.filtering import TimeWindow

    # a one-day window leaves most areas with only a handful of events
    t0 = c.frame["occurred_at"].iloc[0]
    p.filter.set_window(TimeWindow(t0, t0 + pd.Timedelta(days=1)))
    d = dialog(qtbot, p, b.id, canvas)
    set_mode(d, "choropleth")
    d.source.setCurrentIndex(d.source.findData("rate"))
    d.counted.setCurrentIndex(d.counted.findData(c.id))
    d.update_preview()
    rows = p.filter.slice_for(c)
    joined = gpd.sjoin(c.frame.iloc[rows], b.frame, predicate="within")
    counts = joined.groupby("index_right").size().reindex(range(len(b)), fill_value=0)
    few = int((counts < 5).sum())
    assert few > 0
    assert f"{few} area(s) have fewer than 5 events" in d.preview_note.text()


def test_big_layer_count_preview_waits_for_the_worker(setup, qtbot, monkeypatch):
    from workstation.analysis import choropleth
    from workstation.qt.map import canvas as canvas_module

    choropleth.clear_cache()
    monkeypatch.setattr(canvas_module, "ASYNC_INDEX_ROWS", 100)
    p, canvas, b, c = setup
    d = dialog(qtbot, p, b.id, canvas)
    set_mode(d, "choropleth")
    d.source.setCurrentIndex(d.source.findData("count"))
    d.counted.setCurrentIndex(d.counted.findData(c.id))
    with qtbot.waitSignal(canvas.index_ready, timeout=5000):
        d.update_preview()
        assert "background" in d.preview_note.text()
        assert d.legend_labels() == []
    qtbot.waitUntil(lambda: len(d.legend_labels()) == 5, timeout=5000)
    assert "count per area" in d.preview_note.text()
