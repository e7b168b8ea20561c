"""Evaluation of place-based interventions: WDD, WDQ, total net effect, odds ratio.

- **WDD**, the weighted displacement difference (Wheeler & Ratcliffe 2018, "A simple
  weighted displacement difference test to evaluate place based crime
  interventions", *Crime Science* 7:11): ``WDD = ΔT − ΔC + ΔD − ΔCD`` with
  ``Δ = after − before`` for the treated area T, its control C, the displacement
  (buffer) area D and the buffer's control CD. Counts are taken as independent
  Poisson, so ``Var(WDD)`` is the sum of the eight counts and ``z = WDD / √Var``.
  Without a displacement area the D terms are dropped.
- **WDQ**, the weighted displacement quotient (Bowers & Johnson 2003, "Measuring the
  geographical displacement and diffusion of benefit effects of crime prevention
  activity", *J. Quantitative Criminology* 19(3)): success measure
  ``SM = Ta/Ca − Tb/Cb`` (negative: the treated area improved relative to control),
  buffer displacement measure ``BDM = Da/Ca − Db/Cb`` and ``WDQ = BDM / SM``;
  ``WDQ > 0`` diffusion of benefits, ``< 0`` displacement, ``|WDQ| > 1`` the buffer
  effect outweighs the direct effect. Only meaningful when SM < 0.
- **Total net effect** (Bowers & Johnson 2003): ``[Tb·Ca/Cb − Ta] + [Db·Ca/Cb − Da]``,
  crimes prevented net of displacement (positive: fewer crimes than expected).
- **Odds ratio** (Farrington & Welsh's relative effect size): ``OR = (Tb·Ca)/(Ta·Cb)``,
  the control area's after/before ratio over the treated area's, so **OR > 1 means
  the intervention worked** (crime fell in the treated area relative to control).
  The Poisson variance ``1/Tb + 1/Ta + 1/Cb + 1/Ca`` of ``log OR`` understates the
  real spread of crime counts (over-dispersion), so it is multiplied by ``D``:
  by default Farrington et al.'s (2007) estimate from monthly counts of many
  sites, ``D = 0.0008 N + 1.2`` with ``N = Tb + Ta + Cb + Ca`` (at least 1), or a
  factor given by the caller (e.g. estimated from the areas' own monthly counts).
  ``percent_change = (1/OR − 1) × 100`` is the change in the treated area relative
  to control (negative: fewer crimes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from workstation.analysis.results import AnalysisResult

#: counts below this make every test here unreliable (the WDD's normal
#: approximation and the odds ratio's interval)
SMALL_COUNT = 10


@dataclass(frozen=True)
class BeforeAfter:
    """Counts in one area before and after the intervention."""

    before: float
    after: float

    def __post_init__(self) -> None:
        for name in ("before", "after"):
            v = getattr(self, name)
            if not (isinstance(v, int | float) and math.isfinite(v) and v >= 0):
                raise ValueError(
                    f"{name} count must be a non-negative number, got {v!r}"
                )

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def total(self) -> float:
        return self.before + self.after


@dataclass(frozen=True)
class EvaluationResult(AnalysisResult):
    wdd: float = math.nan
    variance: float = math.nan
    se: float = math.nan
    z: float = math.nan
    p: float = math.nan
    wdq: float | None = None
    success_measure: float | None = None
    buffer_displacement: float | None = None
    total_net_effect: float | None = None
    odds_ratio: float | None = None
    odds_ratio_ci: tuple[float, float] | None = None
    odds_ratio_ci_poisson: tuple[float, float] | None = None
    odds_ratio_p: float | None = None
    dispersion: float | None = None
    percent_change: float | None = None
    interpretation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "wdd": self.wdd,
            "variance": self.variance,
            "se": self.se,
            "z": self.z,
            "p": self.p,
            "wdq": self.wdq,
            "success_measure": self.success_measure,
            "buffer_displacement": self.buffer_displacement,
            "total_net_effect": self.total_net_effect,
            "odds_ratio": self.odds_ratio,
            "odds_ratio_ci": list(self.odds_ratio_ci) if self.odds_ratio_ci else None,
            "odds_ratio_ci_poisson": list(self.odds_ratio_ci_poisson)
            if self.odds_ratio_ci_poisson
            else None,
            "odds_ratio_p": self.odds_ratio_p,
            "dispersion": self.dispersion,
            "percent_change": self.percent_change,
            "interpretation": self.interpretation,
            "params": self.params,
            "method_note": self.method_note,
            "warnings": list(self.warnings),
        }


def _pair(v: BeforeAfter | tuple[float, float] | None) -> BeforeAfter | None:
    if v is None or isinstance(v, BeforeAfter):
        return v
    before, after = v
    return BeforeAfter(float(before), float(after))


def farrington_dispersion(total: float) -> float:
    """Farrington et al.'s (2007) over-dispersion factor ``0.0008 N + 1.2`` (≥ 1)."""
    return max(1.0, 0.0008 * float(total) + 1.2)


