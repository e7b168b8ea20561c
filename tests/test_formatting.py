"""One number format: counts, p-values, shares, class names and column titles."""

from __future__ import annotations

import math

import numpy as np

from workstation import formatting as fmt


def test_counts_are_whole_numbers_with_thousands_separators():
    assert fmt.count(2050.8) == "2,051"
    assert fmt.count(np.int64(1234567)) == "1,234,567"
    assert fmt.count(float("nan")) == ""


def test_p_values_have_a_floor_and_three_decimals():
    assert fmt.p_value(0.0) == "< 0.001"
    assert fmt.p_value(0.00099) == "< 0.001"
    assert fmt.p_value(0.001) == "0.001"
    assert fmt.p_value(0.04213) == "0.042"
    assert fmt.p_value(1.0000001) == "1.000"
    assert fmt.p_value(None) == ""


def test_classes_read_as_words():
    assert fmt.cell("hot_99", "hotspot_class") == "Hot spot, 99 % confidence"
    assert fmt.cell("not_significant", "hotspot_class") == "Not significant"
    assert fmt.cell("new_hot_spot", "pattern") == "New hot spot"


def test_cells_follow_their_columns():
    assert fmt.cell(24.0, "observed") == "24"
    assert fmt.cell(1.2e-7, "p_fdr") == "< 0.001"
    assert fmt.cell(7.834, "expected") == "7.83"
    assert fmt.cell(2050.8, "harm_excess") == "2,050.8"
    assert fmt.cell(0.125, "share") == "12.5 %"
    assert fmt.cell(True, "significant") == "yes"
    assert fmt.cell(math.inf, "ratio") == ""
    assert fmt.cell("Burglary", "category") == "Burglary"


def test_column_titles():
    assert fmt.column_title("p_fdr") == "p (FDR)"
    assert fmt.column_title("harm_excess") == "Harm excess"
    assert fmt.column_title("area_type") == "Area type"
    assert fmt.column_title("gi_z") == "Gi* z"


def test_fairness_shares_read_as_percentages_with_one_line():
    import pandas as pd

    t = pd.DataFrame(
        {
            "imd_decile": range(1, 11),
            "places_share": [0.2, 0.2, 0.1] + [0.5 / 7] * 7,
            "dosage_share": [0.25, 0.15, 0.05] + [0.55 / 7] * 7,
            "crime_share": [0.1] * 10,
            "harm_share": [0.2, 0.1, 0.1] + [0.6 / 7] * 7,
        }
    )
    t["dosage_minus_harm"] = t["dosage_share"] - t["harm_share"]
    assert fmt.cell(t["dosage_share"][0], "dosage_share") == "25.0 %"
    assert fmt.cell(t["dosage_minus_harm"][0], "dosage_minus_harm") == "+5.0 points"
    assert fmt.column_title("imd_decile").startswith("IMD decile")
    line = fmt.fairness_reading(t)
    assert line == (
        "The most deprived 30 % of areas (IMD deciles 1-3) get 45.0 % of patrol "
        "time and have 40.0 % of the harm."
    )
