"""Crime-harm weights per crime type (Cambridge Crime Harm Index style).

The table lives in ``resources/lookups/harm_weights.csv`` (days of custody
equivalent per offence), with its source, derivation and assumptions in
``harm_weights.md`` beside it. Any count, KDE, Gi* or scan can be harm weighted
by passing ``harm_for(categories)`` as its weights.
"""

from __future__ import annotations

import csv
import re
import warnings as _warnings
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "lookups"
DEFAULT_TABLE = RESOURCES / "harm_weights.csv"
COMPONENTS_TABLE = RESOURCES / "harm_components.csv"
#: weight given to a category that is not in the table
UNKNOWN_WEIGHT = 1.0

HARM_SOURCE = (
    "Harm weights: days of custody equivalent per offence in the style of the "
    "Cambridge Crime Harm Index (Sherman, Neyroud & Neyroud 2016, Policing 10(3)); "
    "each police.uk category is a volume-weighted blend of its offence subgroups, so "
    "weights describe categories, not individual incidents (see "
    "resources/lookups/harm_weights.md)."
)


class HarmTableError(ValueError):
    """A harm table that cannot be used (names the file, row and column)."""


def normalise_category(name: object) -> str:
    """Case-, space- and punctuation-insensitive key ('violent-crime' == 'Violent crime')."""
    text = "" if name is None else str(name)
    text = text.lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@lru_cache(maxsize=8)
def _load(path_text: str, mtime: float) -> tuple[tuple[str, float], ...]:
    path = Path(path_text)
    rows: list[tuple[str, float]] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
        if "category" not in fields or "harm_days" not in fields:
            raise HarmTableError(
                f"{path}: needs columns 'category' and 'harm_days' (found "
                f"{', '.join(reader.fieldnames or []) or 'none'})"
            )
        cat_key = reader.fieldnames[fields.index("category")]
        w_key = reader.fieldnames[fields.index("harm_days")]
        seen: set[str] = set()
        for i, rec in enumerate(reader, start=2):
            cat = (rec.get(cat_key) or "").strip()
            raw = (rec.get(w_key) or "").strip()
            if not cat:
                raise HarmTableError(f"{path}: row {i}, column 'category': empty")
            try:
                value = float(raw)
            except ValueError:
                raise HarmTableError(
                    f"{path}: row {i}, column 'harm_days': {raw!r} is not a number"
                ) from None
            if not np.isfinite(value) or value < 0:
                raise HarmTableError(
                    f"{path}: row {i}, column 'harm_days': {raw!r} must be a "
                    "non-negative number"
                )
            key = normalise_category(cat)
            if key in seen:
                raise HarmTableError(
                    f"{path}: row {i}, column 'category': {cat!r} appears twice"
                )
            seen.add(key)
            rows.append((cat, value))
    if not rows:
        raise HarmTableError(f"{path}: the harm table has no rows")
    return tuple(rows)


def harm_weights(table: str | Path | None = None) -> dict[str, float]:
    """Crime type -> harm weight (days), from ``table`` or the bundled CCHI-style table."""
    path = Path(table) if table is not None else DEFAULT_TABLE
    if not path.is_file():
        raise FileNotFoundError(2, "harm table not found", str(path))
    return dict(_load(str(path.resolve()), path.stat().st_mtime))


def harm_for(
    categories: Iterable[object] | pd.Series | np.ndarray,
    *,
    table: str | Path | None = None,
    warnings_out: list[str] | None = None,
) -> np.ndarray:
    """Harm weight of each record's crime type, float64, aligned with ``categories``.

    Names match whatever their case, spacing or punctuation. Unknown or missing
    categories get weight 1 and a warning naming them and how many records they
    cover: appended to ``warnings_out`` if given, else issued as a
    :class:`UserWarning`.
    """
    weights = {normalise_category(k): v for k, v in harm_weights(table).items()}
    cat = pd.Categorical(pd.Series(categories, dtype="object"))
    names = list(cat.categories)
    lut = np.array(
        [weights.get(normalise_category(n), np.nan) for n in names] + [np.nan],
        dtype=float,
    )
    codes = np.asarray(cat.codes, dtype=np.int64)
    codes = np.where(codes < 0, len(names), codes)  # missing -> the NaN slot
    out = lut[codes]
    unknown = ~np.isfinite(out)
    if unknown.any():
        counts = pd.Series(codes[unknown]).value_counts()
        parts = []
        for code, n in counts.items():
            label = names[code] if code < len(names) else "(missing)"
            parts.append(f"{label!r} ({n:,})")
        msg = (
            f"{int(unknown.sum()):,} record(s) have crime types with no harm weight, "
            f"weighted {UNKNOWN_WEIGHT:g} day each: " + ", ".join(parts[:10])
        )
        if len(parts) > 10:
            msg += f" and {len(parts) - 10} more"
        if warnings_out is not None:
            warnings_out.append(msg)
        else:
            _warnings.warn(msg, UserWarning, stacklevel=2)
        out[unknown] = UNKNOWN_WEIGHT
    return out


def blended_weights(components: str | Path | None = None) -> dict[str, float]:
    """Volume-weighted CCHI blend per category from a components table.

    ``harm_days = Σ cchi_days × annual_volume / Σ annual_volume`` per category: how
    the bundled weights were derived (see ``harm_weights.md``).
    """
    path = Path(components) if components is not None else COMPONENTS_TABLE
    df = pd.read_csv(path)
    missing = {"category", "cchi_days", "annual_volume"} - set(df.columns)
    if missing:
        raise HarmTableError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    harm = df["cchi_days"].astype(float) * df["annual_volume"].astype(float)
    grouped = (
        pd.DataFrame({"c": df["category"], "h": harm, "v": df["annual_volume"]})
        .groupby("c", sort=True)
        .sum()
    )
    return {str(k): float(h / v) for k, h, v in grouped.itertuples()}
