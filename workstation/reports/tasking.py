"""Saved patrol plans of a period (the tasking a report looks back on).

The plans store (``layers/plans.py``, a ``workstation_plans`` table) is being
added on another branch. Until it is merged, :func:`saved_plans` finds none, and
the "last period's tasking" section says so. Point this one function at the
store when it lands: every report reads plans only through it.
"""

from __future__ import annotations

from typing import Any

from layers.project import Project
from workstation.reports.compare import Window


def saved_plans(project: Project, window: Window) -> list[dict[str, Any]]:
    """Saved patrol plans whose visits fall in ``window`` (none until the store lands).

    Each plan is a mapping with ``id``, ``params``, ``places`` (a GeoDataFrame of
    the planned places with ``planned_minutes``) and ``delivered_minutes`` per
    place, so the section can show planned against delivered dosage.
    """
    del project, window  # no plans store on this branch yet
    return []


NO_PLAN = (
    "No saved patrol plan in the period, so there is no planned against delivered "
    "dosage to report and no evaluation of last period's tasking."
)