def odds_ratio(
    t: BeforeAfter, c: BeforeAfter, dispersion: float | None = None
) -> dict[str, Any] | None:
    """Farrington & Welsh's odds ratio (> 1: the intervention worked) and intervals.

    ``None`` when any of the four counts is zero. The 95 % interval uses
    ``Var(log OR) = D (1/Tb + 1/Ta + 1/Cb + 1/Ca)`` with ``D`` the given dispersion
    or :func:`farrington_dispersion`; the Poisson interval (``D = 1``) is also
    returned.
    """
    if min(t.before, t.after, c.before, c.after) <= 0:
        return None
    odds = (t.before * c.after) / (t.after * c.before)
    var = 1 / t.before + 1 / t.after + 1 / c.before + 1 / c.after
    d = farrington_dispersion(t.total + c.total) if dispersion is None else dispersion
    se = math.sqrt(d * var)
    se0 = math.sqrt(var)
    z = math.log(odds) / se
    return {
        "odds_ratio": odds,
        "ci": (odds * math.exp(-1.96 * se), odds * math.exp(1.96 * se)),
        "ci_poisson": (odds * math.exp(-1.96 * se0), odds * math.exp(1.96 * se0)),
        "p": float(2 * stats.norm.sf(abs(z))),
        "dispersion": d,
        "percent_change": (1.0 / odds - 1.0) * 100.0,
    }


def _wdq(
    t: BeforeAfter, c: BeforeAfter, d: BeforeAfter | None, warnings: list[str]
) -> tuple[float | None, float | None, float | None, float | None]:
    """(WDQ, success measure, buffer displacement measure, total net effect)."""
    wdq = sm = bdm = tne = None
    if c.before > 0 and c.after > 0:
        sm = t.after / c.after - t.before / c.before
        tne = t.before * c.after / c.before - t.after
        if d is not None:
            bdm = d.after / c.after - d.before / c.before
            tne += d.before * c.after / c.before - d.after
            if sm < 0:
                wdq = bdm / sm
            else:
                warnings.append(
                    "the treated area did not improve relative to control (success measure "
                    ">= 0), so the WDQ is not meaningful and is not reported"
                )
    else:
        warnings.append(
            "a control count is zero: WDQ and net effect cannot be computed"
        )
    return wdq, sm, bdm, tne


