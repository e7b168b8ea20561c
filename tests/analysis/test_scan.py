import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from scipy import optimize

from layers.kinds import LayerKind
from layers.layer import Layer
from workstation.analysis.scan import (
    _poisson_glm,
    expected_counts,
    horizon_scan,
    period_series,
)
from workstation.analysis.stats import poisson_upper_p, predictive_upper_p

TZ = "Europe/London"


def _ns(ts):
    return np.array([pd.Timestamp(t, tz=TZ).value for t in ts], dtype=np.int64)


def test_period_series_months_and_28_days():
    ns = _ns(["2024-01-15", "2024-02-01 00:30", "2024-03-31 23:59"])
    idx, starts, ends = period_series(ns, period="month", tz=TZ)
    np.testing.assert_array_equal(idx, [0, 1, 2])
    assert ends[-1] == pd.Timestamp("2024-04-01", tz=TZ)
    ns = _ns(["2024-01-01 10:00", "2024-03-01 10:00", "2024-03-28 23:00"])
    idx, starts, ends = period_series(ns, period="28d", tz=TZ)
    # end is the midnight after the last event; periods are 28 local days back
    assert ends[-1] == pd.Timestamp("2024-03-29", tz=TZ)
    assert starts[-1] == pd.Timestamp("2024-03-01", tz=TZ)
    assert idx[1] == idx[2] == len(starts) - 1
    # the first event lies before the first whole period
    assert (ends[0] - starts[0]) == pd.Timedelta(days=28)
    assert idx[0] == -1 or starts[idx[0]] <= pd.Timestamp("2024-01-01 10:00", tz=TZ)


def test_poisson_glm_equals_direct_likelihood_maximum():
    rng = np.random.default_rng(1)
    n = 36
    t = (np.arange(n) - n) / 12
    ang = 2 * np.pi * (np.arange(n) % 12) / 12
    x = np.column_stack([np.ones(n), t, np.sin(ang), np.cos(ang)])
    true = np.array([math.log(20), 0.2, 0.3, -0.2])
    y = rng.poisson(np.exp(x @ true)).astype(float)
    beta = _poisson_glm(y[None, :], x)[0]

    def nll(b):
        eta = x @ b
        return np.sum(np.exp(eta) - y * eta)

    ref = optimize.minimize(nll, np.zeros(4), method="BFGS", options={"gtol": 1e-10}).x
    np.testing.assert_allclose(beta, ref, atol=1e-3)


def test_expected_counts_recover_seasonal_trend_level():
    rng = np.random.default_rng(2)
    n_hist = 36
    months = np.arange(n_hist + 1)
    ang = 2 * np.pi * (months % 12) / 12
    mu = 50 * np.exp(0.1 * months / 12 + 0.4 * np.sin(ang))
    y = rng.poisson(np.tile(mu[:-1], (200, 1))).astype(float)
    exp_, phi, method, used = expected_counts(y, ang, 12.0)
    assert "seasonal" in method
    assert used == 36
    assert abs(np.median(exp_) / mu[-1] - 1) < 0.05
    assert abs(np.median(phi) - 1) < 0.15


def test_predictive_p_tends_to_poisson_with_long_history():
    p_long = predictive_upper_p(15, 8.0, 1.0, 1e9, 1000)
    np.testing.assert_allclose(p_long, poisson_upper_p(15, 8.0), rtol=1e-4)
    # a short history makes the same count less surprising
    assert predictive_upper_p(15, 8.0, 1.0, 16, 2) > p_long


