import numpy as np
import pyproj
import pytest

from layers.crs import BNG, WGS84, choose_working_crs, to_working, utm_crs_for


def test_great_britain_uses_ostn15_and_agrees_with_proj_within_metres():
    lon = np.array([-2.4646, -1.898, -0.1276, -3.1883])
    lat = np.array([53.7655, 52.48, 51.5072, 55.9533])
    x, y, info = to_working(lon, lat, WGS84)
    assert info.method == "OSTN15 (convertbng)"
    px, py = pyproj.Transformer.from_crs(4326, 27700, always_xy=True).transform(
        lon, lat
    )
    assert np.hypot(x - px, y - py).max() < 5


def test_northern_ireland_is_not_claimed_as_ostn15():
    # Belfast is outside OSTN15: placed by PROJ, and the provenance says so
    x, y, info = to_working(np.array([-2.46, -5.93]), np.array([53.7, 54.6]), WGS84)
    assert "Northern Ireland" in info.method
    assert info.accuracy_m == pytest.approx(5.0)
    px, py = pyproj.Transformer.from_crs(4326, 27700, always_xy=True).transform(
        -5.93, 54.6
    )
    assert np.hypot(x[1] - px, y[1] - py) < 1
    # the tip of Kintyre is Scotland: still OSTN15
    _, _, info = to_working(np.array([-5.7]), np.array([55.3]), WGS84)
    assert info.method == "OSTN15 (convertbng)"


def test_missing_coordinates_stay_missing_and_utm_elsewhere():
    x, y, _ = to_working(np.array([np.nan, -1.9]), np.array([52.5, np.nan]), WGS84)
    assert np.isnan(x).all()
    assert np.isnan(y).all()
    assert (
        choose_working_crs(np.array([-122.3, -122.2]), np.array([47.6, 47.5]))
        == "EPSG:32610"
    )
    assert choose_working_crs(np.array([-1.9]), np.array([52.5])) == BNG
    assert utm_crs_for(np.array([151.2]), np.array([-33.9])) == "EPSG:32756"


def test_points_far_from_britain_are_out_of_area_in_bng():
    x, y, _ = to_working(np.array([-1.9, -74.0]), np.array([52.4, 40.7]), WGS84)
    assert np.isfinite(x[0])
    assert np.isnan(x[1])
    assert np.isnan(y[1])