def _interpretation(wdd: float, se: float, z: float, p: float, d, wdq, orr) -> str:
    direction = "fewer" if wdd < 0 else "more"
    sig = (
        "statistically significant at the 5 % level"
        if math.isfinite(p) and p < 0.05
        else "not statistically significant at the 5 % level"
    )
    interp = (
        f"Net of the control trend{' and displacement' if d is not None else ''}, the "
        f"treated area had {abs(wdd):.0f} {direction} crimes than expected "
        f"(WDD {wdd:.1f}, SE {se:.1f}, z {z:.2f}, p {p:.3f}): {sig}."
    )
    if wdq is not None:
        if wdq > 0:
            interp += f" WDQ {wdq:.2f} > 0: diffusion of benefits into the buffer."
        elif wdq < 0:
            interp += f" WDQ {wdq:.2f} < 0: some displacement into the buffer."
    if orr is not None:
        lo, hi = orr["ci"]
        verdict = (
            "the interval excludes 1"
            if lo > 1 or hi < 1
            else "the interval includes 1, so no effect cannot be ruled out"
        )
        interp += (
            f" Odds ratio {orr['odds_ratio']:.2f} (95 % CI {lo:.2f}-{hi:.2f}; above 1 "
            f"means the intervention worked): {verdict}."
        )
    return interp


def evaluate(
    treated: BeforeAfter | tuple[float, float],
    control: BeforeAfter | tuple[float, float],
    displacement: BeforeAfter | tuple[float, float] | None = None,
    displacement_control: BeforeAfter | tuple[float, float] | None = None,
    *,
    dispersion: float | None = None,
) -> EvaluationResult:
    """WDD with its variance and z, plus WDQ, total net effect and odds ratio.

    ``displacement`` is the buffer around the treated area; ``displacement_control``
    the control for the buffer (if omitted while a buffer is given, the main control
    is used for the WDQ and net effect, and the WDD's D terms use no control, as in
    Wheeler & Ratcliffe's simplified form: ``ΔD`` alone). ``dispersion`` is the
    over-dispersion factor of the odds ratio's variance (default: Farrington et
    al.'s ``0.0008 N + 1.2``).
    """
    t, c = _pair(treated), _pair(control)
    d, cd = _pair(displacement), _pair(displacement_control)
    if t is None or c is None:
        raise ValueError("treated and control counts are required")
    warnings: list[str] = []
    wdd = t.change - c.change
    var = t.total + c.total
    if d is not None:
        wdd += d.change
        var += d.total
        if cd is not None:
            wdd -= cd.change
            var += cd.total
    se = math.sqrt(var) if var > 0 else math.nan
    z = wdd / se if se and math.isfinite(se) else math.nan
    p = float(2 * stats.norm.sf(abs(z))) if math.isfinite(z) else math.nan
    if dispersion is not None and not (math.isfinite(dispersion) and dispersion > 0):
        raise ValueError(f"the dispersion factor must be positive, got {dispersion!r}")
    counts = [t.before, t.after, c.before, c.after]
    for area in (d, cd):
        if area is not None:
            counts += [area.before, area.after]
    if min(counts) < SMALL_COUNT:
        warnings.append(
            f"some counts are under {SMALL_COUNT} (smallest {min(counts):g}): the WDD's "
            "normal approximation and the odds ratio's interval are unreliable at such "
            "counts, and a change of a few crimes can reverse the conclusion; treat "
            "the p-values and intervals with caution"
        )
    wdq, sm, bdm, tne = _wdq(t, c, d, warnings)
    orr = odds_ratio(t, c, dispersion)
    interp = _interpretation(wdd, se, z, p, d, wdq, orr)
    note = (
        "Weighted displacement difference (Wheeler & Ratcliffe 2018): WDD = ΔT − ΔC"
        + (" + ΔD − ΔCD" if d is not None else "")
        + ", counts treated as independent Poisson so Var(WDD) is the sum of the counts; "
        "z = WDD/SE, two-sided normal p. WDQ and total net effect after Bowers & Johnson "
        "(2003); odds ratio after Farrington & Welsh, OR = (Tb·Ca)/(Ta·Cb), above 1 "
        "when the treated area improved relative to control, with a 95 % interval "
        "from the log variance multiplied by an over-dispersion factor "
        + (
            f"D = {orr['dispersion']:.2f}"
            + (
                " (Farrington et al. 2007: 0.0008 N + 1.2)"
                if dispersion is None
                else " (given)"
            )
            if orr is not None
            else "D"
        )
        + ". Assumes the control areas share the treated areas' trend without the "
        "intervention, and that the periods are of equal length."
    )
    params = {
        "treated": [t.before, t.after],
        "control": [c.before, c.after],
        "displacement": [d.before, d.after] if d else None,
        "displacement_control": [cd.before, cd.after] if cd else None,
        "dispersion": dispersion,
    }
    return EvaluationResult(
        params=params,
        method_note=note,
        warnings=tuple(warnings),
        wdd=float(wdd),
        variance=float(var),
        se=float(se),
        z=float(z),
        p=p,
        wdq=wdq,
        success_measure=sm,
        buffer_displacement=bdm,
        total_net_effect=tne,
        odds_ratio=orr["odds_ratio"] if orr else None,
        odds_ratio_ci=orr["ci"] if orr else None,
        odds_ratio_ci_poisson=orr["ci_poisson"] if orr else None,
        odds_ratio_p=orr["p"] if orr else None,
        dispersion=orr["dispersion"] if orr else None,
        percent_change=orr["percent_change"] if orr else None,
        interpretation=interp,
    )


