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
- **Odds ratio** (Farrington & Welsh): ``OR = (Cb·Ta)/(Ca·Tb)`` (< 1: treated area
  improved relative to control) with ``Var(log OR) = 1/Tb + 1/Ta + 1/Cb + 1/Ca`` and
  a 95 % interval; a relative effect size ``1 − OR`` is reported as percent change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from scipy import stats

from workstation.analysis.results import AnalysisResult


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


def evaluate(
    treated: BeforeAfter | tuple[float, float],
    control: BeforeAfter | tuple[float, float],
    displacement: BeforeAfter | tuple[float, float] | None = None,
    displacement_control: BeforeAfter | tuple[float, float] | None = None,
) -> EvaluationResult:
    """WDD with its variance and z, plus WDQ, total net effect and odds ratio.

    ``displacement`` is the buffer around the treated area; ``displacement_control``
    the control for the buffer (if omitted while a buffer is given, the main control
    is used for the WDQ and net effect, and the WDD's D terms use no control, as in
    Wheeler & Ratcliffe's simplified form: ``ΔD`` alone).
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
    if min(t.before, t.after, c.before, c.after) < 5:
        warnings.append(
            "some counts are below 5: the normal approximation of the WDD test is rough; "
            "treat the p-value with caution"
        )
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
    odds = ci = pct = None
    if min(t.before, t.after, c.before, c.after) > 0:
        odds = (c.before * t.after) / (c.after * t.before)
        se_log = math.sqrt(1 / t.before + 1 / t.after + 1 / c.before + 1 / c.after)
        ci = (odds * math.exp(-1.96 * se_log), odds * math.exp(1.96 * se_log))
        pct = (odds - 1.0) * 100.0
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
    note = (
        "Weighted displacement difference (Wheeler & Ratcliffe 2018): WDD = ΔT − ΔC"
        + (" + ΔD − ΔCD" if d is not None else "")
        + ", counts treated as independent Poisson so Var(WDD) is the sum of the counts; "
        "z = WDD/SE, two-sided normal p. WDQ and total net effect after Bowers & Johnson "
        "(2003); odds ratio after Farrington & Welsh with a 95 % interval from the log "
        "variance. Assumes the control areas share the treated areas' trend without the "
        "intervention, and that the periods are of equal length."
    )
    params = {
        "treated": [t.before, t.after],
        "control": [c.before, c.after],
        "displacement": [d.before, d.after] if d else None,
        "displacement_control": [cd.before, cd.after] if cd else None,
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
        odds_ratio=odds,
        odds_ratio_ci=ci,
        percent_change=pct,
        interpretation=interp,
    )
