"""The Analyst Workstation application: analysis, exports, Qt user interface, CLI."""

from layers import __version__

__all__ = ["__version__"]