def area_overlaps(areas: dict[str, Any], tolerance: float = 1e-3) -> list[str]:
    """One message per pair of evaluation areas that overlap (by more than
    ``tolerance`` of the smaller one's area), e.g. a treated area inside its control.

    Events in the overlap would count in both areas, so the comparison is not
    between separate places. ``areas`` maps a role (``treated``, ``control``,
    ``displacement``, ``displacement_control``) to a shapely geometry.
    """
    import shapely

    names = {
        "treated": "treated area",
        "control": "control area",
        "displacement": "displacement buffer",
        "displacement_control": "buffer's control area",
    }
    items = [(k, g) for k, g in areas.items() if g is not None and not g.is_empty]
    out = []
    for i, (ka, ga) in enumerate(items):
        for kb, gb in items[i + 1 :]:
            small = min(ga.area, gb.area)
            shared = shapely.intersection(ga, gb).area
            if small > 0 and shared > tolerance * small:
                inside = " lies inside" if shared >= (1 - tolerance) * small else ""
                out.append(
                    f"the {names.get(ka, ka)} and the {names.get(kb, kb)} overlap "
                    f"({shared / 1e6:.3f} km², {shared / small:.0%} of the smaller"
                    f"{' one, which' + inside + ' the other' if inside else ''}): "
                    "events there count in both; draw them as separate areas "
                    "(e.g. the control outside the treated area and its buffer)"
                )
    return out


def area_counts(
    xy: np.ndarray,
    times_ns: np.ndarray,
    areas: dict[str, Any],
    before: tuple[int, int],
    after: tuple[int, int],
    keep: np.ndarray | None = None,
) -> dict[str, tuple[int, int]]:
    """Events inside each area in the before and after periods.

    ``xy`` (n, 2) and ``times_ns`` (n,) are the events' points and UTC nanosecond
    times, ``areas`` maps a role to a shapely geometry, ``before`` and ``after``
    are half-open ``[start, end)`` nanosecond periods and ``keep`` an optional
    mask of the events to count (a category, say). Returns role -> (before, after).
    """
    import shapely

    mask = np.ones(len(xy), dtype=bool) if keep is None else np.asarray(keep, bool)
    in_b = mask & (times_ns >= before[0]) & (times_ns < before[1])
    in_a = mask & (times_ns >= after[0]) & (times_ns < after[1])
    out = {}
    for role, geom in areas.items():
        shapely.prepare(geom)
        inside = shapely.contains_xy(geom, xy[:, 0], xy[:, 1])
        out[role] = (
            int(np.count_nonzero(inside & in_b)),
            int(np.count_nonzero(inside & in_a)),
        )
    return out
