"""The project: an evented list of layers, one filter, one selection, metadata, audit."""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from layers.crs import BNG
from layers.events import Signal
from layers.filtering import FilterModel
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.marking import MARKINGS, clean_reason, lowering_phrase, marking_str
from layers.validation import DataError

if TYPE_CHECKING:
    from layers.audit import AuditCheck
    from layers.store_parquet import StoreRef


class Selection:
    """Picked features as ``(layer_id, row positions)``; shared by every view."""

    changed = Signal()

    def __init__(self) -> None:
        self._rows: dict[str, np.ndarray] = {}

    def set(self, layer_id: str, rows: Any, *, replace_all: bool = True) -> None:
        arr = np.sort(
            np.asarray(
                list(rows) if not hasattr(rows, "__len__") else rows, dtype=np.int64
            )
        )
        if len(arr) > 1:  # sorted unique (np.unique hashes: 10x slower for 1M rows)
            arr = arr[np.r_[True, arr[1:] != arr[:-1]]]
        new = {} if replace_all else dict(self._rows)
        if len(arr):
            new[layer_id] = arr
        else:
            new.pop(layer_id, None)
        if _same(new, self._rows):
            return
        self._rows = new
        self.changed.emit()

    def clear(self) -> None:
        if self._rows:
            self._rows = {}
            self.changed.emit()

    def drop_layer(self, layer_id: str) -> None:
        if layer_id in self._rows:
            self._rows = {k: v for k, v in self._rows.items() if k != layer_id}
            self.changed.emit()

    def rows_for(self, layer_id: str) -> np.ndarray:
        return self._rows.get(layer_id, np.zeros(0, dtype=np.int64))

    def items(self) -> list[tuple[str, np.ndarray]]:
        return list(self._rows.items())

    def __len__(self) -> int:
        return int(sum(len(v) for v in self._rows.values()))

    def __bool__(self) -> bool:
        return bool(self._rows)


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


@dataclass
class ProjectMetadata:
    title: str = "Untitled project"
    author: str = field(default_factory=lambda: _user())
    marking: str = "OFFICIAL"
    marking_descriptor: str = ""
    crs: str = BNG
    timezone: str = "Europe/London"
    extent: tuple[float, float, float, float] | None = None
    notes: str = ""
    #: the window's analysis panels (settings and last results), JSON, by panel
    panels: dict[str, Any] = field(default_factory=dict)

    @property
    def marking_text(self) -> str:
        if self.marking_descriptor:
            return f"{self.marking} - {self.marking_descriptor}"
        return self.marking

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "author": self.author,
            "marking": self.marking,
            "marking_descriptor": self.marking_descriptor,
            "crs": self.crs,
            "timezone": self.timezone,
            "extent": list(self.extent) if self.extent else None,
            "notes": self.notes,
            "panels": self.panels,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ProjectMetadata:
        m = cls()
        for k, v in d.items():
            if hasattr(m, k):
                setattr(m, k, tuple(v) if k == "extent" and v else v)
        return m


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


@dataclass(frozen=True)
class AuditEntry:
    time: str
    user: str
    action: str
    parameters: dict[str, Any]
    input_hashes: dict[str, str]
    software_version: str
    #: the chain: the entry before's hash, this entry's keyed hash, the key's id;
    #: set once, by :func:`layers.audit.seal`, and never recomputed
    prev_hash: str = ""
    entry_hash: str = ""
    key_id: str = ""


def frame_hash(layer: Layer) -> str:
    """A content hash of a layer's rows (geometry and attributes), for the audit trail.

    Datetimes are hashed as their UTC instants (int64 ns, floored to the
    millisecond a GeoPackage stores), other columns through
    pandas' vectorised row hashing, so a 250k-row layer hashes in well under a second.
    """
    import pandas as pd

    from layers.layer import times_to_ns

    h = hashlib.sha256()
    f = layer.frame
    # a missing geometry hashes as a marker no WKB can equal
    h.update(
        b"".join(
            b"\x00null" if w is None else w for w in f.geometry.to_wkb().to_numpy()
        )
    )
    attrs = f.drop(columns=f.geometry.name)
    for col in attrs.columns:
        s = attrs[col]
        h.update(str(col).encode("utf-8"))
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            # at the millisecond, as a GeoPackage keeps times (it truncates the
            # rest), so a layer saved and opened again hashes the same
            ns = times_to_ns(s)
            h.update((ns - ns % 1_000_000).tobytes())
        else:
            try:
                vals = pd.util.hash_pandas_object(s, index=False).to_numpy()
            except TypeError:  # unhashable values (lists, dicts)
                vals = pd.util.hash_pandas_object(s.astype(str), index=False).to_numpy()
            h.update(vals.tobytes())
    return h.hexdigest()[:16]


