from __future__ import annotations

import pandas as pd
import pytest
from scipy import stats

from workstation.reports.compare import TOO_FEW, Change, Window, compare_many, exact_p


def test_exact_p_is_the_binomial_test_of_the_share():
    # 30 against 10 in equal windows: the share 30/40 tested against 1/2
    assert exact_p(30, 10) == stats.binomtest(30, 40, 0.5).pvalue
    assert exact_p(20, 20) == 1.0
    # a window twice as long expects twice the events: 40 v 20 is no change
    assert exact_p(40, 20, exposure=2.0) == 1.0


def test_sentence_names_both_numbers_and_the_test():
    (c,) = compare_many([("Burglary", 45, 20)], "this fortnight", "the last")
    s = c.sentence()
    assert "45 in this fortnight" in s and "20 in the last" in s
    assert "exact Poisson test" in s and f"{c.p_fdr:.3f}" in s
    assert c.direction == "a significant rise"


def test_small_counts_are_too_few_to_judge():
    c = Change("Robbery", 9, 1, "a", "b", 0.02, 0.02)
    assert c.too_few and "too few to judge" in c.sentence()
    assert "rise" not in c.sentence()
    assert not Change("Robbery", TOO_FEW, TOO_FEW, "a", "b", 1, 1).too_few


def test_window_counts_half_open():
    tz = "Europe/London"
    w = Window(pd.Timestamp("2026-09-17", tz=tz), pd.Timestamp("2026-10-01", tz=tz))
    t = pd.DatetimeIndex(
        ["2026-09-16 23:59", "2026-09-17 00:00", "2026-09-30 23:59", "2026-10-01 00:00"]
    ).tz_localize(tz)
    ns = t.tz_convert("UTC").as_unit("ns").asi8
    assert w.count(ns) == 2 and int(w.mask(ns).sum()) == 2
    assert w.label == "17 Sep 2026 to 30 Sep 2026"


def test_figures_draw_one_bar_and_empty_series():
    from workstation.reports import figures

    for n in (1, 2, 12):
        png = figures.bars(
            [f"c{i}" for i in range(n)], list(range(1, n + 1)), ["#000"] * n, "x"
        )
        assert png.startswith(b"\x89PNG")
    assert figures.item_panel((0, 0, 10, 10), values=[], labels=[]).startswith(
        b"\x89PNG"
    )


@pytest.mark.parametrize(
    ("text", "days"), [("14d", 14), ("14", 14), ("28 days", 28), ("7 day", 7)]
)
def test_period_in_days_as_a_user_types_it(text, days):
    from workstation.reports.context import parse_period

    assert parse_period(text) == days


@pytest.mark.parametrize("text", ["0", "400d", "fortnight", "-3", "14w"])
def test_period_refused_with_the_flag_named(text):
    from layers.validation import DataError
    from workstation.reports.context import parse_period

    with pytest.raises(DataError, match="is not a number of days"):
        parse_period(text)
