"""One way to write numbers, p-values, class names and column titles (Qt-free).

The window's result tables and summaries use these, and the exporters can too, so
that the same figure reads the same everywhere: counts as whole numbers with
thousands separators ("1,234"), p-values to three decimals with a floor
("< 0.001"), shares as percentages ("12.5 %"), hot spot classes and emerging
patterns in words ("Hot spot, 99 % confidence", "New hot spot"), and column names
as titles ("p (FDR)", "Harm excess").
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from workstation.styling import class_label

__all__ = [
    "cell",
    "class_label",
    "column_kind",
    "column_title",
    "count",
    "fairness_reading",
    "number",
    "p_value",
    "percent",
]

#: columns that hold whole counts of events, cells or visits
COUNT_COLUMNS = frozenset(
    {
        "rank", "observed", "count", "cells", "events", "n", "n_events", "visits",
        "last_year", "treated", "control", "buffer", "hits", "crimes", "calls",
    }
)  # fmt: skip
#: columns that hold p-values (raw or adjusted)
P_COLUMNS = frozenset({"p", "p_value", "p_fdr", "p_sim", "trend_p", "p_fdr_trend"})
#: columns that hold class or pattern names
CLASS_COLUMNS = frozenset({"hotspot_class", "pattern", "class"})
#: columns that hold shares (0-1) shown as percentages
SHARE_COLUMNS = frozenset({"share", "coverage", "hit_rate", "share_of_events"})

#: columns that hold a difference of two shares, shown in percentage points
POINTS_COLUMNS = frozenset({"dosage_minus_harm"})

#: titles for column names that do not read well as they are
TITLES = {
    "imd_decile": "IMD decile (1 = most deprived)",
    "places_share": "Share of places",
    "dosage_share": "Share of patrol time",
    "crime_share": "Share of crime",
    "harm_share": "Share of harm",
    "dosage_minus_harm": "Patrol time minus harm",
    "p": "p",
    "p_fdr": "p (FDR)",
    "p_value": "p",
    "trend_p": "Trend p",
    "trend_z": "Trend z",
    "gi_z": "Gi* z",
    "harm_excess": "Harm excess",
    "harm_weight": "Harm weight",
    "knox_ratio": "Knox ratio",
    "area_type": "Area type",
    "area_code": "Area code",
    "area_name": "Area",
    "hotspot_class": "Class",
    "pattern": "Pattern",
    "last_year": "Last year",
    "cell_id": "Cell",
    "space_band": "Distance",
    "time_band": "Time",
}


def _missing(v: Any) -> bool:
    if v is None or v is pd.NaT:
        return True
    if isinstance(v, float | np.floating):
        return not math.isfinite(float(v))
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def count(v: Any) -> str:
    """A count: "1,234" (rounded to a whole number); blank when missing."""
    if _missing(v):
        return ""
    return f"{round(float(v)):,}"


def p_value(p: Any) -> str:
    """A p-value: "< 0.001" below a thousandth, else three decimals ("0.042")."""
    if _missing(p):
        return ""
    p = float(p)
    if p < 0.001:
        return "< 0.001"
    return f"{min(p, 1.0):.3f}"


def percent(share: Any, decimals: int = 1) -> str:
    """A share of 1 as a percentage: 0.125 -> "12.5 %"."""
    if _missing(share):
        return ""
    return f"{float(share) * 100:,.{decimals}f} %"


def number(v: Any) -> str:
    """Any other figure: thousands separators, about three significant digits.

    Whole values print without decimals ("2,051"), others with one decimal at 10
    and above ("45.7"), two below 10 ("3.14") and three below 0.1 ("0.042").
    """
    if _missing(v):
        return ""
    x = float(v)
    if x.is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    a = abs(x)
    if a >= 10:
        return f"{x:,.1f}"
    if a >= 0.1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def column_kind(column: str) -> str:
    """``"count"``, ``"p"``, ``"class"``, ``"share"`` or ``"other"`` for a column."""
    c = str(column).lower()
    if c in P_COLUMNS or c.startswith("p_"):
        return "p"
    if c in COUNT_COLUMNS or c.startswith("n_"):
        return "count"
    if c in CLASS_COLUMNS:
        return "class"
    if c in SHARE_COLUMNS or c.endswith("_share"):
        return "share"
    if c in POINTS_COLUMNS:
        return "points"
    return "other"


def column_title(column: str) -> str:
    """A column name as a title: ``p_fdr`` -> "p (FDR)", ``area_type`` -> "Area type"."""
    c = str(column)
    if c in TITLES:
        return TITLES[c]
    text = c.replace("_", " ")
    return text[:1].upper() + text[1:]


def cell(v: Any, column: str = "") -> str:
    """The text of one table cell, by what its column holds."""
    if _missing(v):
        return ""
    kind = column_kind(column) if column else "other"
    if isinstance(v, bool | np.bool_):
        return "yes" if v else "no"
    if kind == "class":
        return class_label(str(v))
    if isinstance(v, int | float | np.integer | np.floating):
        if kind == "p":
            return p_value(v)
        if kind == "count":
            return count(v)
        if kind == "share":
            return percent(v)
        if kind == "points":
            return f"{float(v) * 100:+.1f} points"
        return number(v)
    if isinstance(v, pd.Timestamp):
        return f"{v:%d %b %Y}" if v == v.normalize() else f"{v:%d %b %Y %H:%M}"
    return str(v)


def fairness_reading(table: pd.DataFrame, deciles: int = 3) -> str:
    """One line that reads a patrol plan's fairness table (shares by IMD decile).

    "The most deprived 30 % of areas (IMD deciles 1-3) get 45.0 % of patrol time
    and have 38.0 % of the harm." Harm when the table has it, else crime.
    """
    if table is None or not len(table) or "dosage_share" not in table:
        return ""
    low = table[table["imd_decile"] <= deciles]
    of = (
        "harm"
        if "harm_share" in table and table["harm_share"].notna().any()
        else "crime"
    )
    have = low[f"{of}_share"].sum() if f"{of}_share" in low else float("nan")
    text = (
        f"The most deprived {deciles * 10} % of areas (IMD deciles 1-{deciles}) get "
        f"{percent(low['dosage_share'].sum())} of patrol time"
    )
    if math.isfinite(float(have)):
        text += f" and have {percent(have)} of the {of}"
    return text + "."
