"""Dockable panels: layers (with legends)."""

from workstation.qt.panels.layers import LayerPanel

__all__ = ["LayerPanel"]
