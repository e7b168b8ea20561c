from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest

from workstation.analysis.grid import Grid
from workstation.analysis.harm import (
    COMPONENTS_TABLE,
    DEFAULT_TABLE,
    HarmTableError,
    harm_for,
    harm_weights,
)
from workstation.analysis.hotspots import getis_ord_hotspots
from workstation.analysis.kde import kde_surface

POLICE_UK_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)


def test_every_police_uk_type_has_a_positive_weight():
    w = harm_weights()
    for t in POLICE_UK_TYPES:
        assert w[t] > 0, t


def test_blended_weights_recompute_from_components():
    comp = pd.read_csv(COMPONENTS_TABLE)
    w = harm_weights()
    for cat, rows in comp.groupby("category"):
        want = (rows.cchi_days * rows.annual_volume).sum() / rows.annual_volume.sum()
        assert w[cat] == pytest.approx(want, abs=0.006), cat
        # a blend lies within its parts
        assert rows.cchi_days.min() <= w[cat] <= rows.cchi_days.max()


def test_companion_document_exists_and_names_the_source():
    text = DEFAULT_TABLE.with_suffix(".md").read_text(encoding="utf-8")
    assert "Sherman" in text
    assert "Crime Severity Score" in text
    assert "volume-weighted" in text


def test_harm_for_matches_names_loosely_and_flags_unknown():
    w = harm_weights()
    cats = ["Burglary", "violence-and-sexual-offences", "SHOPLIFTING", "Made up", None]
    out: list[str] = []
    got = harm_for(cats, warnings_out=out)
    np.testing.assert_array_equal(
        got,
        [w["Burglary"], w["Violence and sexual offences"], w["Shoplifting"], 1.0, 1.0],
    )
    assert len(out) == 1
    assert "'Made up' (1)" in out[0]
    assert "(missing)" in out[0]


def test_unknown_without_a_list_warns():
    with pytest.warns(UserWarning, match="no harm weight"):
        harm_for(pd.Series(["Nope", "Robbery"]))


def test_custom_table_and_bad_tables(tmp_path):
    good = tmp_path / "css.csv"
    good.write_text("category,harm_days\nRobbery,10\nBurglary,4.5\n", encoding="utf-8")
    assert harm_weights(good) == {"Robbery": 10.0, "Burglary": 4.5}
    np.testing.assert_array_equal(
        harm_for(["Burglary", "Robbery"], table=good), [4.5, 10.0]
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("category,harm_days\nRobbery,lots\n", encoding="utf-8")
    with pytest.raises(HarmTableError, match=r"row 2, column 'harm_days'"):
        harm_weights(bad)
    nohead = tmp_path / "nohead.csv"
    nohead.write_text("type,weight\nRobbery,1\n", encoding="utf-8")
    with pytest.raises(HarmTableError, match="needs columns"):
        harm_weights(nohead)


def test_harm_weighting_flows_into_counts_kde_and_gistar():
    rng = np.random.default_rng(8)
    n = 600
    x = rng.uniform(0, 2000, n)
    y = rng.uniform(0, 2000, n)
    cats = np.where(x > 1500, "Robbery", "Shoplifting")
    w = harm_for(cats)
    g = Grid(0.0, 0.0, 100.0, 20, 20)
    harm_counts = g.counts(x, y, weights=w)
    assert harm_counts.sum() == pytest.approx(w.sum())
    k = kde_surface(x, y, weights=w, extent=g, bandwidth_m=300)
    plain = kde_surface(x, y, extent=g, bandwidth_m=300)
    # harm moves the peak to the robbery strip
    assert g.centres()[0].ravel()[np.argmax(k.density)] > 1500
    assert k.total_weight == pytest.approx(w.sum())
    assert plain.total_weight == n
    hs = getis_ord_hotspots(harm_counts, g)
    assert (hs.hotspot_class[:, 16:] == "hot_99").mean() > 0.5


def test_table_rows_are_unique_and_have_a_basis():
    with DEFAULT_TABLE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = [r["category"] for r in rows]
    assert len(names) == len(set(names))
    assert all(r["basis"].strip() for r in rows)


def test_blended_weights_function_agrees_with_table():
    from workstation.analysis.harm import blended_weights

    w = harm_weights()
    for cat, value in blended_weights().items():
        assert w[cat] == pytest.approx(value, abs=0.006), cat
