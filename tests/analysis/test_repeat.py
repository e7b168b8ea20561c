import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pointpats.spacetime import Knox

from layers.filtering import TimeWindow
from layers.kinds import LayerKind
from layers.layer import Layer
from layers.validation import DataError
from workstation.analysis.repeat import (
    knox_for_layer,
    knox_test,
    near_repeat_clusters,
    repeat_call_rate,
    repeat_locations,
)


def _events(n=500, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 3000, n)
    y = rng.uniform(0, 3000, n)
    t = rng.integers(0, 365, n).astype(float)
    # planted near repeats: 60 events close to others in space and time
    x[:60] = x[60:120] + rng.normal(0, 30, 60)
    y[:60] = y[60:120] + rng.normal(0, 30, 60)
    t[:60] = t[60:120] + rng.integers(0, 5, 60)
    x[120:130] = x[130:140]  # exact same places
    y[120:130] = y[130:140]
    return x, y, t


def test_knox_cells_sum_to_pointpats_global_knox():
    x, y, t = _events()
    res = knox_test(
        x,
        y,
        t,
        space_bands_m=[0, 100, 200, 400],
        time_bands_days=[0, 7, 14, 28],
        permutations=0,
    )
    tab = res.table
    s = np.column_stack([x, y])
    for delta in (100, 200, 400):
        for tau in (7, 14, 28):
            ref = Knox(s, t[:, None], delta=delta, tau=tau, permutations=0)
            cells = tab[(tab.space_to_m <= delta) & (tab.time_to_days <= tau)]
            assert cells.observed.sum() == ref.nst
            np.testing.assert_allclose(cells.expected.sum(), ref.expected[0, 0])


def test_knox_expected_is_the_permutation_mean_and_detects_planted_repeats():
    x, y, t = _events()
    res = knox_test(
        x,
        y,
        t,
        space_bands_m=[0, 100, 200],
        time_bands_days=[0, 7, 14],
        permutations=999,
        seed=3,
    )
    tab = res.table.set_index(["space_band", "time_band"])
    close = tab.loc[("(0, 100] m", "[0, 7] days")]
    assert close.knox_ratio > 2
    assert close.p_value <= 0.01
    # the p-value is a proper permutation p-value
    assert ((res.table.p_value >= 1 / 1000) & (res.table.p_value <= 1)).all()
    # expected equals the mean of many permuted tables (independent check)
    rng = np.random.default_rng(9)
    perm_obs = []
    for _ in range(300):
        r = knox_test(
            x,
            y,
            t[rng.permutation(len(t))],
            space_bands_m=[0, 100, 200],
            time_bands_days=[0, 7, 14],
            permutations=0,
        )
        perm_obs.append(r.table.observed.to_numpy())
    mean = np.mean(perm_obs, axis=0)
    sd = np.std(perm_obs, axis=0) / np.sqrt(len(perm_obs))
    assert np.all(np.abs(mean - res.table.expected.to_numpy()) < 4 * sd + 0.05)


def test_knox_null_data_is_not_significant_and_same_location_band():
    rng = np.random.default_rng(4)
    n = 400
    x, y = rng.uniform(0, 2000, n), rng.uniform(0, 2000, n)
    t = rng.uniform(0, 200, n)
    res = knox_test(
        x,
        y,
        t,
        space_bands_m=[0, 150, 300],
        time_bands_days=[0, 10, 20],
        permutations=199,
        seed=2,
    )
    assert (res.table.p_value > 0.01).all()
    assert res.table.space_band.iloc[0] == "0 m (same)"
    assert res.table.observed.iloc[:2].sum() == 0  # no exact repeats in uniform data


def test_knox_csv_columns(tmp_path):
    x, y, t = _events(200)
    res = knox_test(
        x, y, t, space_bands_m=[0, 100], time_bands_days=[0, 7], permutations=9, seed=1
    )
    out = res.to_csv(tmp_path / "k.csv")
    df = pd.read_csv(out)
    assert list(df.columns[:6]) == [
        "space_band",
        "time_band",
        "observed",
        "expected",
        "knox_ratio",
        "p_value",
    ]
    assert any("permutations" in w for w in res.warnings)
    # BH over the cells: never below the raw p-value
    assert (df["p_fdr"] >= df["p_value"] - 1e-12).all()


