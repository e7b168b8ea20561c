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
            "score it on that period: hit rate, PAI and PEI at 1, 2, 5 and 10 % of the area.\n"
            "The naive baseline (last period's counts) is always shown. Writes OUT.csv (table),\n"
            "OUT-per-origin.csv, OUT.png (plot) and OUT.md (model card)."
        ),
    )
    add_input_args(p)
    p.add_argument(
        "--method",
        action="append",
        choices=["naive", "kde", "prospective", "sepp"],
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
        "--min-train", type=int, default=12, help="periods before the first origin"
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
        if sel.boundary is not None:
            ext = Grid.covering(
                tuple(sel.boundary.total_bounds), args.cell_m, crs=sel.crs
            )
            mask = cells_within(ext, sel.boundary)
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
                "outputs": [str(stem.with_suffix(s)) for s in (".csv", ".png", ".md")],
                "warnings": list(res.warnings) + sel.warnings,
            }
        )
        return 0
    print(
        f"Back-test at {cov:.0%} of the area ({res.per_origin['origin'].nunique()} origins):"
    )
    for m, r in summary.iterrows():
        print(
            f"  {m:<12} hit rate {r.hit_rate:6.3f}  PAI {r.pai:6.2f}  PEI {r.pei:6.3f}  PAI vs naive {r.pai_vs_naive:5.2f}x"
        )
    print(
        f"wrote {stem.with_suffix('.csv')}, {stem.with_suffix('.png')}, {stem.with_suffix('.md')}"
    )
    return 0


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

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), dpi=120)
    for m, grp in res.table.groupby("method", sort=False):
        style = {"linestyle": "--", "color": "black"} if m == "naive" else {}
        axes[0].plot(
            grp["coverage"] * 100, grp["hit_rate"] * 100, marker="o", label=m, **style
        )
        axes[1].plot(grp["coverage"] * 100, grp["pai"], marker="o", label=m, **style)
    axes[0].set(xlabel="area flagged (%)", ylabel="hit rate (%)", title="Hit rate")
    axes[1].set(
        xlabel="area flagged (%)", ylabel="PAI", title="Predictive accuracy index"
    )
    for ax in axes:
        ax.grid(alpha=0.3)
    axes[0].legend()
    fig.suptitle(
        f"Rolling-origin back-test ({res.step} steps, {res.data_window[0]} to {res.data_window[1]})"
    )
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
