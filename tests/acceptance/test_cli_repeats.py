"""``workstation repeats`` and ``nearrepeat`` bands, end to end on real files."""

from __future__ import annotations

import json

import pandas as pd

from workstation.cli import main


def _run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


SEATTLE = "demand/seattle_spd_dispatch_2024_sample.csv"
ASB = "crime/lancashire_asb_2022.tab"


def test_knox_single_band_0_500_is_one_band(shared_data, tmp_path, capsys):
    path = shared_data / SEATTLE
    out = tmp_path / "k.csv"
    rc, _, err = _run(
        capsys, "nearrepeat", path, "--space-bands", "0,500",
        "--time-bands", "0,1,2", "--permutations", 9, "--seed", 1, "-o", out,
    )  # fmt: skip
    assert rc == 0, err
    df = pd.read_csv(out)
    assert df["space_band"].unique().tolist() == ["[0, 500] m"]
    rc, _, err = _run(
        capsys, "nearrepeat", path, "--space-bands", "0,500",
        "--time-bands", "0,1,2", "--permutations", 9, "--same-location-band",
        "-o", out,
    )  # fmt: skip
    assert rc == 0, err
    df = pd.read_csv(out)
    assert df["space_band"].unique().tolist() == ["0 m (same)", "(0, 500] m"]


def test_repeats_on_real_police_uk_asb_agree_with_a_hand_count(
    shared_data, tmp_path, capsys
):
    out = tmp_path / "rep.csv"
    rc, stdout, err = _run(
        capsys, "repeats", shared_data / ASB, "--from", "2022-07", "--to", "2022-10",
        "--top", 50, "-o", out, "--json",
    )  # fmt: skip
    assert rc == 0, err
    s = json.loads(stdout)
    got = pd.read_csv(out)
    assert len(got) == 50
    # by hand: rows of July-September grouped by their (rounded) coordinates
    raw = pd.read_csv(shared_data / ASB, sep="\t")
    raw = raw[raw["month"].between("2022-07-01", "2022-09-01")]
    raw = raw.dropna(subset=["longitude", "latitude"])
    hand = raw.groupby(["longitude", "latitude"]).size().sort_values(ascending=False)
    assert got["events"].tolist() == hand.head(50).tolist()
    assert s["events"] == len(raw)
    assert s["repeat_places"] == int((hand >= 2).sum())
    assert s["events_at_repeat_places"] == int(hand[hand >= 2].sum())
    top = got.iloc[0]
    assert top["first"] >= "2022-07" and top["last"] <= "2022-09"
    assert top["categories"] == f"Anti-social behaviour ({top['events']})"
    rc, _, err = _run(capsys, "repeats", shared_data / ASB, "--days", 7, "-o", out)
    assert rc == 2
    assert "monthly" in err and "Traceback" not in err


def test_repeat_calls_within_days_on_real_dispatch_data(shared_data, tmp_path, capsys):
    out = tmp_path / "calls.csv"
    rc, stdout, err = _run(
        capsys, "repeats", shared_data / SEATTLE, "--days", 1, "--within-m", 50,
        "-o", out, "--json",
    )  # fmt: skip
    assert rc == 0, err
    s = json.loads(stdout)
    got = pd.read_csv(out)
    assert s["days"] == 1
    assert len(got) == s["repeat_places"]
    assert (got["repeats_within_days"] >= 1).all()
    assert (got["events"] >= got["repeats_within_days"] + 1).all()
