import math

import numpy as np
import pytest
import shapely
from scipy.stats.contingency import odds_ratio as scipy_odds_ratio

from workstation.analysis.evaluate import BeforeAfter, area_overlaps, evaluate


def test_wdd_issue_vectors_with_displacement():
    r = evaluate(
        treated=(207, 110),
        control=(308, 318),
        displacement=(178, 157),
        displacement_control=(150, 140),
    )
    assert r.wdd == pytest.approx(-118)
    assert r.variance == pytest.approx(1568)
    assert r.se == pytest.approx(math.sqrt(1568))
    assert r.se == pytest.approx(39.6, abs=0.05)
    assert r.z == pytest.approx(-2.98, abs=0.005)
    assert r.p < 0.01


def test_wdd_simple_vectors():
    r = evaluate(treated=(20, 10), control=(20, 20))
    assert r.wdd == pytest.approx(-10)
    assert r.se == pytest.approx(8.37, abs=0.005)
    assert r.wdq is None


def test_wdq_and_net_effect_by_definition():
    t, c, d = BeforeAfter(100, 60), BeforeAfter(200, 220), BeforeAfter(80, 70)
    r = evaluate(t, c, d)
    sm = 60 / 220 - 100 / 200
    bdm = 70 / 220 - 80 / 200
    assert r.success_measure == pytest.approx(sm)
    assert r.buffer_displacement == pytest.approx(bdm)
    assert r.wdq == pytest.approx(bdm / sm)
    assert r.wdq > 0  # buffer also improved: diffusion of benefits
    assert r.total_net_effect == pytest.approx(
        (100 * 220 / 200 - 60) + (80 * 220 / 200 - 70)
    )
    # Farrington & Welsh: (Tb * Ca) / (Ta * Cb), above 1 when the treated area improved
    assert r.odds_ratio == pytest.approx((100 * 220) / (60 * 200))
    assert r.odds_ratio > 1
    lo, hi = r.odds_ratio_ci
    assert lo < r.odds_ratio < hi
    assert "diffusion" in r.interpretation


def test_wdq_not_reported_without_success():
    r = evaluate((50, 70), (100, 100), (40, 40))
    assert r.wdq is None
    assert any("not meaningful" in w for w in r.warnings)


def test_small_counts_warn_and_bad_counts_refused():
    assert any("under 10" in w for w in evaluate((3, 1), (4, 4)).warnings)
    # one count of 9 among large ones is enough to warn, also in the buffer
    assert any("under 10" in w for w in evaluate((90, 9), (100, 100)).warnings)
    assert any(
        "under 10" in w for w in evaluate((90, 60), (100, 100), (9, 20)).warnings
    )
    assert not any("under 10" in w for w in evaluate((10, 10), (10, 10)).warnings)
    with pytest.raises(ValueError, match="non-negative"):
        evaluate((-1, 3), (4, 4))


@pytest.mark.parametrize(
    ("treated", "control"),
    [((120, 60), (300, 310)), ((40, 55), (200, 180)), ((75, 75), (150, 150))],
)
def test_odds_ratio_follows_farrington_welsh_with_scipy_as_oracle(treated, control):
    r = evaluate(treated, control)
    (tb, ta), (cb, ca) = treated, control
    ref = scipy_odds_ratio(np.array([[tb, ta], [cb, ca]]), kind="sample")
    assert r.odds_ratio == pytest.approx(ref.statistic, rel=1e-12)
    ci0 = ref.confidence_interval(0.95)
    np.testing.assert_allclose(r.odds_ratio_ci_poisson, (ci0.low, ci0.high), rtol=1e-3)
    # the reported interval inflates Var(log OR) by D = 0.0008 N + 1.2
    d = 0.0008 * (tb + ta + cb + ca) + 1.2
    assert r.dispersion == pytest.approx(d)
    se = math.sqrt(d * (1 / tb + 1 / ta + 1 / cb + 1 / ca))
    lo, hi = r.odds_ratio_ci
    assert math.log(lo) == pytest.approx(math.log(r.odds_ratio) - 1.96 * se)
    assert math.log(hi) == pytest.approx(math.log(r.odds_ratio) + 1.96 * se)
    assert lo < ci0.low and hi > ci0.high
    assert "above 1" in r.interpretation
    # percent change of the treated area relative to control
    assert r.percent_change == pytest.approx(((ta / tb) / (ca / cb) - 1) * 100)


def test_odds_ratio_direction_with_and_without_an_effect():
    worked = evaluate((200, 100), (300, 300))
    assert worked.odds_ratio == pytest.approx(2.0)
    assert worked.odds_ratio_ci[0] > 1
    assert worked.percent_change == pytest.approx(-50.0)
    # no signal: both areas move alike, the interval straddles 1
    same = evaluate((200, 180), (300, 270))
    assert same.odds_ratio == pytest.approx(1.0)
    lo, hi = same.odds_ratio_ci
    assert lo < 1 < hi
    assert "includes 1" in same.interpretation
    given = evaluate((200, 100), (300, 300), dispersion=1.0)
    assert given.odds_ratio_ci == pytest.approx(given.odds_ratio_ci_poisson)
    with pytest.raises(ValueError, match="dispersion"):
        evaluate((200, 100), (300, 300), dispersion=0.0)


def test_overlapping_areas_are_named():
    treated = shapely.box(0, 0, 500, 500)
    control = shapely.box(-1000, -1000, 2000, 2000)  # the treated area is inside it
    msgs = area_overlaps({"treated": treated, "control": control})
    assert len(msgs) == 1
    assert "treated area and the control area overlap" in msgs[0]
    assert "inside" in msgs[0]
    beside = shapely.box(500, 0, 1000, 500)  # shares an edge only
    ring = treated.buffer(300).difference(treated)
    assert area_overlaps({"treated": treated, "control": beside, "displacement": ring})
    assert not area_overlaps(
        {
            "treated": treated,
            "control": shapely.box(3000, 0, 4000, 500),
            "displacement": ring,
        }
    )
    disc = treated.buffer(300)  # a buffer drawn as a disc covers the treated area
    assert any(
        "displacement buffer" in m
        for m in area_overlaps({"treated": treated, "displacement": disc})
    )
