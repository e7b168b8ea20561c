"""Analysis > Live demand: the panel is :class:`workstation.qt.live.LivePanel`."""

from workstation.qt.live import LivePanel as Panel

__all__ = ["Panel"]