def _layer(times, xy, precision, kind=LayerKind.DEMAND, extra=None):
    frame = gpd.GeoDataFrame(
        {
            "occurred_at": pd.to_datetime(times, utc=True).tz_convert("Europe/London"),
            "category": ["Burglary"] * len(times),
            **(extra or {}),
        },
        geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
        crs="EPSG:27700",
    )
    return Layer("calls", kind, frame, time_precision=precision)


def test_refuses_month_precision_layer():
    xy = np.array([[0.0, 0.0], [10.0, 0.0], [20.0, 0.0]])
    lay = _layer(
        ["2024-01-01", "2024-02-01", "2024-03-01"], xy, "month", kind=LayerKind.CRIME
    )
    with pytest.raises(DataError, match=r"police\.uk data are monthly"):
        knox_for_layer(lay, space_bands_m=[0, 100], time_bands_days=[0, 7])


def test_repeat_locations_and_repeat_call_rate():
    xy = np.array(
        [[0, 0], [0, 0], [500, 500], [0, 0], [500, 500], [900, 0]], dtype=float
    )
    times = [
        "2024-01-01 10:00",
        "2024-01-10 10:00",
        "2024-01-12 10:00",
        "2024-03-01 10:00",
        "2024-03-05 10:00",
        "2024-03-06 10:00",
    ]
    lay = _layer(times, xy, "second")
    top = repeat_locations(lay, top=5)
    assert list(top["count"]) == [3, 2]
    assert (top.x.iloc[0], top.y.iloc[0]) == (0.0, 0.0)
    win = TimeWindow(
        pd.Timestamp("2024-01-01", tz="UTC"), pd.Timestamp("2024-02-01", tz="UTC")
    )
    in_jan = repeat_locations(lay, window=win)
    assert list(in_jan["count"]) == [2]
    assert (in_jan.x.iloc[0], in_jan.y.iloc[0]) == (0.0, 0.0)
    rr = repeat_call_rate(lay, days=28)
    # (0,0): 1 Jan, 10 Jan (repeat: 9 days), 1 Mar (51 days: not);
    # (500,500): 12 Jan, 5 Mar (53 days: not); (900,0) once
    assert rr.n_repeats == 1
    assert rr.rate == pytest.approx(1 / 6)
    rr60 = repeat_call_rate(lay, days=60)
    assert rr60.n_repeats == 3
    # by caller id: callers A, A, B, A, B, C -> A at 10 Jan is a repeat (9 days)
    lay2 = _layer(times, xy, "second", extra={"caller": list("AABABC")})
    assert repeat_call_rate(lay2, days=28, key="caller").n_repeats == 1
    flag = _layer(times, xy, "second", extra={"repeat_caller": [True, False] * 3})
    with pytest.raises(DataError, match="does not identify callers"):
        repeat_call_rate(flag, key="repeat_caller")


def test_near_repeat_clusters_finds_new_chain():
    rng = np.random.default_rng(8)
    x = rng.uniform(0, 10000, 300)
    y = rng.uniform(0, 10000, 300)
    t = rng.uniform(0, 300, 300)
    # a chain of 6 burglaries in the last fortnight, ~80 m apart, a few days apart
    cx = 5000 + np.arange(6) * 80.0
    cy = np.full(6, 5000.0)
    ct = 290 + np.arange(6) * 2.0
    out = near_repeat_clusters(
        np.r_[x, cx],
        np.r_[y, cy],
        np.r_[t, ct],
        distance_m=150,
        days=7,
        since_days=30,
        min_events=4,
    )
    assert len(out) >= 1
    best = out.iloc[0]
    assert best.n_events >= 6
    assert 4900 < best.x < 5500


