"""About box (version, licences, data attributions) and the user guide viewer."""

from __future__ import annotations

import html
import platform
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from layers import __version__
from layers.project import Project
from workstation.qt.i18n import translate

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "user-guide.md"

#: Libraries the application is built on, with their licences.
LIBRARIES = (
    ("PySide6", "LGPL-3.0 (Qt for Python)"),
    ("pyqtgraph", "MIT"),
    ("numpy", "BSD-3-Clause"),
    ("pandas", "BSD-3-Clause"),
    ("geopandas", "BSD-3-Clause"),
    ("shapely", "BSD-3-Clause"),
    ("pyogrio", "MIT (GDAL: MIT)"),
    ("pyproj", "MIT (PROJ: MIT)"),
    ("rasterio", "BSD-3-Clause"),
    ("scipy", "BSD-3-Clause"),
    ("esda", "BSD-3-Clause (PySAL)"),
    ("libpysal", "BSD-3-Clause (PySAL)"),
    ("pointpats", "BSD-3-Clause (PySAL)"),
    ("mapclassify", "BSD-3-Clause (PySAL)"),
    ("pymannkendall", "MIT"),
    ("networkx", "BSD-3-Clause"),
    ("folium", "MIT (Leaflet: BSD-2-Clause)"),
    ("convertbng", "MIT (OSTN15 transformation: OS, OGL)"),
    ("timezonefinder", "MIT"),
    ("psygnal", "BSD-3-Clause"),
)

OGL = QT_TRANSLATE_NOOP(
    "About",
    "Contains public sector information licensed under the Open Government "
    "Licence v3.0.",
)
ONS = QT_TRANSLATE_NOOP(
    "About",
    "Source: Office for National Statistics licensed under the Open Government "
    "Licence v.3.0. Contains OS data © Crown copyright and database right.",
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return translate("About", "not installed")


def attributions(project: Project | None) -> list[str]:
    """Attribution lines the loaded data need (from each layer's provenance)."""
    lines = [
        translate("About", "data.police.uk street-level crime: ")
        + translate("About", OGL),
        translate("About", "ONS boundaries and Census 2021: ")
        + translate("About", ONS),
        translate(
            "About",
            "OSTN15 (British National Grid transformation): © Crown copyright, "
            "Ordnance Survey, OGL.",
        ),
    ]
    for lyr in project.layers if project is not None else []:
        prov = lyr.provenance or {}
        for key in ("attribution", "licence", "license", "source"):
            val = prov.get(key)
            if isinstance(val, str) and val:
                lines.append(f"{lyr.name}: {val}")
                break
    return list(dict.fromkeys(lines))


def about_html(project: Project | None = None) -> str:
    libs = "".join(
        f"<tr><td>{html.escape(n)}</td><td>{html.escape(_version(n))}</td>"
        f"<td>{html.escape(lic)}</td></tr>"
        for n, lic in LIBRARIES
    )
    attr = "".join(f"<li>{html.escape(a)}</li>" for a in attributions(project))
    return (
        f"<h2>Analyst Workstation {html.escape(__version__)}</h2><p>"
        + translate(
            "About",
            "Desktop GIS for police intelligence analysts and neighbourhood "
            "inspectors: crime and demand mapping, hot spots, patrol plans and "
            "briefings.",
        )
        + "</p><p>"
        + translate("About", "Python {version} on {system}.").format(
            version=platform.python_version(), system=html.escape(platform.system())
        )
        + "</p><h3>"
        + translate("About", "Data attributions")
        + f"</h3><ul>{attr}</ul><h3>"
        + translate("About", "Open-source components")
        + "</h3><table cellspacing='6'><tr><th align='left'>"
        + translate("About", "Library")
        + "</th><th align='left'>"
        + translate("About", "Version")
        + "</th><th align='left'>"
        + translate("About", "Licence")
        + f"</th></tr>{libs}</table>"
    )


class AboutDialog(QDialog):
    def __init__(self, project: Project | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("About", "About Analyst Workstation"))
        self.resize(620, 620)
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(about_html(project))
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


class UserGuideDialog(QDialog):
    """``docs/user-guide.md`` rendered as rich text."""

    def __init__(self, parent: QWidget | None = None, path: Path = GUIDE):
        super().__init__(parent)
        self.setWindowTitle(translate("About", "User guide"))
        self.resize(820, 760)
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        if path.exists():
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        else:
            lay.addWidget(
                QLabel(
                    translate("About", "The user guide is missing ({path}).").format(
                        path=path
                    )
                )
            )
        lay.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
