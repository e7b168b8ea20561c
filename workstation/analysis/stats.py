"""Shared statistical helpers: FDR, vectorised Mann-Kendall, count tests.

Everything here is vectorised over numpy arrays. The slow reference
implementations (``statsmodels``-style BH, ``pymannkendall.original_test``,
``scipy.stats``) are the test oracles.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from workstation.analysis.results import benjamini_hochberg, two_sided_p

__all__ = [
    "bh_fdr",
    "dispersion_from_history",
    "mann_kendall",
    "negbin_upper_p",
    "poisson_upper_p",
    "predictive_upper_p",
    "two_sided_p",
]


def bh_fdr(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values), any shape, NaN-aware.

    The one implementation is :func:`workstation.analysis.results.benjamini_hochberg`
    (NaN entries stay NaN and do not count as tests); this keeps the name the
    statistical helpers use.
    """
    arr = np.asarray(p, dtype=float)
    return benjamini_hochberg(arr.reshape(-1)).reshape(arr.shape)


def mann_kendall(series: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mann-Kendall trend test on each row of a 2-D array (rows = locations).

    Returns ``(s, z, p)``: the score S, the continuity-corrected z
    (``(S - 1)/sqrt(var)`` if S > 0, ``(S + 1)/sqrt(var)`` if S < 0, else 0) and
    the two-sided p-value, with the tie-corrected variance
    ``[n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18``. This is
    ``pymannkendall.original_test`` vectorised; rows must have no NaN (a row
    with any NaN gets NaN results). Ties are exact float equality, as there.
    """
    x = np.asarray(series, dtype=float)
    if x.ndim == 1:
        x = x[None, :]
    nrow, n = x.shape
    s = np.zeros(nrow)
    for k in range(1, n):
        s += np.sign(x[:, k:] - x[:, :-k]).sum(axis=1)
    # tie groups per row
    xs = np.sort(x, axis=1)
    new_group = np.ones_like(xs, dtype=bool)
    new_group[:, 1:] = xs[:, 1:] != xs[:, :-1]
    label = np.cumsum(new_group, axis=1) - 1
    flat = (np.arange(nrow)[:, None] * n + label).reshape(-1)
    tp = np.bincount(flat, minlength=nrow * n).reshape(nrow, n).astype(float)
    ties = (tp * (tp - 1) * (2 * tp + 5)).sum(axis=1)
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(
            s > 0,
            (s - 1) / np.sqrt(var),
            np.where(s < 0, (s + 1) / np.sqrt(var), 0.0),
        )
    z = np.where(var > 0, z, 0.0)
    bad = ~np.isfinite(x).all(axis=1)
    s[bad] = np.nan
    z[bad] = np.nan
    return s, z, two_sided_p(z)


def poisson_upper_p(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """One-sided exact Poisson p-value ``P(X >= observed | mean = expected)``.

    An expected level of zero gives p = 1 for zero observed and 0 otherwise.
    """
    obs = np.asarray(observed, dtype=float)
    mu = np.asarray(expected, dtype=float)
    with np.errstate(invalid="ignore"):
        p = stats.poisson.sf(np.ceil(obs) - 1, np.maximum(mu, 0.0))
    return np.where(obs <= 0, 1.0, p)


def negbin_upper_p(
    observed: np.ndarray, mean: np.ndarray, dispersion: np.ndarray
) -> np.ndarray:
    """One-sided negative-binomial p-value ``P(X >= observed)``.

    The count has mean ``mean`` and variance ``dispersion * mean`` (the
    quasi-Poisson over-dispersion factor phi, as estimated from Pearson
    residuals of the history). Where ``dispersion <= 1`` this falls back to the
    Poisson test (no over-dispersion to model).
    """
    obs = np.asarray(observed, dtype=float)
    mu = np.asarray(mean, dtype=float)
    phi = np.asarray(dispersion, dtype=float)
    obs, mu, phi = np.broadcast_arrays(obs, mu, phi)
    pois = poisson_upper_p(obs, mu)
    over = np.isfinite(phi) & (phi > 1.0 + 1e-9) & (mu > 0)
    out = pois.copy()
    if over.any():
        n = mu[over] / (phi[over] - 1.0)
        prob = 1.0 / phi[over]
        out[over] = stats.nbinom.sf(np.ceil(obs[over]) - 1, n, prob)
        out[over & (obs <= 0)] = 1.0
    return out


def dispersion_from_history(
    observed: np.ndarray, fitted: np.ndarray, n_params: int = 1, axis: int = -1
) -> np.ndarray:
    """Pearson over-dispersion factor ``sum((y - mu)^2 / mu) / (n - p)``.

    Computed along ``axis``; cells with ``mu == 0`` are skipped; returns NaN when
    fewer than ``n_params + 2`` usable values remain.
    """
    y = np.asarray(observed, dtype=float)
    mu = np.asarray(fitted, dtype=float)
    ok = mu > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = np.where(ok, (y - mu) ** 2 / np.where(ok, mu, 1.0), 0.0)
    num = r2.sum(axis=axis)
    dof = ok.sum(axis=axis) - n_params
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(dof >= 2, num / np.maximum(dof, 1), np.nan)
    return phi


def predictive_upper_p(
    observed: np.ndarray,
    mean: np.ndarray,
    dispersion: np.ndarray,
    history_total: np.ndarray,
    history_periods: np.ndarray | int,
) -> np.ndarray:
    """One-sided p-value ``P(X >= observed)`` that allows for an estimated mean.

    The expected level was estimated from ``history_total`` events over
    ``history_periods`` periods, so it is itself uncertain. The count is taken as
    negative binomial with mean ``m`` and variance
    ``max(phi, 1) m + m^2 / (history_total + 0.5)``: the over-dispersed sampling
    variance plus the Poisson-gamma (Jeffreys prior) uncertainty of the level.
    ``m`` is floored at ``0.5 / history_periods`` (half an event over the history)
    so a series with no history is not infinitely surprised by one event.
    """
    obs = np.asarray(observed, dtype=float)
    hp = np.asarray(history_periods, dtype=float)
    mu = np.maximum(np.asarray(mean, dtype=float), 0.5 / np.maximum(hp, 1.0))
    phi = np.asarray(dispersion, dtype=float)
    phi = np.where(np.isfinite(phi), np.maximum(phi, 1.0), 1.0)
    ht = np.maximum(np.asarray(history_total, dtype=float), 0.0)
    obs, mu, phi, ht = np.broadcast_arrays(obs, mu, phi, ht)
    var = phi * mu + mu**2 / (ht + 0.5)
    n = mu**2 / (var - mu)
    prob = mu / var
    p = stats.nbinom.sf(np.ceil(obs) - 1, n, prob)
    return np.where(obs <= 0, 1.0, p)
