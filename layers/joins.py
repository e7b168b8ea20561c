"""Attribute joins: add table columns (population, deprivation, ...) to areas by code.

A join never guesses across geography vintages. When codes do not match it says how
many and why; for LSOAs it detects a 2011/2021 vintage mismatch (from the column
headers, the layer's code column and the codes themselves: English LSOA codes above
E01033768 were created in 2021) and says that a lookup is needed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from layers.layer import Layer
from layers.readers._common import Table, normalise_name, read_table
from layers.validation import DataError

#: The highest English LSOA 2011 code; 2021 LSOAs that changed got new, higher codes.
LAST_LSOA11_ENGLAND = 33768
_LSOA_RE = re.compile(r"^E01(\d{6})$")
_NUM_CLEAN = re.compile(r"[\s,\u00a0\u202f£%]")


@dataclass(frozen=True)
class JoinReport:
    """What a join did: matched and unmatched areas and why, table rows used."""

    table: str
    left_on: str
    right_on: str
    columns_added: tuple[str, ...]
    features: int
    matched: int
    unmatched: int
    unmatched_codes: tuple[str, ...]
    table_rows: int
    not_data_rows: int
    rejected_rows: int
    duplicate_codes: int
    table_codes_unused: int
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        text = (
            f"{Path(self.table).name}: {self.matched:,} of {self.features:,} areas "
            f"matched on {self.left_on} = {self.right_on!r}"
        )
        if self.reasons:
            text += ". " + " ".join(self.reasons)
        return text

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["unmatched_codes"] = list(self.unmatched_codes)
        d["columns_added"] = list(self.columns_added)
        d["reasons"] = list(self.reasons)
        return d


def _norm_codes(values: pd.Series) -> pd.Series:
    s = values.astype("object").where(values.notna(), "")
    return s.astype(str).str.strip().str.upper()


def _numbers(values: pd.Series) -> tuple[pd.Series | None, int]:
    """Numeric version of a text column when every non-blank value is a number."""
    s = values.astype("object").where(values.notna(), "").astype(str).str.strip()
    blank = s.isin(["", "NA", "N/A", "NULL", "null", "-", ".."])
    cleaned = s.str.replace(_NUM_CLEAN, "", regex=True)
    num = pd.to_numeric(cleaned.where(~blank, ""), errors="coerce")
    bad = int((~blank & num.isna()).sum())
    if bad or (~blank).sum() == 0:
        return None, bad
    arr = np.array(num.to_numpy(dtype=float, na_value=np.nan), dtype=float)
    finite = np.isfinite(arr)
    if np.all(np.mod(arr[finite], 1) == 0) and np.all(np.abs(arr[finite]) < 2**53):
        out = pd.array(np.nan_to_num(arr).astype(np.int64), dtype="Int64")
        out[~finite] = pd.NA
        return pd.Series(out, index=values.index), 0
    return pd.Series(arr, index=values.index), 0


def _year_in(text: str) -> int | None:
    m = re.search(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)", text)
    if m:
        return int(m.group(1))
    m = re.search(r"lsoa_?(\d{2})_?(?:cd|code|nm)", normalise_name(text))
    if m:
        return 2000 + int(m.group(1))
    return None


def _layer_lsoa_year(layer: Layer, left_on: str, codes: pd.Series) -> int | None:
    src = str(layer.provenance.get("mapping", {}).get(left_on, ""))
    for text in (src, *layer.frame.columns):
        n = normalise_name(text)
        if "lsoa" in n or "super_output" in n:
            y = _year_in(text)
            if y:
                return y
    nums = codes.str.extract(_LSOA_RE)[0].dropna().astype(int)
    if (nums > LAST_LSOA11_ENGLAND).any():
        return 2021
    return None


def _table_lsoa_year(columns: list[str], codes: pd.Series) -> int | None:
    for c in columns:
        n = normalise_name(c)
        if "lsoa" in n or "super_output" in n:
            y = _year_in(c)
            if y:
                return y
    nums = codes.str.extract(_LSOA_RE)[0].dropna().astype(int)
    if len(nums) > 1000:
        return 2021 if (nums > LAST_LSOA11_ENGLAND).any() else 2011
    return None


def _why_unmatched(
    layer: Layer,
    left_on: str,
    left_codes: pd.Series,
    unmatched: list[str],
    table_columns: list[str],
    table_codes: pd.Series,
    label: str,
) -> list[str]:
    if not unmatched:
        return []
    n = len(unmatched)
    shown = ", ".join(unmatched[:5]) + (", ..." if n > 5 else "")
    is_lsoa = bool(left_codes.str.fullmatch(r"[EW]01\d{6}").mean() > 0.5)
    if not is_lsoa:
        return [f"{n} area code(s) are not in the table ({shown})."]
    ly = _layer_lsoa_year(layer, left_on, left_codes)
    ty = _table_lsoa_year(table_columns, table_codes)
    reasons = []
    welsh_out = [c for c in unmatched if c.startswith("W")]
    table_welsh = bool(table_codes.astype(str).str.startswith("W").any())
    if welsh_out and not table_welsh:
        # an England-only table (IMD): Welsh areas are out of its scope, whatever
        # the code vintage
        w = len(welsh_out)
        reasons.append(
            f"{w} Welsh area code{'s are' if w != 1 else ' is'} not in the {label} "
            "table, which has English codes only (for Wales use the Welsh Index "
            "of Multiple Deprivation or the Welsh part of the source)."
        )
        unmatched = [c for c in unmatched if not c.startswith("W")]
        n = len(unmatched)
        shown = ", ".join(unmatched[:5]) + (", ..." if n > 5 else "")
        if not unmatched:
            return reasons
    nums = pd.Series(unmatched).str.extract(_LSOA_RE)[0].dropna().astype(int)
    new21 = int((nums > LAST_LSOA11_ENGLAND).sum())
    if ly and ty and ly != ty:
        reasons.append(
            f"{n} LSOA {ly} code{'s are' if n != 1 else ' is'} not in the "
            f"{ty}-based {label} table; an LSOA {ty}->{ly} lookup is needed "
            "(no codes were guessed)."
        )
        if ly == 2021 and new21:
            reasons.append(
                f"{new21} of them {'are codes' if new21 != 1 else 'is a code'} "
                "created in 2021 (above E01033768), for LSOAs that were split, "
                "merged or redrawn."
            )
    elif ly is None and ty == 2021 and len(nums) == n and new21 == 0:
        reasons.append(
            f"{n} LSOA code{'s are' if n != 1 else ' is'} not in the 2021-based "
            f"{label} table ({shown}). They are in the 2011 code range (up to "
            "E01033768), so the layer's codes look like LSOA 2011 codes, some of "
            "which were retired in 2021; an LSOA 2011->2021 lookup is needed "
            "(no codes were guessed)."
        )
    else:
        vint = f"LSOA {ly}" if ly else "LSOA"
        reasons.append(f"{n} {vint} code(s) are not in the {label} table ({shown}).")
        welsh = int(pd.Series(unmatched).str.startswith("W").sum())
        if welsh:
            reasons.append(
                f"{welsh} of them are Welsh codes; the table may cover England only."
            )
    return reasons


def _guess_right_on(table: pd.DataFrame, left_codes: pd.Series, source: str) -> str:
    wanted = set(left_codes[left_codes != ""].to_numpy(dtype=object))
    best, best_share = None, 0.0
    for col in table.columns:
        if not wanted:
            break
        values = set(_norm_codes(table[col]).to_numpy(dtype=object))
        share = len(wanted & values) / len(wanted)
        bonus = 0.01 if re.search(r"code|cd|mnemonic|id", normalise_name(col)) else 0
        if share + bonus > best_share:
            best, best_share = col, share + bonus
    if best is None or best_share < 0.02:
        example = min(wanted) if wanted else ""
        raise DataError(
            f"no column of the table holds the layer's area codes (e.g. {example!r}); "
            "name it with right_on. Columns: " + ", ".join(table.columns),
            source=source,
        )
    return best


def join_attributes(
    layer: Layer,
    table_path: str | Path,
    *,
    left_on: str = "area_code",
    right_on: str | None = None,
    columns: list[str] | None = None,
    rename: dict[str, str] | None = None,
    label: str | None = None,
    table: Table | None = None,
) -> tuple[Layer, JoinReport]:
    """Add columns of a CSV table to a layer's features, matching codes.

    Parameters
    ----------
    layer
        Usually a BOUNDARY layer; any layer with a ``left_on`` column works.
    table_path
        A delimited text file (BOM, cp1252, footer notes and thousands separators
        are handled: rows without a code are counted as not data rows).
    left_on, right_on
        The code columns; ``right_on`` None picks the table column that holds the
        most of the layer's codes.
    columns
        Table columns to add (default: all but ``right_on``). Columns whose every
        value is a number become numbers (``"29,199"`` -> 29199).
    rename
        ``{table column: new name}``; other columns get normalised names.
    label
        What to call the table in messages (default: the file name).
    table
        The table already read with :func:`read_table` (saves reading it twice).

    Returns
    -------
    (Layer, JoinReport)
        A new Layer object with the same id, name, kind and style, the added
        columns, and the join recorded in ``provenance["joins"]``.
    """
    table_path = Path(table_path)
    label = label or table_path.name
    if left_on not in layer.frame:
        raise DataError(
            f"the layer has no column {left_on!r}", source=layer.name, column=left_on
        )
    if table is None:
        table = read_join_table(table_path)
    data = table.data
    left_codes = _norm_codes(layer.frame[left_on]).reset_index(drop=True)
    if right_on is None:
        right_on = _guess_right_on(data, left_codes, str(table_path))
    elif right_on not in data:
        norm = {normalise_name(c): c for c in data.columns}
        if normalise_name(right_on) in norm:
            right_on = norm[normalise_name(right_on)]
        else:
            raise DataError(
                f"the table has no column {right_on!r}; it has: "
                + ", ".join(data.columns),
                source=table_path,
                column=right_on,
            )
    codes = _norm_codes(data[right_on])
    not_data = codes == ""
    n_not_data = int(not_data.sum())
    data = data[~not_data.to_numpy()]
    codes = codes[~not_data.to_numpy()]
    dup_mask = codes.duplicated()
    n_dup = int(dup_mask.sum())
    first = data[~dup_mask.to_numpy()]
    first_codes = codes[~dup_mask.to_numpy()]
    if columns is None:
        columns = [c for c in data.columns if c != right_on]
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise DataError(
            "the table has no column(s) "
            + ", ".join(repr(m) for m in missing)
            + "; it has: "
            + ", ".join(data.columns),
            source=table_path,
        )
    rename = dict(rename or {})
    position = pd.Series(np.arange(len(first_codes)), index=first_codes.to_numpy())
    idx = pd.Series(left_codes.to_numpy(dtype=object)).map(position)
    matched_mask = idx.notna().to_numpy()
    take = idx.fillna(-1).astype(np.int64).to_numpy()
    frame = layer.frame.copy()
    added = []
    reasons: list[str] = []
    for col in columns:
        new = rename.get(col) or normalise_name(col) or col
        values, bad = _numbers(first[col])
        if values is None:
            values = pd.Series(
                first[col].astype("object").to_numpy(dtype=object), dtype="str"
            )
            if bad and bad < len(first) * 0.05:
                reasons.append(f"{col!r} kept as text: {bad} value(s) are not numbers.")
        values = values.reset_index(drop=True)
        picked = values.take(np.where(matched_mask, take, 0)).reset_index(drop=True)
        picked = picked.where(pd.Series(matched_mask), None)
        if pd.api.types.is_integer_dtype(values.dtype):
            picked = picked.astype("Int64")
        if new in frame.columns:
            reasons.append(f"column {new!r} replaced by the joined values.")
        frame[new] = picked.array
        added.append(new)
    matched = int(matched_mask.sum())
    unmatched_codes = sorted(set(left_codes[~matched_mask]) - {""})
    blank_left = int((left_codes == "").sum())
    reasons = (
        _why_unmatched(
            layer,
            left_on,
            left_codes,
            unmatched_codes,
            list(table.columns),
            first_codes,
            label,
        )
        + reasons
    )
    if blank_left:
        reasons.append(f"{blank_left} feature(s) have no {left_on}.")
    if n_not_data:
        reasons.append(
            f"{n_not_data} table row(s) have no code in {right_on!r} and are not "
            "data rows (footer or notes)."
        )
    if table.report.rows_rejected:
        reasons.append(
            f"{table.report.rows_rejected} table row(s) could not be read "
            f"({'; '.join(f'{k}: {v}' for k, v in table.report.by_reason().items())})."
        )
    if n_dup:
        reasons.append(
            f"{n_dup} code(s) appear more than once in the table; the first row of "
            "each was used."
        )
    left_set = set(left_codes.to_numpy(dtype=object))
    unused = sum(1 for c in first_codes.to_numpy(dtype=object) if c not in left_set)
    report = JoinReport(
        table=str(table_path),
        left_on=left_on,
        right_on=right_on,
        columns_added=tuple(added),
        features=len(left_codes),
        matched=matched,
        unmatched=len(left_codes) - matched,
        unmatched_codes=tuple(unmatched_codes),
        table_rows=len(data),
        not_data_rows=n_not_data,
        rejected_rows=table.report.rows_rejected,
        duplicate_codes=n_dup,
        table_codes_unused=unused,
        reasons=tuple(reasons),
    )
    provenance = dict(layer.provenance)
    joins = list(provenance.get("joins", []))
    rec = report.to_dict()
    rec["unmatched_codes"] = rec["unmatched_codes"][:200]
    rec["joined_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    rec["table_encoding"] = table.encoding
    joins.append(rec)
    provenance["joins"] = joins
    new_layer = Layer(
        name=layer.name,
        kind=layer.kind,
        frame=frame,
        time_precision=layer.time_precision,
        provenance=provenance,
        report=layer.report,
        style=dict(layer.style),
        id=layer.id,
        time_column=layer.time_column,
        visible=layer.visible,
    )
    return new_layer, report


def read_join_table(path: str | Path) -> Table:
    """A code table from delimited text or an .xlsx workbook.

    Workbooks such as the IMD 2019 File 1 put a "Notes" sheet first: the first
    sheet whose header names a code column (``... code ...``, ``...CD``) is read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DataError(
            "old Excel .xls workbooks are not read; save the sheet as .xlsx or CSV",
            source=path,
        )
    if suffix not in (".xlsx", ".xlsm"):
        return read_table(path)
    from openpyxl import load_workbook

    from layers.readers.calls import excel_to_text

    try:
        wb = load_workbook(path, read_only=True)
        names = list(wb.sheetnames)
        wb.close()
    except Exception as exc:
        raise DataError(
            f"cannot open as an Excel workbook: {exc}", source=path
        ) from exc
    chosen = names[0] if names else None
    for name in names:
        head_text, _ = excel_to_text(path, name, max_rows=1)
        first = next(csv.reader(io.StringIO(head_text)), [])
        head = [normalise_name(h) for h in first if h.strip()]
        if len(head) >= 2 and any(
            re.search(r"(^|_)code($|_)", h) or re.search(r"\d{2}cd$", h) for h in head
        ):
            chosen = name
            break
    text, _notes = excel_to_text(path, chosen)
    table = read_table(text=text, source=str(path), delimiter=",")
    if len(names) > 1:
        table.notes.append(f"read sheet {chosen!r} of {', '.join(names)}")
    return table


