"""The map: canvas, layer items, tools, basemap and map furniture."""

from workstation.qt.map.canvas import MapCanvas

__all__ = ["MapCanvas"]
