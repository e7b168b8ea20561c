"""The timeline dock: stacked counts over time and the time-window brush."""

from workstation.qt.timeline.timeline import (
    TimelineCounts,
    TimelineWidget,
    timeline_counts,
)

__all__ = ["TimelineCounts", "TimelineWidget", "timeline_counts"]