def _layer(
    seed=3, rise=3.0, months=36, categories=("Burglary", "Robbery", "Shoplifting")
):
    """Four square areas, Poisson monthly counts; Robbery in area 'B' rises in the last month."""
    rng = np.random.default_rng(seed)
    boxes = {
        "A": (0, 0, 1000, 1000),
        "B": (1000, 0, 2000, 1000),
        "C": (0, 1000, 1000, 2000),
        "D": (1000, 1000, 2000, 2000),
    }
    rates = {"Burglary": 12.0, "Robbery": 6.0, "Shoplifting": 20.0}
    rows = []
    start = pd.Timestamp("2022-01-01", tz=TZ)
    for m in range(months):
        for code, (x0, y0, x1, y1) in boxes.items():
            for cat in categories:
                lam = rates[cat]
                if m == months - 1 and code == "B" and cat == "Robbery":
                    lam *= rise
                k = rng.poisson(lam)
                for _ in range(k):
                    rows.append(
                        (
                            start + pd.DateOffset(months=m),
                            cat,
                            rng.uniform(x0 + 1, x1 - 1),
                            rng.uniform(y0 + 1, y1 - 1),
                        )
                    )
    df = pd.DataFrame(rows, columns=["occurred_at", "category", "x", "y"])
    frame = gpd.GeoDataFrame(
        df[["occurred_at", "category"]],
        geometry=gpd.points_from_xy(df.x, df.y),
        crs="EPSG:27700",
    )
    crime = Layer("crime", LayerKind.CRIME, frame, time_precision="month")
    areas = gpd.GeoDataFrame(
        {
            "area_code": list(boxes),
            "area_name": [f"Ward {k}" for k in boxes],
        },
        geometry=[shapely.box(*b) for b in boxes.values()],
        crs="EPSG:27700",
    )
    wards = Layer("wards", LayerKind.BOUNDARY, areas)
    return crime, wards


def test_scan_finds_the_planted_rise_and_little_else():
    crime, wards = _layer()
    res = horizon_scan(crime, areas=[wards], cell_m=None, emerging=False)
    sig = res.significant()
    assert len(sig) >= 1
    top = sig.iloc[0]
    assert top["category"] in ("Robbery", "All categories")
    robbery_b = sig[(sig.category == "Robbery") & (sig.area_code == "B")]
    assert len(robbery_b) == 1
    assert robbery_b.iloc[0]["observed"] > 2 * robbery_b.iloc[0]["expected"]
    assert robbery_b.iloc[0]["message"].startswith("crime, robbery: up ")
    # nothing in the untouched series: the null items are not significant
    others = sig[~sig.area_code.isin(["B", "ALL"])]
    assert len(others) <= 1
    # harm ranking: robbery has a harm weight, the excess is weighted
    assert robbery_b.iloc[0]["harm_excess"] > robbery_b.iloc[0]["excess"]
    assert res.n_tests > len(res.table)
    assert "Benjamini-Hochberg" in res.method_note


def test_scan_null_data_has_few_false_alarms():
    crime, wards = _layer(seed=5, rise=1.0)
    res = horizon_scan(crime, areas=[wards], cell_m=500, emerging=False)
    assert len(res.significant()) <= 1


def test_scan_outputs_are_safe(tmp_path):
    crime, wards = _layer(seed=6)
    wards.frame.loc[1, "area_name"] = "<script>alert(1)</script>"
    crime.frame["category"] = crime.frame["category"].replace(
        "Robbery", "=HYPERLINK(x)"
    )
    crime._cache.clear()
    res = horizon_scan(crime, areas=[wards], cell_m=None, emerging=False)
    out = res.to_csv(tmp_path / "scan.csv")
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK(x)" in text
    assert ",=HYPERLINK" not in text
    html = res.to_html(tmp_path / "scan.html", marking="OFFICIAL-SENSITIVE")
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "http://" not in html and "https://" not in html
    assert html.count("OFFICIAL-SENSITIVE") >= 2
    df = pd.read_csv(out)
    for col in [
        "rank",
        "category",
        "area_type",
        "area_code",
        "area_name",
        "observed",
        "expected",
        "ratio",
        "p",
        "p_fdr",
        "excess",
        "harm_excess",
        "method",
        "message",
    ]:
        assert col in df.columns


def test_scan_needs_history():
    crime, wards = _layer(months=3)
    with pytest.raises(ValueError, match="at least 4"):
        horizon_scan(crime, areas=[wards], cell_m=None)


