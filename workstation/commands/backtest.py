"""``workstation backtest``: how well each forecast method would have done."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from layers.csvsafe import write_frame
from layers.progress import ConsoleProgress
from layers.validation import DataError
from workstation.cli import print_json, subparser
from workstation.commands._analysis_args import add_input_args, select_events


def register(sub: argparse._SubParsersAction) -> None:
    p = subparser(
        sub,
        "backtest",
        "rolling-origin back-test of forecast methods: hit rate, PAI, PEI",
        "workstation backtest street-crime/ --method sepp --coverage 0.05 -o backtest",
        description=(
            "For each of the last N periods, fit each method on the earlier periods only and\n"
            "score it on that period: hit rate, PAI and PEI at 1, 2, 5 and 10 % of the study\n"
            "area (--boundary, else the project's force boundary, else the cells that ever\n"
            "had an event). Three fair baselines always run (last period, last 3 periods,\n"
            "all history; equal scores ordered by longer history), and each model is\n"
            "compared with the best of them. Writes OUT.csv (table: mean, min and max over\n"
            "origins), OUT-per-origin.csv, OUT.png (plot) and OUT.md (model card)."
        ),
    )
    add_input_args(p)
    p.add_argument(
        "--method",
        action="append",
        choices=["naive", "last3", "history", "kde", "prospective", "sepp"],
        help="method(s) to test (default: all)",
    )
    p.add_argument("--cell-m", type=float, default=150.0, help="cell size, metres")
    p.add_argument(
        "--step",
        choices=["month", "week", "day"],
        help="default: month for police.uk, else week",
    )
    p.add_argument(
        "--coverage",
        type=float,
        action="append",
        help="area share(s), default 0.01 0.02 0.05 0.10",
    )
    p.add_argument(
        "--min-train",
        type=int,
        default=None,
        help="periods before the first origin (default 12, or half the data when "
        "they cover 12 periods or fewer)",
    )
    p.add_argument(
        "--origins", type=int, default=12, help="number of rolling origins (latest)"
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="output stem (OUT.csv, OUT.png, OUT.md)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from workstation.analysis.forecast import COVERAGES, METHODS, backtest
    from workstation.analysis.grid import Grid
    from workstation.analysis.hotspots import cells_within

    with ConsoleProgress("backtest") as bar:
        sel = select_events(args)
        layer = sel.layer
        if not layer.is_temporal:
            raise DataError(
                f"layer {layer.name!r} has no times to back-test", source=args.path
            )
        step = args.step or ("month" if layer.time_precision == "month" else "week")
        if layer.time_precision == "month" and step != "month":
            raise DataError(
                "police.uk data are monthly: use --step month", source=args.path
            )
        ext = sel.extent
        mask = None
        boundary, area_name = _study_boundary(sel, args)
        if boundary is not None:
            ext = Grid.covering(tuple(boundary.total_bounds), args.cell_m, crs=sel.crs)
            mask = cells_within(ext, boundary)
        try:
            res = backtest(
                sel.x,
                sel.y,
                layer.times_ns[sel.rows],
                methods=tuple(args.method or METHODS),
                cell_m=args.cell_m,
                step=step,
                min_train=args.min_train,
                max_origins=args.origins,
                coverages=tuple(args.coverage or COVERAGES),
                extent=ext,
                mask=mask,
                study_area=area_name,
                weights=sel.weights,
                tz=layer.timezone,
                progress=bar,
            )
        except ValueError as exc:
            raise DataError(str(exc), source=args.path) from None
    stem = Path(args.output)
    if stem.suffix.lower() in (".csv", ".md", ".png"):
        stem = stem.with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    write_frame(res.table, stem.with_suffix(".csv"))
    write_frame(res.per_origin, stem.with_name(stem.name + "-per-origin.csv"))
    card = res.model_card()
    card = card.replace(
        "# Forecast back-test: model card",
        "# Forecast back-test: model card\n\n"
        f"- Input: {sel.description['input']} (layer {layer.name!r}, {len(sel.rows):,} events"
        f"{', harm-weighted' if sel.weights is not None else ''})",
    )
    fairness = _fairness(sel, res, args, ext, mask)
    if fairness is not None:
        method, table = fairness
        card += (
            f"\n\n## Fairness ({method} forecast, 5 % of the area flagged, by IMD decile)\n\n"
            "Share of flagged cells against the shares of crime and harm in each decile "
            "(1 = most deprived). A flagged share well above the harm share means the "
            "forecast would send patrols to that decile beyond its share of harm.\n\n"
            "| IMD decile | flagged cells | crime | harm | flagged - harm |\n|---|---|---|---|---|\n"
            + "\n".join(
                f"| {int(r.imd_decile)} | {r.flagged_cells_share:.1%} | {r.crime_share:.1%} | "
                f"{r.harm_share:.1%} | {r.flagged_minus_harm:+.1%} |"
                for r in table.itertuples()
            )
        )
    stem.with_suffix(".md").write_text(card + "\n", encoding="utf-8")
    _plot(res, stem.with_suffix(".png"))
    cov = (
        0.05
        if 0.05 in res.table["coverage"].round(4).tolist()
        else float(res.table["coverage"].iloc[0])
    )
    summary = res.summary_at(cov)
    if args.json:
        print_json(
            {
                "table": res.table.to_dict("records"),
                "at_coverage": cov,
                "pai_vs_naive": summary["pai_vs_naive"].to_dict(),
                "best_baseline": str(summary["best_baseline"].iloc[0]),
                "pai_vs_best_baseline": summary["pai_vs_best_baseline"].to_dict(),
                "verdicts": res.verdicts(cov),
                "origins": res.per_origin["origin"].nunique(),
                "study_area": res.study_area,
                "study_cells": res.study_cells,
                "outputs": [str(stem.with_suffix(s)) for s in (".csv", ".png", ".md")],
                "warnings": list(res.warnings) + sel.warnings,
            }
        )
        return 0
    print(
        f"Back-test at {cov:.0%} of the study area ({res.study_area}, "
        f"{res.study_cells:,} cells; {res.per_origin['origin'].nunique()} origins; "
        "mean, lowest-highest origin):"
    )
    for m, r in summary.iterrows():
        print(
            f"  {m:<12} hit rate {r.hit_rate:.3f} ({r.hit_rate_min:.3f}-"
            f"{r.hit_rate_max:.3f})  PAI {r.pai:.2f} ({r.pai_min:.2f}-{r.pai_max:.2f})"
            f"  PEI {r.pei:.3f}"
        )
    for v in res.verdicts(cov):
        print(f"  {v}")
    for w in res.warnings:
        print(f"warning: {w}")
    print(
        f"wrote {stem.with_suffix('.csv')}, {stem.with_suffix('.png')}, {stem.with_suffix('.md')}"
    )
    return 0


def _study_boundary(sel, args):
    """The study area's polygons and name: --boundary, else a project boundary
    layer named as the force area, else none (the cells that ever had an event).
    """
    if sel.boundary is not None:
        return sel.boundary, f"within {Path(args.boundary).name}"
    from layers.kinds import LayerKind

    project = getattr(sel, "project", None)
    if project is None:
        return None, None
    for lyr in project.layers_of(LayerKind.BOUNDARY):
        if "force" in lyr.name.lower():
            geo = lyr.frame.geometry
            if sel.crs and geo.crs is not None:
                geo = geo.to_crs(sel.crs)
            return geo, f"within the project's {lyr.name!r} layer"
    return None, None


def _fairness(sel, res, args, ext, mask):
    """(method, table) for the model card when the project has areas with IMD deciles."""
    from layers.kinds import LayerKind
    from workstation.analysis.forecast import forecast
    from workstation.analysis.patrol import forecast_fairness

    project = getattr(sel, "project", None)
    if project is None:
        return None
    areas = next(
        (
            lyr
            for lyr in project.layers_of(LayerKind.BOUNDARY)
            if "imd_decile" in lyr.frame
        ),
        None,
    )
    if areas is None:
        return None
    at5 = (
        res.summary_at(0.05)
        if 0.05 in res.table["coverage"].round(4).tolist()
        else None
    )
    method = "sepp"
    if at5 is not None:
        method = str(at5["pai"].idxmax())
    fc = forecast(
        sel.x,
        sel.y,
        sel.layer.times_ns[sel.rows],
        method=method,
        cell_m=args.cell_m,
        step=res.step,
        extent=ext,
        weights=sel.weights,
        tz=sel.layer.timezone,
    )
    xy = np.column_stack([sel.x, sel.y])
    table = forecast_fairness(
        fc.scores,
        fc.grid,
        areas.frame,
        coverage=0.05,
        crime_xy=xy,
        crime_harm=sel.weights,
        mask=mask,
    )
    return method, table


def _plot(res, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    base_style = {
        "naive": {"linestyle": "--", "color": "black"},
        "last3": {"linestyle": "-.", "color": "dimgray"},
        "history": {"linestyle": ":", "color": "gray"},
    }
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), dpi=120)
    for m, grp in res.table.groupby("method", sort=False):
        style = base_style.get(m, {})
        label = f"{m} (baseline)" if m in base_style else m
        cov = grp["coverage"] * 100
        for ax, col, k in ((axes[0], "hit_rate", 100), (axes[1], "pai", 1)):
            line = ax.plot(cov, grp[col] * k, marker="o", label=label, **style)[0]
            # the spread across origins: lowest to highest
            ax.fill_between(
                cov, grp[f"{col}_min"] * k, grp[f"{col}_max"] * k,
                color=line.get_color(), alpha=0.12, linewidth=0,
            )  # fmt: skip
    axes[0].set(
        xlabel="study area flagged (%)", ylabel="hit rate (%)", title="Hit rate"
    )
    axes[1].set(
        xlabel="study area flagged (%)", ylabel="PAI", title="Predictive accuracy index"
    )
    for ax in axes:
        ax.grid(alpha=0.3)
    axes[0].legend()
    fig.suptitle(
        f"Rolling-origin back-test ({res.step} steps, {res.data_window[0]} to "
        f"{res.data_window[1]}; bands: lowest to highest origin)"
    )
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
