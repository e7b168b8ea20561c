"""Analysis and plan panels, discovered from the ``*_panel`` modules in this package.

Each module defines ``class Panel(QWidget)`` with class attributes ``TITLE`` and
``MENU`` ("Analysis" or "Plan"), constructed ``Panel(project, jobs, parent=None)``.
A module that fails to import is listed with the reason, so the window can show a
disabled menu entry saying why instead of failing to open.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path

MENUS = ("Analysis", "Plan")


@dataclass(frozen=True)
class PanelInfo:
    """One discovered panel module: its class, or why it could not be loaded."""

    module: str
    title: str
    menu: str
    cls: type | None = None
    error: str | None = None

    @property
    def available(self) -> bool:
        return self.cls is not None


def _title_from(name: str) -> str:
    return name.removesuffix("_panel").replace("_", " ").capitalize()


def discover_panels() -> list[PanelInfo]:
    """Every ``*_panel`` module here, importable or not, sorted by menu and title."""
    out: list[PanelInfo] = []
    folder = Path(__file__).parent
    for info in pkgutil.iter_modules([str(folder)]):
        if not info.name.endswith("_panel"):
            continue
        full = f"{__name__}.{info.name}"
        try:
            mod = importlib.import_module(full)
            cls = mod.Panel
            title = str(getattr(cls, "TITLE", _title_from(info.name)))
            menu = str(getattr(cls, "MENU", "Analysis"))
            if menu not in MENUS:
                menu = "Analysis"
            out.append(PanelInfo(full, title, menu, cls=cls))
        except Exception as exc:  # a broken panel must not stop the window
            out.append(
                PanelInfo(
                    full,
                    _title_from(info.name),
                    "Analysis",
                    error=f"{type(exc).__name__}: {exc}",
                )
            )
    out.sort(key=lambda p: (MENUS.index(p.menu), p.title.lower()))
    return out


__all__ = ["MENUS", "PanelInfo", "discover_panels"]
