import math

import pytest

from workstation.analysis.evaluate import BeforeAfter, evaluate


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
    assert r.odds_ratio == pytest.approx((200 * 60) / (220 * 100))
    lo, hi = r.odds_ratio_ci
    assert lo < r.odds_ratio < hi
    assert "diffusion" in r.interpretation


def test_wdq_not_reported_without_success():
    r = evaluate((50, 70), (100, 100), (40, 40))
    assert r.wdq is None
    assert any("not meaningful" in w for w in r.warnings)


def test_small_counts_warn_and_bad_counts_refused():
    assert any("below 5" in w for w in evaluate((3, 1), (4, 4)).warnings)
    with pytest.raises(ValueError, match="non-negative"):
        evaluate((-1, 3), (4, 4))
