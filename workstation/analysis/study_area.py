"""The project's study area: its force-area boundary layer, when it has one."""

from __future__ import annotations

from typing import Any

from layers.kinds import LayerKind
from layers.layer import Layer


def force_area_layer(project: Any) -> Layer | None:
    """The project's force boundary: a BOUNDARY layer named like "force area"
    (or "force boundary"), else the only BOUNDARY layer with a single feature.

    ``None`` when there is no such layer, or when several single-feature
    boundary layers make the choice ambiguous.
    """
    if project is None:
        return None
    bounds = [lyr for lyr in project.layers if lyr.kind == LayerKind.BOUNDARY]
    named = [lyr for lyr in bounds if "force" in lyr.name.lower()]
    if named:
        return named[0]
    single = [lyr for lyr in bounds if len(lyr) == 1]
    return single[0] if len(single) == 1 else None
