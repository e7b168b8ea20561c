"""At the default window size nothing the analyst must read is cut off: layer
names and legends in the layer list, dock tabs, and the map's colour notes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QTabBar

from layers.kinds import LayerKind
from tests.qt.shell_data import isolated_settings  # noqa: F401
from workstation.qt.main_window import MainWindow, warm_caches

pytestmark = pytest.mark.usefixtures("isolated_settings")


def _settle() -> None:
    for _ in range(30):
        QApplication.processEvents()


def _items(tree):
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        yield top
        for k in range(top.childCount()):
            yield top.child(k)


@pytest.fixture
def app_style():
    """The application's own look (font 9.5 pt, Fusion), as the user sees it."""
    from workstation.qt.app import style_application

    app = QApplication.instance()
    saved = (app.font(), app.palette(), app.styleSheet(), app.style().name())
    style_application(app)
    yield
    app.setFont(saved[0])
    app.setPalette(saved[1])
    app.setStyleSheet(saved[2])
    app.setStyle(saved[3])


def test_layer_list_tabs_and_notes_fit_at_the_default_size(qtbot, app_style):
    from workstation.demo import load_demo_project

    w = MainWindow()
    w.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w)
    w.show()
    try:
        demo = load_demo_project(seed=7)
        warm_caches(demo.layers)
        w.load_into_window(demo)
        size = w.size()
        for info in w.panel_infos:
            if info.available:
                w.open_panel(info)
        _settle()
        # tall panels scroll in their dock: the window keeps its default size
        assert w.size() == size
        # a result layer with a long name, as the panels make them
        import geopandas as gpd
        import shapely

        from layers.layer import Layer

        cells = gpd.GeoDataFrame(
            {"pattern": ["new_hot_spot"]},
            geometry=[shapely.box(400_000, 290_000, 400_250, 290_250)],
            crs="EPSG:27700",
        )
        style = {"mode": "classes", "classes_column": "pattern"}
        name = "Emerging hot spots Street crime (data.police.uk layout) (250 m, month)"
        w.project.add_layer(Layer(name, LayerKind.RESULT, cells, style=style))
        _settle()
        tree = w.layer_panel.tree
        width = tree.viewport().width()
        for item in _items(tree):
            tree.scrollToItem(item)
            rect = tree.visualItemRect(item)
            fm = QFontMetrics(item.font(0))
            text = max(item.text(0).split("\n"), key=fm.horizontalAdvance)
            # the checkbox (layers) or swatch (legend rows), and the item's padding
            mark = 22 if item.parent() is None or not item.icon(0).isNull() else 0
            need = rect.left() + mark + fm.horizontalAdvance(text) + 6
            assert need <= width, f"{item.text(0)!r} needs {need} px of {width}"
        # the LSOA legend says what its classes measure
        lsoa = next(
            tree.topLevelItem(i)
            for i in range(tree.topLevelItemCount())
            if tree.topLevelItem(i).text(0) == "LSOAs"
        )
        assert lsoa.child(0).text(0) == "Street crime per 1,000 residents"
        for bar in w.findChildren(QTabBar):
            if bar.parent() is not w or not bar.isVisible():
                continue
            for i in range(bar.count()):
                fm = QFontMetrics(bar.font())
                assert bar.tabRect(i).width() >= fm.horizontalAdvance(bar.tabText(i)), (
                    bar.tabText(i)
                )
    finally:
        w.project.mark_dirty(False)
        w.jobs.shutdown()


def test_colour_note_titles_wrap_instead_of_being_cut(qtbot):
    from PySide6.QtGui import QFont, QFontMetricsF

    from workstation.qt.map.overlays import wrap_text

    fm = QFontMetricsF(QFont())
    title = (
        "Street crime (data.police.uk layout): points per 126 m square "
        "(log scale; zoom in for points)"
    )
    lines = wrap_text(fm, title, 220)
    assert len(lines) >= 2
    assert " ".join(lines) == title
    assert all(fm.horizontalAdvance(t) <= 220 for t in lines)


def test_no_panel_is_wider_than_its_dock(qtbot, app_style):
    """Long status and summary lines wrap: no analysis panel scrolls sideways."""
    from PySide6.QtWidgets import QScrollArea

    from workstation.demo import load_demo_project

    w = MainWindow()
    w.ask_unsaved = lambda: "discard"
    qtbot.addWidget(w)
    w.show()
    try:
        w.load_into_window(load_demo_project(seed=7))
        sentence = (
            "On the map, item 1: Street crime (data.police.uk layout), all "
            "categories: up 36 % in Brinkmoor 004B over the last 28 days against "
            "the 12 months before (“Filter to this” sets its area and period)."
        )
        panels = []
        for info in w.panel_infos:
            if not info.available:
                continue
            panel = w.open_panel(info)
            run_bar = getattr(panel, "run_bar", None)
            if run_bar is not None:
                run_bar.status.setText(sentence)
            if getattr(panel, "summary", None) is not None:
                panel.summary.setText(sentence)
            panels.append((info.title, panel))
        assert panels
        for title, panel in panels:
            w.analysis_docks[
                next(k for k, v in w.analysis_panels.items() if v is panel)
            ].raise_()
            _settle()
            scroller = panel.parentWidget().parentWidget()
            assert isinstance(scroller, QScrollArea), title
            bar = scroller.horizontalScrollBar()
            assert bar.maximum() == 0, (
                f"{title}: {panel.minimumSizeHint().width()} px wide in a dock "
                f"of {scroller.viewport().width()} px"
            )
    finally:
        w.project.mark_dirty(False)
        w.jobs.shutdown()