def _find(columns: list[str], *patterns: str) -> str | None:
    """First column whose normalised name matches all regexes of one pattern group."""
    norm = [(normalise_name(c), c) for c in columns]
    for pat in patterns:
        parts = pat.split("&")
        for n, c in norm:
            if all(re.search(p, n) for p in parts):
                return c
    return None


def join_census_population(
    layer: Layer, path: str | Path, *, left_on: str = "area_code"
) -> tuple[Layer, JoinReport]:
    """Join Census 2021 usual residents (TS001 or similar) as ``population``."""
    table = read_join_table(path)
    head = table.columns
    col = _find(
        head,
        r"^total$",
        r"usual_residents",
        r"population",
        r"^observation$",
        r"^count$",
        r"all_persons|all_usual",
        # ONS bulk downloads: "Residence type: Total; measures: Value"
        r"(^|_)total(_|$)",
    )
    if col is None:
        raise DataError(
            "cannot find the population column (total, usual residents, "
            "population, observation); columns: " + ", ".join(head),
            source=path,
        )
    return join_attributes(
        layer,
        path,
        left_on=left_on,
        columns=[col],
        rename={col: "population"},
        label="Census population",
        table=table,
    )


def join_imd(
    layer: Layer, path: str | Path, *, left_on: str = "area_code"
) -> tuple[Layer, JoinReport]:
    """Join the Index of Multiple Deprivation as ``imd_rank`` and ``imd_decile``."""
    table = read_join_table(path)
    head = table.columns
    rank = _find(
        head,
        r"index_of_multiple_deprivation&rank",
        r"imd&rank",
        r"^rank$",
    )
    decile = _find(
        head,
        r"index_of_multiple_deprivation&decile",
        r"imd&decile",
        r"^decile$",
    )
    if rank is None and decile is None:
        raise DataError(
            "cannot find IMD rank or decile columns; columns: " + ", ".join(head),
            source=path,
        )
    cols = [c for c in (rank, decile) if c is not None]
    rename = {}
    if rank is not None:
        rename[rank] = "imd_rank"
    if decile is not None:
        rename[decile] = "imd_decile"
    return join_attributes(
        layer,
        path,
        left_on=left_on,
        columns=cols,
        rename=rename,
        label="IMD",
        table=table,
    )
