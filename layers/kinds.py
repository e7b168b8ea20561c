"""Layer kinds and the canonical columns each kind carries after any reader."""

from __future__ import annotations

from enum import StrEnum


class LayerKind(StrEnum):
    CRIME = "crime"
    DEMAND = "demand"
    ASSET = "asset"
    BOUNDARY = "boundary"
    RESULT = "result"

    @property
    def is_temporal(self) -> bool:
        return self in (LayerKind.CRIME, LayerKind.DEMAND)

    @property
    def label(self) -> str:
        return {
            LayerKind.CRIME: "Crime",
            LayerKind.DEMAND: "Calls for service",
            LayerKind.ASSET: "Community assets",
            LayerKind.BOUNDARY: "Boundaries",
            LayerKind.RESULT: "Analysis result",
        }[self]


REQUIRED_COLUMNS: dict[LayerKind, tuple[str, ...]] = {
    LayerKind.CRIME: ("occurred_at", "category"),
    LayerKind.DEMAND: ("occurred_at", "category"),
    LayerKind.ASSET: ("name", "asset_type"),
    LayerKind.BOUNDARY: ("area_code", "area_name"),
    LayerKind.RESULT: (),
}

OPTIONAL_COLUMNS: dict[LayerKind, tuple[str, ...]] = {
    LayerKind.CRIME: (
        "crime_id",
        "month",
        "outcome",
        "location",
        "lsoa_code",
        "lsoa_name",
        "reported_by",
        "falls_within",
        "context",
        "harm",
    ),
    LayerKind.DEMAND: (
        "call_id",
        "grade",
        "source_priority",
        "threat",
        "harm_risk",
        "vulnerability",
        "repeat_caller",
        "closed_at",
        "response_s",
    ),
    LayerKind.ASSET: ("asset_id", "opening_hours", "address", "postcode"),
    LayerKind.BOUNDARY: ("population", "imd_decile"),
    LayerKind.RESULT: (),
}

#: Geometry types each kind accepts (shapely geom_type names).
GEOMETRY_TYPES: dict[LayerKind, tuple[str, ...]] = {
    LayerKind.CRIME: ("Point",),
    LayerKind.DEMAND: ("Point",),
    LayerKind.ASSET: ("Point", "Polygon", "MultiPolygon"),
    LayerKind.BOUNDARY: ("Polygon", "MultiPolygon"),
    LayerKind.RESULT: (
        "Point",
        "Polygon",
        "MultiPolygon",
        "LineString",
        "MultiLineString",
        "MultiPoint",
    ),
}

#: Call grades (THRIVE-style response grades used by UK forces).
GRADES: dict[int, str] = {
    1: "Emergency",
    2: "Priority",
    3: "Scheduled",
    4: "No deployment",
}

TIME_PRECISIONS = ("month", "day", "second")
