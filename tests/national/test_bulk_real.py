"""Real data.police.uk rows zipped as the bulk download comes, imported into a store."""

from __future__ import annotations

import csv
import io
import zipfile

import numpy as np
import pandas as pd
import pytest

from layers import readers
from layers.store_import import import_to_store, source_units
from workstation.analysis.distributed import cube_counts, grid_counts
from workstation.analysis.grid import Grid

HEADER = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
    "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
    "Context",
]  # fmt: skip
FORCE = "Lancashire Constabulary"


@pytest.fixture(scope="module")
def real_tab(shared_data):
    return shared_data / "crime" / "lancashire_asb_2022.tab"


@pytest.fixture(scope="module")
def bulk_zip(real_tab, tmp_path_factory):
    """The real Lancashire ASB rows as the bulk archive holds them: one street file per month
    under ``YYYY-MM/`` in the 12-column layout (ASB rows have no Crime ID and no outcome),
    beside the outcomes and stop-and-search files the archive also holds."""
    rows = pd.read_csv(real_tab, sep="\t", dtype=str, keep_default_na=False)
    out = tmp_path_factory.mktemp("bulk") / "2022-12.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for month, grp in rows.groupby(rows["month"].str[:7], sort=True):
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(HEADER)
            for r in grp.itertuples(index=False):
                loc = (
                    r.location
                    if r.location == "On or near"
                    else f"On or near {r.location}"
                )
                w.writerow(
                    ["", month, FORCE, FORCE, r.longitude, r.latitude, loc,
                     r.lsoa_code, "", "Anti-social behaviour", "", ""]
                )  # fmt: skip
            zf.writestr(f"{month}/{month}-lancashire-street.csv", buf.getvalue())
            zf.writestr(
                f"{month}/{month}-lancashire-outcomes.csv",
                "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
                "LSOA code,LSOA name,Outcome type\n",
            )
            zf.writestr(
                f"{month}/{month}-lancashire-stop-and-search.csv",
                "Type,Date,Part of a policing operation,Policing operation,Latitude,"
                "Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined "
                "ethnicity,Legislation,Object of search,Outcome,Outcome linked to object "
                "of search,Removal of more than just outer clothing\n",
            )
    return out


def test_the_real_bulk_archive_imports_as_the_rows_read_in_memory(
    bulk_zip, real_tab, cluster_client, tmp_path
):
    units, skipped = source_units([bulk_zip])
    assert len(units) == 12 and len(skipped) == 24  # outcomes, stop and search: listed
    layer, _ = import_to_store([bulk_zip], tmp_path / "s", client=cluster_client)
    memory = readers.read(real_tab)
    # every row kept: ASB rows have no Crime ID, so exact copies are separate incidents
    assert layer.rows == len(memory.frame) and layer.rows_rejected == 0
    assert layer.forces == [FORCE] and len(layer.months) == 12
    per_month = {p.month: p.rows for p in layer.partitions}
    assert per_month == memory.frame["month"].astype(str).value_counts().to_dict()
    xy = memory.xy
    grid = Grid.covering((*xy.min(axis=0), *xy.max(axis=0)), 500.0)
    ours = grid_counts(layer, grid, cluster_client)
    np.testing.assert_array_equal(ours, grid.counts(xy[:, 0], xy[:, 1]))
    cube, months = cube_counts(layer, grid, cluster_client)
    assert months == sorted(per_month)
    assert [int(c.sum()) for c in cube] == [per_month[m] for m in months]
