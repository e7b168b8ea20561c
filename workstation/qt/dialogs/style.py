"""Layer style dialog: colours, symbols, opacity, and choropleths with a live legend.

The dialog edits a copy of the layer's style (the schema is in
:mod:`workstation.styling`) and applies it with ``project.set_style``. The
legend preview is drawn from the pending style with the same functions the map,
the sheet and the HTML briefing use, so what the preview shows is what the map
will show. Choropleth classes come from mapclassify through
``styling.classify_values``; counts and rates are of the rows inside the
current filter.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QT_TRANSLATE_NOOP

from layers.kinds import LayerKind
from layers.layer import Layer
from layers.project import Project
from workstation import styling
from workstation.qt.i18n import translate, vocab
from workstation.qt.panels.layers import (
    choropleth_caption,
    layer_copy_with_style,
    legend_icon,
    raster_legend,
)

SYMBOLS = [
    ("o", QT_TRANSLATE_NOOP("Style", "Circle")),
    ("s", QT_TRANSLATE_NOOP("Style", "Square")),
    ("t", QT_TRANSLATE_NOOP("Style", "Triangle")),
    ("d", QT_TRANSLATE_NOOP("Style", "Diamond")),
    ("+", QT_TRANSLATE_NOOP("Style", "Plus")),
    ("star", QT_TRANSLATE_NOOP("Style", "Star")),
]
SCHEME_LABELS = [
    ("quantiles", QT_TRANSLATE_NOOP("Style", "Quantiles (equal counts)")),
    ("natural_breaks", QT_TRANSLATE_NOOP("Style", "Natural breaks (Jenks)")),
    ("equal_interval", QT_TRANSLATE_NOOP("Style", "Equal interval")),
]
#: rates resting on fewer events than this are flagged as unstable
SMALL_COUNT = 5
#: most categories the colour table lists (the rest keep their default colour)
MAX_CATEGORY_ROWS = 60


class ColourButton(QtWidgets.QPushButton):
    """A button showing a colour swatch; click to pick a colour."""

    colour_changed = QtCore.Signal(str)

    def __init__(self, colour: str = "#1f78b4", parent=None) -> None:
        super().__init__(parent)
        self.setFixedSize(56, 22)
        self._colour = colour
        self.clicked.connect(self._pick)
        self._paint()

    @property
    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        colour = styling.rgba_to_hex(styling.hex_to_rgba(colour))
        if colour != self._colour:
            self._colour = colour
            self._paint()
            self.colour_changed.emit(colour)

    def _paint(self) -> None:
        self.setStyleSheet(
            f"QPushButton {{ background: {self._colour}; border: 1px solid #777;"
            " border-radius: 2px; }"
        )
        self.setToolTip(self._colour)

    def _pick(self) -> None:
        c = QtWidgets.QColorDialog.getColor(
            QtGui.QColor(self._colour), self, translate("Style", "Choose a colour")
        )
        if c.isValid():
            self.set_colour(c.name())


def _is_polygonal(layer: Layer) -> bool:
    if len(layer) == 0:
        return layer.kind == LayerKind.BOUNDARY
    return bool(layer.frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).any())


def numeric_columns(layer: Layer) -> list[str]:
    """Columns that can be mapped as numbers (numeric, or text that parses fully)."""
    out = []
    for c in layer.frame.columns:
        if c == layer.frame.geometry.name:
            continue
        s = layer.frame[c]
        if pd.api.types.is_bool_dtype(s.dtype):
            continue
        if pd.api.types.is_numeric_dtype(s.dtype):
            out.append(str(c))
    return out


def category_columns(layer: Layer) -> list[str]:
    """Columns with few enough distinct values to colour by (at most 60)."""
    out = []
    for c in layer.frame.columns:
        if c == layer.frame.geometry.name:
            continue
        s = layer.frame[c]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            continue
        if pd.api.types.is_float_dtype(s.dtype):
            continue
        try:
            # a sample rules out id-like columns before counting all rows
            if s.head(5_000).nunique(dropna=True) > MAX_CATEGORY_ROWS:
                continue
            n = s.nunique(dropna=True)
        except TypeError:
            continue
        if 1 <= n <= MAX_CATEGORY_ROWS:
            out.append(str(c))
    if "category" in out:
        out.remove("category")
        out.insert(0, "category")
    return out


class StyleDialog(QtWidgets.QDialog):
    """Edit one layer's style; Apply or OK writes it with ``project.set_style``."""

    applied = QtCore.Signal(str)

    def __init__(
        self,
        project: Project,
        layer_id: str,
        parent: QtWidgets.QWidget | None = None,
        *,
        canvas: Any = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.layer_id = layer_id
        self.layer = project.layer(layer_id)
        self.canvas = canvas if canvas is not None else getattr(parent, "canvas", None)
        self.setWindowTitle(
            translate("Style", "Style: {name}").format(name=self.layer.name)
        )
        self.setMinimumWidth(520)
        self._style = styling.effective_style(self.layer)
        self._polygonal = _is_polygonal(self.layer)
        self._building = True
        self._preview_timer = QtCore.QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(120)
        self._preview_timer.timeout.connect(self.update_preview)
        self._build()
        if self.canvas is not None and hasattr(self.canvas, "index_ready"):
            self.canvas.index_ready.connect(self._on_index_ready)
        self._load(self._style)
        self._building = False
        self.update_preview()

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow
        )
        self.mode = QtWidgets.QComboBox()
        modes = [("single", translate("Style", "Single colour"))]
        self._cat_cols = category_columns(self.layer)
        if self._cat_cols:
            modes.append(("category", translate("Style", "Colour by category")))
        if self._polygonal:
            modes.append(
                ("choropleth", translate("Style", "Choropleth (graduated colours)"))
            )
        for col in styling.CLASS_PALETTES:
            if col in self.layer.frame:
                modes.append(
                    (
                        "classes",
                        translate("Style", "Result classes ({col})").format(col=col),
                    )
                )
                break
        from workstation.qt.map.items import raster_of

        if self.layer.kind == LayerKind.RESULT and raster_of(self.layer) is not None:
            modes.append(("raster", translate("Style", "Raster surface (colour ramp)")))
        for key, label in modes:
            self.mode.addItem(label, key)
        self.mode.currentIndexChanged.connect(self._on_mode)
        form.addRow(translate("Style", "Style"), self.mode)

        # single colour / fill
        self.colour = ColourButton()
        self.colour.colour_changed.connect(self._changed)
        self.colour_row = self._row(
            form,
            translate("Style", "Colour")
            if not self._polygonal
            else translate("Style", "Fill"),
            self.colour,
        )

        # category
        self.category_column = QtWidgets.QComboBox()
        for c in self._cat_cols:
            self.category_column.addItem(c, c)
        self.category_column.currentIndexChanged.connect(self._fill_category_table)
        self.category_table = QtWidgets.QTableWidget(0, 2)
        self.category_table.setHorizontalHeaderLabels(
            [translate("Style", "Category"), translate("Style", "Colour")]
        )
        self.category_table.horizontalHeader().setSectionResizeMode(
            0, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.category_table.verticalHeader().setVisible(False)
        self.category_table.setMinimumHeight(140)
        self._cat_buttons: dict[str, ColourButton] = {}
        self.reset_categories = QtWidgets.QPushButton(
            translate("Style", "Default colours")
        )
        self.reset_categories.clicked.connect(self._reset_category_colours)
        cat_box = QtWidgets.QWidget()
        cat_lay = QtWidgets.QVBoxLayout(cat_box)
        cat_lay.setContentsMargins(0, 0, 0, 0)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.category_column, 1)
        top.addWidget(self.reset_categories)
        cat_lay.addLayout(top)
        cat_lay.addWidget(self.category_table)
        self.category_row = self._row(form, translate("Style", "Categories"), cat_box)

        # choropleth
        self.source = QtWidgets.QComboBox()
        self.source.addItem(translate("Style", "Numeric attribute"), "attribute")
        self.source.addItem(
            translate("Style", "Count of events inside the filter"), "count"
        )
        self.source.addItem(
            translate("Style", "Rate per 1,000 residents inside the filter"), "rate"
        )
        self.source.currentIndexChanged.connect(self._on_source)
        self.attribute = QtWidgets.QComboBox()
        for c in numeric_columns(self.layer):
            self.attribute.addItem(c, c)
        self.attribute.currentIndexChanged.connect(self._changed)
        self.counted = QtWidgets.QComboBox()
        for lyr in self.project.layers_of(LayerKind.CRIME, LayerKind.DEMAND):
            self.counted.addItem(
                f"{lyr.name} ({vocab(lyr.kind.label).lower()})", lyr.id
            )
        self.counted.currentIndexChanged.connect(self._changed)
        self.scheme = QtWidgets.QComboBox()
        for key, label in SCHEME_LABELS:
            self.scheme.addItem(translate("Style", label), key)
        self.scheme.currentIndexChanged.connect(self._changed)
        self.k = QtWidgets.QSpinBox()
        self.k.setRange(2, 9)
        self.k.valueChanged.connect(self._changed)
        self.ramp = QtWidgets.QComboBox()
        for name in styling.RAMPS:
            self.ramp.addItem(self._ramp_icon(name), name, name)
        self.ramp.setIconSize(QtCore.QSize(80, 12))
        self.ramp.currentIndexChanged.connect(self._changed)
        self.choro_box = QtWidgets.QWidget()
        cf = QtWidgets.QFormLayout(self.choro_box)
        cf.setContentsMargins(0, 0, 0, 0)
        cf.addRow(translate("Style", "Values"), self.source)
        self.attribute_label = QtWidgets.QLabel(translate("Style", "Attribute"))
        cf.addRow(self.attribute_label, self.attribute)
        self.counted_label = QtWidgets.QLabel(translate("Style", "Events of"))
        cf.addRow(self.counted_label, self.counted)
        cf.addRow(translate("Style", "Classification"), self.scheme)
        cf.addRow(translate("Style", "Classes"), self.k)
        cf.addRow(translate("Style", "Colour ramp"), self.ramp)
        self.choro_row = self._row(
            form, translate("Style", "Choropleth"), self.choro_box
        )

        # raster results: colour ramp
        self.raster_ramp = QtWidgets.QComboBox()
        for name in styling.RAMPS:
            self.raster_ramp.addItem(self._ramp_icon(name), name, name)
        self.raster_ramp.setIconSize(QtCore.QSize(80, 12))
        self.raster_ramp.currentIndexChanged.connect(self._changed)
        self.raster_row = self._row(
            form, translate("Style", "Colour ramp"), self.raster_ramp
        )

        # points: size and symbol
        self.size = QtWidgets.QDoubleSpinBox()
        self.size.setRange(1.0, 40.0)
        self.size.setSingleStep(1.0)
        self.size.setDecimals(1)
        self.size.setSuffix(translate("Style", " px"))
        self.size.valueChanged.connect(self._changed)
        self.symbol = QtWidgets.QComboBox()
        for key, label in SYMBOLS:
            self.symbol.addItem(translate("Style", label), key)
        self.symbol.currentIndexChanged.connect(self._changed)
        self.size_row = self._row(form, translate("Style", "Size"), self.size)
        self.symbol_row = self._row(form, translate("Style", "Symbol"), self.symbol)

        # polygons: fill opacity and outline
        self.fill_opacity = QtWidgets.QSpinBox()
        self.fill_opacity.setRange(0, 100)
        self.fill_opacity.setSuffix(" %")
        self.fill_opacity.valueChanged.connect(self._changed)
        self.outline = ColourButton("#444444")
        self.outline.colour_changed.connect(self._changed)
        self.outline_width = QtWidgets.QDoubleSpinBox()
        self.outline_width.setRange(0.0, 8.0)
        self.outline_width.setSingleStep(0.5)
        self.outline_width.setDecimals(1)
        self.outline_width.setSuffix(translate("Style", " px"))
        self.outline_width.valueChanged.connect(self._changed)
        outline_box = QtWidgets.QWidget()
        ol = QtWidgets.QHBoxLayout(outline_box)
        ol.setContentsMargins(0, 0, 0, 0)
        ol.addWidget(self.outline)
        ol.addWidget(self.outline_width)
        ol.addStretch(1)
        self.fill_opacity_row = self._row(
            form, translate("Style", "Fill opacity"), self.fill_opacity
        )
        self.outline_row = self._row(form, translate("Style", "Outline"), outline_box)

        self.opacity = QtWidgets.QSpinBox()
        self.opacity.setRange(0, 100)
        self.opacity.setSuffix(" %")
        self.opacity.valueChanged.connect(self._changed)
        form.addRow(translate("Style", "Layer opacity"), self.opacity)

        # legend preview
        self.preview = QtWidgets.QListWidget()
        self.preview.setIconSize(QtCore.QSize(16, 16))
        self.preview.setMinimumHeight(130)
        self.preview.setSelectionMode(
            QtWidgets.QAbstractItemView.SelectionMode.NoSelection
        )
        self.preview_note = QtWidgets.QLabel()
        self.preview_note.setWordWrap(True)
        self.preview_note.setStyleSheet("color: #555;")
        legend_box = QtWidgets.QGroupBox(translate("Style", "Legend preview"))
        ll = QtWidgets.QVBoxLayout(legend_box)
        ll.addWidget(self.preview)
        ll.addWidget(self.preview_note)

        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Apply
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Apply).clicked.connect(
            self.apply
        )
        self.buttons = buttons

        body = QtWidgets.QHBoxLayout()
        left = QtWidgets.QWidget()
        left.setLayout(form)
        body.addWidget(left, 3)
        body.addWidget(legend_box, 2)
        outer = QtWidgets.QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(buttons)

    def _row(self, form: QtWidgets.QFormLayout, label: str, widget) -> tuple:
        lab = QtWidgets.QLabel(label)
        form.addRow(lab, widget)
        return (lab, widget)

    @staticmethod
    def _ramp_icon(name: str) -> QtGui.QIcon:
        pm = QtGui.QPixmap(80, 12)
        p = QtGui.QPainter(pm)
        colours = styling.ramp(name, 9)
        w = 80 / len(colours)
        for i, c in enumerate(colours):
            p.fillRect(QtCore.QRectF(i * w, 0, w + 1, 12), QtGui.QColor(c))
        p.end()
        return QtGui.QIcon(pm)

    # -- state <-> widgets ---------------------------------------------------------------
    def _set_combo(self, combo: QtWidgets.QComboBox, value: Any) -> None:
        i = combo.findData(value)
        if i >= 0:
            combo.setCurrentIndex(i)

    def _load(self, st: dict[str, Any]) -> None:
        self._set_combo(self.mode, st.get("mode", "single"))
        colour_key = "fill" if self._polygonal else "color"
        self.colour.set_colour(st.get(colour_key, st.get("color", "#1f78b4")))
        self._set_combo(self.category_column, st.get("category_column", "category"))
        self._fill_category_table()
        spec = st.get("choropleth") or {}
        self._set_combo(self.source, spec.get("source", "attribute"))
        if spec.get("column"):
            self._set_combo(self.attribute, spec["column"])
        elif self.attribute.findData("population") >= 0:
            self._set_combo(self.attribute, "population")
        if spec.get("layer_id"):
            self._set_combo(self.counted, spec["layer_id"])
        self._set_combo(self.scheme, spec.get("scheme", "quantiles"))
        self.k.setValue(int(spec.get("k", 5)))
        self._set_combo(self.ramp, spec.get("ramp", "YlOrRd"))
        self._set_combo(
            self.raster_ramp, (st.get("raster") or {}).get("ramp", "YlOrRd")
        )
        self.size.setValue(float(st.get("size", 5.0)))
        self._set_combo(self.symbol, st.get("symbol", "o"))
        default_fill = 0.75 if st.get("mode") == "choropleth" else 0.0
        self.fill_opacity.setValue(
            round(100 * float(st.get("fill_opacity", default_fill)))
        )
        self.outline.set_colour(st.get("outline", "#444444")[:7])
        self.outline_width.setValue(float(st.get("outline_width", 1.0)))
        self.opacity.setValue(round(100 * float(st.get("opacity", 1.0))))
        self._on_mode()

    def style(self) -> dict[str, Any]:
        """The style the dialog would apply now (only the keys it edits)."""
        mode = self.mode.currentData()
        st: dict[str, Any] = {
            "mode": mode,
            "opacity": self.opacity.value() / 100.0,
        }
        if self._polygonal:
            st.update(
                fill=self.colour.colour,
                fill_opacity=self.fill_opacity.value() / 100.0,
                outline=self.outline.colour,
                outline_width=float(self.outline_width.value()),
            )
        else:
            st.update(
                color=self.colour.colour,
                size=float(self.size.value()),
                symbol=self.symbol.currentData(),
            )
        if mode == "category":
            column = self.category_column.currentData() or "category"
            defaults = self._default_category_colours(column)
            overrides = {
                name: btn.colour
                for name, btn in self._cat_buttons.items()
                if btn.colour != defaults.get(name)
            }
            st.update(category_column=column, category_colors=overrides)
        if mode == "choropleth":
            source = self.source.currentData()
            spec: dict[str, Any] = {
                "source": source,
                "scheme": self.scheme.currentData(),
                "k": int(self.k.value()),
                "ramp": self.ramp.currentData(),
            }
            if source == "attribute":
                spec["column"] = self.attribute.currentData()
            else:
                spec["layer_id"] = self.counted.currentData()
            st["choropleth"] = spec
        if mode == "raster":
            st["raster"] = {
                **(self._style.get("raster") or {}),
                "ramp": self.raster_ramp.currentData(),
            }
        if mode == "classes":
            for col in styling.CLASS_PALETTES:
                if col in self.layer.frame:
                    st["classes_column"] = col
                    break
        return st

    def _default_category_colours(self, column: str) -> dict[str, str]:
        proxy = layer_copy_with_style(
            self.layer,
            {**self._style, "category_column": column, "category_colors": {}},
        )
        return styling.category_colours(proxy)

    def _fill_category_table(self, *_args) -> None:
        column = self.category_column.currentData()
        self.category_table.setRowCount(0)
        self._cat_buttons = {}
        if not column:
            return
        current = (
            self._style.get("category_colors") or {}
            if self._style.get("category_column", "category") == column
            else {}
        )
        colours = {**self._default_category_colours(column), **current}
        names = list(colours)[:MAX_CATEGORY_ROWS]
        self.category_table.setRowCount(len(names))
        for r, name in enumerate(names):
            item = QtWidgets.QTableWidgetItem(vocab(name))
            item.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)
            self.category_table.setItem(r, 0, item)
            btn = ColourButton(colours[name])
            btn.colour_changed.connect(self._changed)
            self.category_table.setCellWidget(r, 1, btn)
            self._cat_buttons[name] = btn
        self._changed()

    def _reset_category_colours(self) -> None:
        column = self.category_column.currentData()
        if not column:
            return
        for name, colour in self._default_category_colours(column).items():
            if name in self._cat_buttons:
                self._cat_buttons[name].set_colour(colour)

    def category_button(self, name: str) -> ColourButton:
        """The colour button of a category (tests, scripted use)."""
        return self._cat_buttons[name]

    # -- reactions ------------------------------------------------------------------------
    def _on_mode(self, *_args) -> None:
        mode = self.mode.currentData()
        poly = self._polygonal
        show = {
            self.colour_row: mode == "single",
            self.category_row: mode == "category",
            self.choro_row: mode == "choropleth",
            self.raster_row: mode == "raster",
            self.size_row: not poly and mode != "raster",
            self.symbol_row: not poly and mode != "raster",
            self.fill_opacity_row: poly and mode != "raster",
            self.outline_row: poly and mode != "raster",
        }
        for (lab, widget), visible in show.items():
            lab.setVisible(visible)
            widget.setVisible(visible)
        if mode == "choropleth" and self.fill_opacity.value() == 0:
            self.fill_opacity.setValue(75)
        self._on_source()

    def _on_source(self, *_args) -> None:
        source = self.source.currentData()
        self.attribute.setVisible(source == "attribute")
        self.attribute_label.setVisible(source == "attribute")
        self.counted.setVisible(source != "attribute")
        self.counted_label.setVisible(source != "attribute")
        self._changed()

    def _changed(self, *_args) -> None:
        if not self._building:
            self._preview_timer.start()

    def pending_classification(
        self, style: dict[str, Any]
    ) -> tuple[styling.Classification | None, str | None]:
        """Choropleth classes for a pending style, or why there are none."""
        if style.get("mode") != "choropleth":
            return None, None
        from workstation.analysis.choropleth import has_polygon_index
        from workstation.qt.map.canvas import ASYNC_INDEX_ROWS, choropleth_values_for

        spec = style.get("choropleth") or {}
        counted_id = spec.get("layer_id")
        if spec.get("source") in ("count", "rate") and counted_id in self.project:
            counted = self.project.layer(counted_id)
            if len(counted) > ASYNC_INDEX_ROWS and not has_polygon_index(
                self.layer, counted
            ):
                # the first count over a big layer runs off the UI thread
                if self.canvas is not None and hasattr(
                    self.canvas, "build_polygon_index"
                ):
                    self.canvas.build_polygon_index(self.layer, counted)
                return None, translate(
                    "Style", "counting events per area in the background…"
                )
        try:
            values = choropleth_values_for(self.project, self.layer, style)
        except ValueError as exc:
            return None, str(exc)
        spec = style["choropleth"]
        finite = np.isfinite(values)
        cls = styling.classify_values(values, spec["scheme"], spec["k"], spec["ramp"])
        note = choropleth_caption(self.project, spec)
        missing = int((~finite).sum())
        if missing:
            note += translate(
                "Style", "; {missing} area(s) with no value (drawn empty)"
            ).format(missing=missing)
        if cls.k < spec["k"]:
            note += translate(
                "Style", "; only {k} distinct class(es) in the data"
            ).format(k=cls.k)
        if spec.get("source") == "rate":
            from workstation.analysis.choropleth import polygon_counts

            counted = self.project.layer(spec["layer_id"])
            counts = polygon_counts(
                self.layer, counted, self.project.filter.slice_for(counted)
            )
            few = int((finite & (counts < SMALL_COUNT)).sum())
            if few:
                note += translate(
                    "Style",
                    ". {few} area(s) have fewer than {small} events: their "
                    "rates swing a lot with one event more or less",
                ).format(few=few, small=SMALL_COUNT)
        return cls, note

    def update_preview(self) -> None:
        style = {**self._style, **self.style()}
        proxy = layer_copy_with_style(self.layer, style)
        cls, note = self.pending_classification(style)
        self.preview.clear()
        if style.get("mode") == "choropleth" and cls is None:
            busy = bool(note and note.startswith("counting"))
            self.preview_note.setText(
                translate("Style", "The legend appears when done: {note}").format(
                    note=note
                )
                if busy
                else translate("Style", "Cannot classify: {note}").format(note=note)
            )
            self.preview_note.setStyleSheet("color: #555;" if busy else "color: #a00;")
            return
        self.preview_note.setStyleSheet("color: #555;")
        if style.get("mode") == "raster":
            entries = raster_legend(proxy)
        else:
            entries = styling.legend_entries(proxy, classification=cls)
        for entry in entries:
            self.preview.addItem(
                QtWidgets.QListWidgetItem(legend_icon(entry), vocab(entry.label))
            )
        self.preview_note.setText(note or "")

    def _on_index_ready(self, layer_id: str, _error: str) -> None:
        if layer_id == self.layer_id:
            self._preview_timer.start()

    def legend_labels(self) -> list[str]:
        """The rows of the legend preview (tests)."""
        return [self.preview.item(i).text() for i in range(self.preview.count())]

    # -- apply -----------------------------------------------------------------------------
    def apply(self) -> None:
        if self.layer_id not in self.project:
            return
        new = self.style()
        self.project.set_style(self.layer_id, **new)
        self._style = styling.effective_style(self.project.layer(self.layer_id))
        self._preview_timer.stop()
        self.update_preview()
        self.applied.emit(self.layer_id)

    def accept(self) -> None:
        self.apply()
        super().accept()
