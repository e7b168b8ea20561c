"""Persistent settings (QSettings, INI format) and the user's data folder.

``WORKSTATION_SETTINGS_DIR`` (or :func:`use_settings_dir`) points both at a
folder of one's choosing: tests use a temporary folder so they never touch the
user's real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

ORGANISATION = "AnalystWorkstation"
APPLICATION = "Analyst Workstation"
MAX_RECENT = 10

_override: Path | None = None


def use_settings_dir(path: str | Path | None) -> None:
    """Keep settings and logs in ``path`` (None: back to the user's default)."""
    global _override
    _override = Path(path) if path is not None else None


def settings_dir() -> Path | None:
    if _override is not None:
        return _override
    env = os.environ.get("WORKSTATION_SETTINGS_DIR")
    return Path(env) if env else None


def settings() -> QSettings:
    """The application's QSettings (an INI file)."""
    folder = settings_dir()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        return QSettings(str(folder / "workstation.ini"), QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        ORGANISATION,
        "workstation",
    )


def user_data_dir() -> Path:
    """Folder for logs (crash tracebacks) and other per-user files."""
    folder = settings_dir()
    if folder is None:
        base = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.AppDataLocation
        )
        folder = Path(base) if base else Path.home() / ".analyst-workstation"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def recent_projects() -> list[str]:
    """Recently opened or saved projects, most recent first (existing files only)."""
    value = settings().value("recent/projects", [])
    if isinstance(value, str):
        value = [value] if value else []
    return [str(p) for p in (value or []) if p and Path(str(p)).exists()]


def add_recent_project(path: str | Path) -> list[str]:
    p = str(Path(path).resolve())
    items = [x for x in recent_projects() if x != p]
    items.insert(0, p)
    items = items[:MAX_RECENT]
    s = settings()
    s.setValue("recent/projects", items)
    s.sync()
    return items


def clear_recent_projects() -> None:
    s = settings()
    s.setValue("recent/projects", [])
    s.sync()