def _null_layer(seed: int, months: int = 24, cats=("Burglary", "Shoplifting")):
    """Constant Poisson rates everywhere: no signal at all."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2023-01-01", tz=TZ)
    rows = []
    for m in range(months):
        for cat in cats:
            k = rng.poisson(60)
            t = start + pd.DateOffset(months=m)
            rows += [(t, cat, x, y) for x, y in rng.uniform(0, 3000, (k, 2))]
    df = pd.DataFrame(rows, columns=["occurred_at", "category", "x", "y"])
    frame = gpd.GeoDataFrame(
        df[["occurred_at", "category"]],
        geometry=gpd.points_from_xy(df.x, df.y),
        crs="EPSG:27700",
    )
    return Layer("street crime", LayerKind.CRIME, frame, time_precision="month")


def test_significant_means_p_fdr_at_most_fdr_for_every_row():
    crime, wards = _layer(seed=3)
    res = horizon_scan(crime, areas=[wards], cell_m=500, fdr=0.1)
    t = res.tested()
    np.testing.assert_array_equal(t["significant"], t["p_fdr"] <= 0.1)
    # p_fdr is the BH adjustment of p over the whole family of n_tests tests
    assert res.n_tests >= len(t)
    assert (t["p_fdr"] >= t["p"] - 1e-12).all()
    assert not res.untested()["significant"].any()


def test_emerging_rows_carry_the_trend_test_not_one_months_gi():
    from workstation.analysis.emerging import emerging_hotspots

    crime, _wards = _layer(seed=3, rise=6.0)
    res = horizon_scan(crime, cell_m=500, near_repeat=False)
    em = res.table[res.table["item"] == "emerging hot spot"]
    assert len(em), res.table["item"].value_counts()
    ref = emerging_hotspots(
        crime.xy[:, 0], crime.xy[:, 1], crime.times_ns, cell_m=500, step="month"
    )
    g = ref.grid
    for r in em.itertuples(index=False):
        cid = g.flat_index(np.array([r.xmin + 250.0]), np.array([r.ymin + 250.0]))[0]
        j = int(np.flatnonzero(ref.cell_ids == cid)[0])
        assert r.p == pytest.approx(ref.trend_p[j])
        assert math.isnan(r.observed) and math.isnan(r.expected)
        assert "trend" in r.test
        assert r.significant == (r.p_fdr <= 0.05)


def test_one_category_is_not_listed_twice():
    crime = _null_layer(seed=1, months=12, cats=("Anti-social behaviour",))
    res = horizon_scan(crime, cell_m=None, emerging=False, near_repeat=False)
    assert "All categories" not in set(res.tested()["category"])
    # one test per area, not two
    assert res.n_tests == 1


def test_under_a_year_of_history_says_no_seasonal_baseline():
    crime = _null_layer(seed=2, months=11)
    res = horizon_scan(crime, cell_m=None, emerging=False, near_repeat=False)
    assert any("no seasonal baseline was possible" in w for w in res.warnings)
    row = res.table.iloc[0] if len(res.table) else None
    if row is not None:
        # "45 in November 2023 against the January-October 2023 mean of 39.8 a month"
        assert (
            "in November 2023 against the January-October 2023 mean of"
            in row["message"]
        )
        mean = float(row["message"].split("mean of ")[1].split(" ")[0])
        assert mean == pytest.approx(row["expected"], abs=0.05)


def test_message_names_layer_category_and_what_was_compared():
    crime, wards = _layer(seed=3)
    res = horizon_scan(crime, areas=[wards], cell_m=None, emerging=False)
    r = res.significant().iloc[0]
    assert r["message"].startswith(f"crime, {r['category'][0].lower()}")
    assert "December 2024" in r["message"]
    assert (
        f"{r['expected']:.1f} expected from a seasonal trend fitted to" in r["message"]
    )


def test_harm_excess_has_a_unit_and_is_excess_times_weight():
    crime, wards = _layer(seed=3)
    res = horizon_scan(crime, areas=[wards], cell_m=None, emerging=False)
    assert "days of custody" in res.column_notes["harm_excess"]
    t = res.tested()
    np.testing.assert_allclose(t["harm_excess"], t["excess"] * t["harm_weight"])
    allc = t[t["category"] == "All categories"]
    cats = t[t["category"] != "All categories"]
    assert len(allc)
    assert (allc["harm_weight"] <= cats["harm_weight"].max() + 1e-9).all()
    assert (allc["harm_weight"] >= cats["harm_weight"].min() - 1e-9).all()
    # calls have no harm weight: blank, not 1 x excess presented as harm
    calls = Layer("calls", LayerKind.DEMAND, crime.frame.copy(), time_precision="month")
    rc = horizon_scan(calls, cell_m=None, emerging=False, near_repeat=False)
    assert rc.tested()["harm_excess"].isna().all()
    html = res.to_html()
    assert "days of custody-equivalent" in html


def test_null_scan_flags_about_the_fdr_share_or_fewer():
    scans = flagged = 0
    for seed in range(4):
        for months in (11, 24, 40):  # each of the three baselines
            res = horizon_scan(
                _null_layer(seed, months=months), cell_m=500, near_repeat=False
            )
            assert res.n_tests > 100
            scans += 1
            flagged += len(res.significant()) > 0
    # under the complete null BH keeps P(any discovery) <= 0.05 per scan:
    # about 0.6 of these 12 scans; 3 or more would be a broken test
    assert flagged <= 2


def _dated_layer_with_chains(seed: int = 4) -> Layer:
    """Calls over 400 days; burglary comes in tight chains, one begun lately."""
    rng = np.random.default_rng(seed)
    t0 = pd.Timestamp("2024-01-01", tz=TZ)
    rows = []
    for _ in range(3000):
        d = rng.uniform(0, 400)
        rows.append((t0 + pd.Timedelta(days=d), "Noise", *rng.uniform(0, 4000, 2)))
    starts = [*rng.uniform(0, 360, 40), 385.0]
    for d0 in starts:
        cx, cy = rng.uniform(200, 3800, 2)
        for k in range(6):
            rows.append(
                (
                    t0 + pd.Timedelta(days=d0 + 2 * k + rng.uniform(0, 1)),
                    "Burglary",
                    cx + rng.uniform(-40, 40),
                    cy + rng.uniform(-40, 40),
                )
            )
    df = pd.DataFrame(rows, columns=["occurred_at", "category", "x", "y"])
    df = df.sort_values("occurred_at")
    frame = gpd.GeoDataFrame(
        df[["occurred_at", "category"]],
        geometry=gpd.points_from_xy(df.x, df.y),
        crs="EPSG:27700",
    )
    return Layer("calls", LayerKind.DEMAND, frame, time_precision="second")


def test_near_repeat_chains_are_ranked_apart_from_tested_items():
    res = horizon_scan(_dated_layer_with_chains(), cell_m=None, emerging=False)
    chains = res.untested()
    assert len(chains) >= 1
    assert (chains["item"] == "near-repeat cluster").all()
    assert chains["rank"].tolist() == list(range(1, len(chains) + 1))
    tested = res.tested()
    assert tested["rank"].tolist() == list(range(1, len(tested) + 1))
    assert chains["p"].isna().all() and not chains["significant"].any()
    # tested items come first in the table; chains never sit between them
    assert res.table["section"].tolist() == sorted(
        res.table["section"].tolist(), key=lambda s: s != "tested"
    )
    assert chains["message"].str.contains("not tested").all()


def test_a_sparse_series_does_not_fade_to_an_expectation_of_nothing():
    # a few old events, then none for two years: the trend fit alone goes to ~0
    y = np.zeros((1, 35))
    y[0, [0, 6, 12]] = [1, 3, 1]
    ang = 2 * np.pi * (np.arange(36) % 12) / 12
    exp_, _phi, method, _used = expected_counts(y, ang, 12.0)
    assert "seasonal" in method
    assert exp_[0] >= 0.5 * y.mean() - 1e-12


def test_the_small_expected_warning_names_the_items_it_means():
    """Significant items whose expected count is under 5 are named by rank in the
    warning (so the analyst knows which to read as pointers); with no signal
    there is no such warning."""
    base = _null_layer(seed=11)
    last = base.frame["occurred_at"].max()
    planted = gpd.GeoDataFrame(
        {"occurred_at": [last] * 15, "category": ["Burglary"] * 15},
        geometry=gpd.points_from_xy(
            np.linspace(1210, 1290, 15), np.linspace(1210, 1290, 15)
        ),
        crs="EPSG:27700",
    )
    frame = pd.concat([base.frame, planted], ignore_index=True)
    crime = Layer("street crime", LayerKind.CRIME, frame, time_precision="month")
    res = horizon_scan(crime, cell_m=500, emerging=False, near_repeat=False)
    sig = res.significant()
    small = sig[sig["expected"] < 5]
    assert len(small) >= 1  # the planted cell: about 1.7 a month expected
    said = [w for w in res.warnings if "expect fewer than 5" in w]
    assert len(said) == 1
    ranks = ", ".join(str(int(r)) for r in small["rank"][:10])
    assert f"{len(small)} significant item(s)" in said[0]
    assert f"(rank {ranks}" in said[0]
    null = horizon_scan(base, cell_m=500, emerging=False, near_repeat=False)
    if not (null.significant()["expected"] < 5).any():
        assert not any("expect fewer than 5" in w for w in null.warnings)
