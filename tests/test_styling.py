import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers import Layer, LayerKind
from workstation import styling


def _points(categories):
    n = len(categories)
    return Layer(
        "Crime",
        LayerKind.CRIME,
        gpd.GeoDataFrame(
            {
                "occurred_at": pd.date_range(
                    "2024-01-01", periods=n, freq="D", tz="UTC"
                ),
                "category": pd.Categorical(categories),
            },
            geometry=shapely.points(np.arange(n), np.arange(n)),
            crs="EPSG:27700",
        ),
    )


def test_category_colours_follow_police_uk_palette_and_overrides():
    lyr = _points(["Burglary", "Robbery", "Something new"])
    cols = styling.category_colours(lyr)
    assert cols["Burglary"] == styling.CRIME_TYPE_COLOURS["Burglary"]
    assert cols["Something new"] == styling.stable_colour("Something new")
    lyr.style = {"category_colors": {"Robbery": "#123456"}}
    rgba = styling.point_rgba(lyr)
    assert tuple(rgba[1][:3]) == (0x12, 0x34, 0x56)
    assert (
        tuple(rgba[0][:3])
        == styling.hex_to_rgba(styling.CRIME_TYPE_COLOURS["Burglary"])[:3]
    )


def test_classification_bins_cover_values_and_legend():
    v = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, np.nan])
    c = styling.classify_values(v, "equal_interval", 3, "Blues")
    assert c.k == 3
    idx = c.classify(v)
    assert idx[-1] == -1 and idx[0] == 0 and idx[9] == 2
    assert c.rgba(v).shape == (11, 4)
    assert c.rgba(v)[-1][3] == 0  # missing values are transparent


def test_raster_legend_spans_the_surface():
    lyr = Layer(
        "KDE",
        LayerKind.RESULT,
        gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs="EPSG:27700")),
        provenance={"units": "events per km²"},
        style={
            "mode": "raster",
            "raster": {"array": "density", "ramp": "YlOrRd", "vmin": 0},
        },
        arrays={"density": np.array([[0.0, 12.5], [50.0, np.nan]], dtype=np.float32)},
    )
    rows = styling.legend_entries(lyr)
    assert len(rows) == 5
    assert rows[0].label.startswith("0")
    assert rows[-1].label.endswith("50 events per km²")
    assert styling.raster_value_range(lyr) == (0.0, 50.0)