class Project:
    """Layers by stable id in drawing order (first = bottom), plus filter and selection."""

    layer_added = Signal(object)  # Layer
    layer_removed = Signal(str)  # layer id
    layer_changed = Signal(str)  # layer id (style, visibility, name)
    order_changed = Signal()
    metadata_changed = Signal()
    dirty_changed = Signal(bool)
    zoom_requested = Signal(object)  # (xmin, ymin, xmax, ymax) in the working CRS
    #: a layer grew: layer id, first new row, end (exclusive); the rows before stay
    rows_appended = Signal(str, int, int)
    store_added = Signal(object)  # StoreRef
    store_removed = Signal(str)  # StoreRef id

    def __init__(self, metadata: ProjectMetadata | None = None) -> None:
        self._layers: dict[str, Layer] = {}
        self._order: list[str] = []
        self.filter = FilterModel()
        self.selection = Selection()
        self.metadata = metadata or ProjectMetadata()
        self.audit: list[AuditEntry] = []
        #: layers kept in partitioned stores: the project holds references, not rows
        self.stores: list[StoreRef] = []
        #: what opening the file found about the trail (None for a new project)
        self.audit_check: AuditCheck | None = None
        self.path: str | None = None
        self._dirty = False
        self.filter.changed.connect(lambda _s: self.mark_dirty())

    # -- layers -----------------------------------------------------------
    @property
    def layers(self) -> list[Layer]:
        return [self._layers[i] for i in self._order]

    def layer(self, layer_id: str) -> Layer:
        return self._layers[layer_id]

    def __contains__(self, layer_id: str) -> bool:
        return layer_id in self._layers

    def layers_of(self, *kinds: LayerKind) -> list[Layer]:
        return [lyr for lyr in self.layers if lyr.kind in kinds]

    def add_layer(self, layer: Layer, *, index: int | None = None) -> Layer:
        if layer.id in self._layers:
            raise ValueError(f"layer id {layer.id} already in the project")
        if (
            layer.crs is not None
            and self.metadata.crs
            and not layer.crs.equals(self.metadata.crs)
        ):
            if not self._layers:
                self.metadata.crs = layer.crs.to_string()
            else:
                layer.frame = layer.frame.to_crs(self.metadata.crs)
                layer._cache.clear()
        self._layers[layer.id] = layer
        if index is None:
            self._order.append(layer.id)
        else:
            self._order.insert(index, layer.id)
        self.layer_added.emit(layer)
        self.mark_dirty()
        return layer

    def remove_layer(self, layer_id: str) -> None:
        if layer_id not in self._layers:
            return
        del self._layers[layer_id]
        self._order.remove(layer_id)
        self.selection.drop_layer(layer_id)
        self.layer_removed.emit(layer_id)
        self.mark_dirty()

    def append_rows(self, layer_id: str, grown: Layer) -> bool:
        """Take ``grown``'s rows into the layer if it keeps the layer's rows first.

        ``grown`` (made off the GUI thread, its derived arrays cached) must hold the
        layer's rows unchanged and in order, then the new ones; its frame and caches
        replace the layer's, which keeps its id, name, style and place, and views get
        ``rows_appended`` to add only the new rows. Returns False (nothing changed)
        when ``grown`` does not extend the layer (a row out of time order, another
        column or CRS): the caller then replaces the layer.
        """
        lyr = self._layers[layer_id]
        start, old_t, new_t = len(lyr), lyr.times_ns, grown.times_ns
        if (
            len(grown) < start
            or list(grown.frame.columns) != list(lyr.frame.columns)
            or (old_t is None) != (new_t is None)
            or (old_t is not None and not np.array_equal(new_t[:start], old_t))
            or not (grown.crs is None or lyr.crs is None or grown.crs.equals(lyr.crs))
        ):
            return False
        lyr.frame, lyr._times_ns, lyr._cache = grown.frame, new_t, grown._cache
        lyr.report = grown.report
        if len(grown) > start:
            self.rows_appended.emit(layer_id, start, len(grown))
            self.mark_dirty()
        return True

    def move_layer(self, layer_id: str, index: int) -> None:
        self._order.remove(layer_id)
        self._order.insert(index, layer_id)
        self.order_changed.emit()
        self.mark_dirty()

    def set_style(self, layer_id: str, **style: Any) -> None:
        lyr = self._layers[layer_id]
        new = {**lyr.style, **style}
        if new != lyr.style:
            lyr.style = new
            self.layer_changed.emit(layer_id)
            self.mark_dirty()

    def set_visible(self, layer_id: str, visible: bool) -> None:
        lyr = self._layers[layer_id]
        if lyr.visible != visible:
            lyr.visible = visible
            self.layer_changed.emit(layer_id)
            self.mark_dirty()

    def rename_layer(self, layer_id: str, name: str) -> None:
        lyr = self._layers[layer_id]
        if lyr.name != name:
            lyr.name = name
            self.layer_changed.emit(layer_id)
            self.mark_dirty()

    # -- store layers (references to partitioned stores) -------------------------
    def add_store(self, ref: StoreRef) -> StoreRef:
        """Refer to a store layer (saved with the project as its path and manifest hash)."""
        if any(r.id == ref.id for r in self.stores):
            raise ValueError(f"store reference {ref.id} already in the project")
        self.stores.append(ref)
        self.store_added.emit(ref)
        self.mark_dirty()
        return ref

    def remove_store(self, ref_id: str) -> None:
        before = len(self.stores)
        self.stores = [r for r in self.stores if r.id != ref_id]
        if len(self.stores) != before:
            self.store_removed.emit(ref_id)
            self.mark_dirty()

    def set_metadata(self, downgrade_reason: str | None = None, **values: Any) -> None:
        """Set metadata fields; a change of marking is checked and audited.

        Lowering the marking (:func:`layers.marking.lowering`: a lower
        classification, a descriptor dropped or changed) needs
        ``downgrade_reason``: DataError naming both markings without one, and
        with one when nothing is lowered. A lowering is recorded in the audit
        trail (``set_marking``: from, to and the reason).
        """
        for k, v in values.items():
            if not hasattr(self.metadata, k):
                raise AttributeError(k)
            if k == "marking" and v not in MARKINGS:
                raise ValueError(
                    f"unknown protective marking {v!r}; use one of {MARKINGS}"
                )
        old = self.metadata.marking_text
        reason = self._check_marking_change(values, downgrade_reason)
        for k, v in values.items():
            setattr(self.metadata, k, v)
        if reason:
            params = {"from": old, "to": self.metadata.marking_text}
            self.record("set_marking", {**params, "downgrade_reason": reason})
        self.metadata_changed.emit()
        self.mark_dirty()

    def _check_marking_change(self, values: dict[str, Any], reason: str | None) -> str:
        md = self.metadata
        was = (md.marking, md.marking_descriptor)
        new = (
            values.get("marking", md.marking),
            values.get("marking_descriptor", md.marking_descriptor),
        )
        reason = clean_reason(reason)
        lowered = lowering_phrase(was, new)
        if lowered and not reason:
            raise DataError(
                f"{lowered}; give a reason to lower it (--downgrade-reason TEXT); "
                "it goes into the audit trail",
                source=self.path or "project",
            )
        if reason and not lowered:
            raise DataError(
                f"a downgrade reason was given, but {marking_str(new)} does not "
                f"lower the project's marking {marking_str(was)}",
                source=self.path or "project",
            )
        return reason

    def request_zoom(self, bounds: tuple[float, float, float, float]) -> None:
        """Ask every map view to show ``bounds`` (working CRS)."""
        self.zoom_requested.emit(tuple(float(v) for v in bounds))

    # -- audit and state -----------------------------------------------------
    def record(
        self,
        action: str,
        parameters: dict[str, Any] | None = None,
        inputs: list[Layer] | None = None,
    ) -> AuditEntry:
        from layers import __version__
        from layers.audit import GENESIS, seal, sealed_trail

        entry = AuditEntry(
            time=datetime.now(UTC).isoformat(timespec="seconds"),
            user=_user(),
            action=action,
            parameters=dict(parameters or {}),
            input_hashes={lyr.id: frame_hash(lyr) for lyr in (inputs or [])},
            software_version=__version__,
        )
        self.audit[:] = sealed_trail(self.audit)
        entry = seal(entry, self.audit[-1].entry_hash if self.audit else GENESIS)
        self.audit.append(entry)
        self.mark_dirty()
        return entry

    @property
    def audit_intact(self) -> bool:
        """True unless opening the file found the trail broken or unverifiable."""
        return self.audit_check is None or self.audit_check.status == "intact"

    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self, dirty: bool = True) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
