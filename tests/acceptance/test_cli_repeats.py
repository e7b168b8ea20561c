"""``workstation repeats`` and ``nearrepeat`` bands, end to end on real files."""

from __future__ import annotations

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
