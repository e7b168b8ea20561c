import math

import numpy as np
import pymannkendall as pmk
import pytest
from scipy import stats

from workstation.analysis.stats import (
    bh_fdr,
    dispersion_from_history,
    mann_kendall,
    negbin_upper_p,
    poisson_upper_p,
)


def _bh_reject(p, q):
    """Textbook step-up: reject the k smallest where k = max{i: p_(i) <= i q / m}."""
    m = len(p)
    order = np.argsort(p)
    k = 0
    for i in range(1, m + 1):
        if p[order[i - 1]] <= i * q / m:
            k = i
    rej = np.zeros(m, bool)
    rej[order[:k]] = True
    return rej


@pytest.mark.parametrize("q", [0.01, 0.05, 0.1, 0.2])
def test_bh_fdr_matches_step_up_procedure(q):
    rng = np.random.default_rng(1)
    p = np.concatenate([rng.uniform(0, 1, 200), rng.uniform(0, 0.01, 30)])
    np.testing.assert_array_equal(bh_fdr(p) <= q, _bh_reject(p, q))


def test_bh_fdr_keeps_nan_and_shape():
    p = np.array([[0.01, np.nan], [0.04, 0.03]])
    out = bh_fdr(p)
    assert out.shape == p.shape
    assert np.isnan(out[0, 1])
    # three tests, not four
    np.testing.assert_allclose(out[0, 0], 0.03)
    np.testing.assert_allclose(out[1, 0], 0.04)


def test_mann_kendall_equals_pymannkendall_with_ties():
    rng = np.random.default_rng(2)
    rows = np.vstack(
        [
            rng.normal(size=(20, 15)),
            rng.integers(0, 4, size=(20, 15)).astype(float),  # many ties
            np.cumsum(rng.normal(0.3, 1, size=(10, 15)), axis=1),
            np.full((1, 15), 2.0),  # constant
        ]
    )
    s, z, p = mann_kendall(rows)
    for i, r in enumerate(rows):
        ref = pmk.original_test(r)
        assert s[i] == ref.s
        np.testing.assert_allclose(z[i], ref.z, atol=1e-12)
        np.testing.assert_allclose(p[i], ref.p, atol=1e-12)


def test_poisson_upper_p_against_direct_sum():
    for obs, mu in [(0, 2.0), (1, 0.5), (7, 3.2), (20, 10.0), (3, 0.0)]:
        direct = 1.0 - sum(
            math.exp(-mu) * mu**k / math.factorial(k) for k in range(obs)
        )
        np.testing.assert_allclose(poisson_upper_p(obs, mu), direct, atol=1e-12)


def test_negbin_upper_p_has_stated_mean_and_variance_and_is_wider():
    mu, phi = 6.0, 2.5
    n, prob = mu / (phi - 1), 1 / phi
    dist = stats.nbinom(n, prob)
    np.testing.assert_allclose(dist.mean(), mu)
    np.testing.assert_allclose(dist.var(), phi * mu)

    # direct pmf sum oracle
    def pmf(k):
        return math.exp(
            math.lgamma(k + n)
            - math.lgamma(n)
            - math.lgamma(k + 1)
            + n * math.log(prob)
            + k * math.log(1 - prob)
        )

    direct = 1 - sum(pmf(k) for k in range(14))
    np.testing.assert_allclose(negbin_upper_p(14, mu, phi), direct, rtol=1e-9)
    # over-dispersion makes a high count less surprising
    assert negbin_upper_p(14, mu, phi) > poisson_upper_p(14, mu)
    # no over-dispersion: the Poisson test
    np.testing.assert_allclose(negbin_upper_p(14, mu, 0.8), poisson_upper_p(14, mu))


def test_dispersion_from_history_recovers_phi():
    rng = np.random.default_rng(3)
    mu = np.full((200, 60), 8.0)
    pois = rng.poisson(mu)
    phi = 3.0
    nb = rng.negative_binomial(mu / (phi - 1), 1 / phi)
    d_p = dispersion_from_history(pois, mu, n_params=0)
    d_nb = dispersion_from_history(nb, mu, n_params=0)
    assert abs(np.median(d_p) - 1.0) < 0.1
    assert abs(np.median(d_nb) - phi) < 0.3