def test_knox_notes_pairs_at_the_very_same_point_and_time():
    x, y, t = _events(seed=4)
    kw = {"space_bands_m": [0, 100, 200], "time_bands_days": [0, 7, 14]}
    clean = knox_test(x, y, t, permutations=0, same_location_band=False, **kw)
    assert not any("very same point" in w for w in clean.warnings)
    assert clean.params["same_point_same_hour_pairs"] == 0
    # 40 incidents each reported three times at one point and minute
    rng = np.random.default_rng(1)
    k = rng.choice(len(x), 40, replace=False)
    xd = np.r_[x, np.repeat(x[k], 2)]
    yd = np.r_[y, np.repeat(y[k], 2)]
    td = np.r_[t, np.repeat(t[k], 2) + 0.001]
    dup = knox_test(xd, yd, td, permutations=0, same_location_band=False, **kw)
    # each triple makes 3 pairs; ties between the planted copies are extra
    assert dup.params["same_point_same_hour_pairs"] >= 120
    assert any("very same point" in w for w in dup.warnings)


def test_repeat_places_on_month_precision_data():
    from workstation.analysis.repeat import repeat_places

    xy = np.array(
        [[0, 0], [0, 0], [0, 0], [500, 500], [500, 500], [900, 0]], dtype=float
    )
    months = ["2024-01-01", "2024-03-01", "2024-03-01", "2024-02-01", "2024-02-01"]
    lay = _layer(
        [*months, "2024-04-01"],
        xy,
        "month",
        kind=LayerKind.CRIME,
        extra={
            "location": ["On or near A Street"] * 3 + ["On or near B Road"] * 2 + [""],
            "category": ["Burglary", "Burglary", "Anti-social behaviour"]
            + ["Burglary"] * 3,
        },
    )
    res = repeat_places(lay)
    t = res.table
    assert t["location"].tolist() == ["On or near A Street", "On or near B Road"]
    a = t.iloc[0]
    assert (a.events, a.first, a.last, a.months) == (3, "2024-01", "2024-03", 2)
    assert a.categories == "Burglary (2); Anti-social behaviour (1)"
    assert (a.x, a.y) == (0.0, 0.0)
    assert res.n_in_repeats == 5 and res.n_events == 6
    assert "snap point" in res.method_note and "not a risk" in res.method_note
    with pytest.raises(DataError, match="monthly"):
        repeat_places(lay, days=7)
    # a window (rows) of February only: B Road alone
    feb = np.flatnonzero(lay.frame["occurred_at"].dt.month == 2)
    assert repeat_places(lay, rows=feb).table["location"].tolist() == [
        "On or near B Road"
    ]


def test_repeat_places_within_days_and_by_caller():
    from workstation.analysis.repeat import repeat_places

    xy = np.array(
        [[0, 0], [0, 0], [0, 0], [500, 500], [500, 500], [900, 0]], dtype=float
    )
    times = [
        "2024-01-01 10:00",
        "2024-01-04 10:00",  # 3 days after the last at (0, 0): a repeat
        "2024-01-24 10:00",  # 20 days: not within 7
        "2024-01-05 10:00",
        "2024-02-05 10:00",  # 31 days: not within 7
        "2024-01-06 10:00",
    ]
    lay = _layer(times, xy, "second", extra={"caller": list("ABAAAC")})
    res = repeat_places(lay, days=7)
    assert res.table["repeats_within_days"].tolist() == [1]
    assert res.table["events"].tolist() == [3]
    assert len(repeat_places(lay).table) == 2  # without days: both places
    by = repeat_places(lay, days=7, key="caller")
    # caller A: 1 Jan, 5 Jan (4 days: repeat), 24 Jan (19 days), 5 Feb (12 days)
    assert by.table["caller"].tolist() == ["A"]
    assert by.table["repeats_within_days"].tolist() == [1]
    assert by.table["events"].tolist() == [4]


def test_no_repeats_in_data_without_any():
    from workstation.analysis.repeat import repeat_places

    rng = np.random.default_rng(2)
    xy = rng.uniform(0, 10_000, (300, 2))
    times = pd.date_range("2024-01-01", periods=300, freq="7h", tz="UTC")
    res = repeat_places(_layer(times, xy, "second"), days=14)
    assert len(res.table) == 0 and res.n_in_repeats == 0
