"""``workstation backtest`` on a real police.uk layer of 11 months, with defaults."""

from __future__ import annotations

import json

import pandas as pd

from workstation.cli import main

ASB = "crime/lancashire_asb_2022.tab"


def test_backtest_runs_on_eleven_real_months_and_names_the_best_baseline(
    shared_data, tmp_path, capsys
):
    df = pd.read_csv(shared_data / ASB, sep="\t", dtype=str)
    lon, lat = df["longitude"].astype(float), df["latitude"].astype(float)
    # one town (Blackburn) and January to November: quick, and 11 months
    part = df[
        (df["month"] < "2022-12")
        & lon.between(-2.55, -2.40)
        & lat.between(53.70, 53.79)
    ]
    assert part["month"].nunique() == 11
    path = tmp_path / "asb11.tab"
    part.to_csv(path, sep="\t", index=False)
    out = tmp_path / "bt"
    rc = main([
        "backtest", str(path), "--method", "kde", "--cell-m", "250", "-o", str(out),
        "--json",
    ])  # fmt: skip
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    s = json.loads(captured.out)
    assert s["origins"] == 5
    assert any("11 months" in w for w in s["warnings"])
    assert s["best_baseline"] in ("naive", "last3", "history")
    assert s["study_area"] == "the cells that ever had an event"
    table = pd.DataFrame(s["table"])
    assert {"hit_rate_min", "hit_rate_max", "pai_min", "pai_max"} <= set(table)
    kde = [v for v in s["verdicts"] if v.startswith("kde")]
    assert len(kde) == 1 and "beat" in kde[0]
    card = (tmp_path / "bt.md").read_text(encoding="utf-8")
    assert "Against the best fair baseline" in card
    assert "5 origins" in card
