"""Qt-free data model of the Analyst Workstation: layers, project, filter, readers."""

__version__ = "0.1.0"

from layers.filtering import FilterModel, FilterState, TimeWindow
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.progress import Cancelled, NullProgress, Progress
from layers.project import Project, Selection
from layers.validation import DataError, ReadReport, RejectedRow

__all__ = [
    "Cancelled",
    "DataError",
    "FilterModel",
    "FilterState",
    "Layer",
    "LayerKind",
    "NullProgress",
    "Progress",
    "Project",
    "ReadReport",
    "RejectedRow",
    "Selection",
    "TimeWindow",
]
