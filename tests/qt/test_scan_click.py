"""A horizon-scan item leads somewhere: in the window, a click shows its layer,
outlines its area and zooms there; "Filter to this" sets area, category and period.
"""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from layers.filtering import TimeWindow
from tests.qt.shell_data import isolated_settings  # noqa: F401
from tests.qt.test_scan_panels import PLANT, TZ, _crime, _wards
from workstation.qt.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    w.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w)
    w.show()
    yield w
    w.jobs.shutdown()


def _crime_with_background_robbery():
    """The panels' crime layer, plus robberies spread over every ward and month.

    The scan lists a ward's series only when it differs from the whole area's, so
    robbery must happen outside the planted ward too for a ward item to exist.
    """
    import geopandas as gpd
    import numpy as np

    from layers.layer import Layer

    base = _crime()
    rng = np.random.default_rng(11)
    n = 240
    x0, y0, x1, y1 = base.frame.total_bounds
    start = pd.Timestamp("2023-01-01", tz=TZ)
    extra = gpd.GeoDataFrame(
        {
            "occurred_at": [
                start + pd.DateOffset(months=int(v)) for v in rng.integers(0, 24, n)
            ],
            "category": "Robbery",
        },
        geometry=shapely.points(rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)),
        crs=base.frame.crs,
    )
    frame = pd.concat([base.frame, extra], ignore_index=True)
    frame = frame.sort_values("occurred_at", kind="stable").reset_index(drop=True)
    return Layer(
        "Crime",
        base.kind,
        gpd.GeoDataFrame(frame, crs=base.frame.crs),
        time_precision="month",
    )


def test_clicking_a_scan_item_shows_layer_outlines_area_and_filters(qtbot, window):
    if window.canvas is None:
        pytest.skip(f"map canvas not available: {window.canvas_missing}")
    project = window.project
    wards = project.add_layer(_wards())
    crime = project.add_layer(_crime_with_background_robbery())
    project.set_visible(crime.id, False)  # as in the demo: the item's layer hidden
    panel = window.open_panel("Horizon scan")
    panel.near_repeat.setChecked(False)
    panel.emerging.setChecked(False)
    panel.run()
    qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
    items = panel._items
    row = next(
        i
        for i in range(len(items))
        if items.iloc[i]["category"] == "Robbery"
        and items.iloc[i]["area_type"] == "Wards"
    )
    assert not window.canvas.outline_item.isVisible()
    assert not panel.filter_button.isEnabled()
    # the harm excess column explains itself in its header's tooltip
    from PySide6.QtCore import Qt

    col = list(panel.model.frame.columns).index("harm_excess")
    tip = panel.model.headerData(col, Qt.Horizontal, Qt.ToolTipRole)
    assert tip and tip.lower().startswith("harm") and "days" in tip
    # the settings fold away so the list gets the dock's height; one click back
    assert not panel.settings_box.isVisibleTo(panel)
    panel.settings_toggle.click()
    assert panel.settings_box.isVisibleTo(panel)
    panel.view.clicked.emit(panel.model.index(row, 0))
    assert project.layer(crime.id).visible
    assert window.table.current_layer().id == crime.id
    outline = window.canvas.outline_item
    assert outline.isVisible()
    ward = wards.frame.geometry[
        wards.frame["area_code"] == items.iloc[row]["area_code"]
    ].iloc[0]
    assert ward.contains(shapely.Point(PLANT))
    r = outline.path().boundingRect()
    assert (r.left(), r.top(), r.right(), r.bottom()) == pytest.approx(ward.bounds)
    panel.filter_button.click()
    st = project.filter.state
    assert st.categories == frozenset(["Robbery"])
    assert st.area is not None and st.area.equals(ward)
    assert st.window == TimeWindow(
        pd.Timestamp("2024-12-01", tz=TZ), pd.Timestamp("2025-01-01", tz=TZ)
    )
    # the map now counts only the item's events: robberies in that ward, that month
    assert window.canvas.visible_point_count(crime.id) == len(
        project.filter.slice_for(project.layer(crime.id))
    )
    assert 0 < window.canvas.visible_point_count(crime.id) < len(crime.frame)


def test_harm_excess_is_defined_next_to_the_table(qtbot, window):
    panel = window.open_panel("Horizon scan")
    text = panel.harm_note.text()
    assert text.startswith("Harm excess")
    assert "days of custody" in text or "harm" in text[12:]
