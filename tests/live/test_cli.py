"""``workstation live`` end to end: a real PostgreSQL table, a baseline project, a
planted surge; and a watched folder."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import numpy as np
import pandas as pd
import psycopg
import pytest

from workstation.cli import main

HOUR = dt.timedelta(hours=1)
END = pd.Timestamp("2025-03-03 00:00", tz="Europe/London")  # a Monday
CENTRES = [(530500 + 1000 * (i % 5), 180500 + 1000 * (i // 5)) for i in range(10)]


def _history_csv(path, weeks: int = 6, seed: int = 3) -> None:
    """Calls in 10 one-km cells over ``weeks`` weeks before END (no surge)."""
    rng = np.random.default_rng(seed)
    hours = weeks * 168
    start = END - dt.timedelta(weeks=weeks)
    rows = []
    for a, (cx, cy) in enumerate(CENTRES):
        n = rng.poisson(0.3 + 0.1 * a, hours)
        for h in np.flatnonzero(n):
            for _ in range(n[h]):
                t = start + dt.timedelta(hours=int(h), seconds=int(rng.integers(3600)))
                rows.append(
                    (
                        f"H{len(rows):06d}",
                        t.strftime("%d/%m/%Y %H:%M:%S"),
                        "Concern for Safety",
                        f"P{rng.integers(1, 5)}",
                        int(cx + rng.integers(-400, 400)),
                        int(cy + rng.integers(-400, 400)),
                    )
                )
    pd.DataFrame(
        rows,
        columns=[
            "Incident Number",
            "Date Time",
            "Call Type",
            "Priority",
            "Easting",
            "Northing",
        ],
    ).to_csv(path, index=False)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    d = tmp_path_factory.mktemp("baseline")
    _history_csv(d / "calls.csv")
    out = d / "p.gpkg"
    assert main(["import", str(d / "calls.csv"), "-o", str(out)]) == 0
    return out


def _lines(capsys) -> list[dict]:
    out = capsys.readouterr().out
    return [json.loads(x) for x in out.splitlines() if x.startswith("{")]


def test_live_postgres_surge_alerts_and_is_audited(pg_db, baseline, tmp_path, capsys):
    capsys.readouterr()
    with psycopg.connect(pg_db, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE calls (id serial PRIMARY KEY, call_id text, "
            "occurred_at timestamptz, call_type text, priority text, "
            "geom geometry(Point, 27700))"
        )
        t0 = END.to_pydatetime() + dt.timedelta(minutes=5)
        surge = [
            (
                f"S{i:03d}",
                t0 + dt.timedelta(minutes=3 * i),
                "Violence",
                "P1",
                532500,
                180500,
            )
            for i in range(14)
        ]
        bad = [("S900", t0, "Violence", "P1", None, None)]
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO calls (call_id, occurred_at, call_type, priority, geom) "
                "VALUES (%s, %s, %s, %s, ST_SetSRID(ST_MakePoint(%s, %s), 27700))",
                surge + bad,
            )
    out = tmp_path / "live.gpkg"
    code = main(
        [
            "live",
            pg_db,
            "--table",
            "calls",
            "--baseline",
            str(baseline),
            "--json",
            "--until-idle",
            "1",
            "--poll",
            "0.2",
            "--weeks",
            "6",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    lines = _lines(capsys)
    assert sum(x["received"] for x in lines) == 15
    assert sum(x["rejected"] for x in lines) == 1
    assert lines[-1]["total"] == 14
    alerts = lines[-1]["alerts"]
    assert [a["area"] for a in alerts] == ["E532000N180000"]
    assert alerts[0]["grade_mix"]["1"] >= 14
    con = sqlite3.connect(out)
    actions = [r[0] for r in con.execute("SELECT action FROM audit ORDER BY rowid")]
    con.close()
    assert "live demand alert" in actions and actions[-1] == "live feed"


def test_live_history_replayed_without_surge_is_quiet(
    pg_db, baseline, tmp_path, capsys
):
    """The last day of the history, fed again as new rows (other ids), raises nothing."""
    capsys.readouterr()
    src = tmp_path / "replay.csv"
    _history_csv(src, weeks=6, seed=4)  # a fresh draw of the same process
    df = pd.read_csv(src)
    times = pd.to_datetime(df["Date Time"], dayfirst=True).dt.tz_localize(
        "Europe/London"
    )
    df = df[times >= END - dt.timedelta(days=1)].copy()
    df["Incident Number"] = "R" + df["Incident Number"].str[1:]
    # shift one day forward: the day after the history, with no change in demand
    shifted = pd.to_datetime(df["Date Time"], dayfirst=True) + pd.Timedelta(days=1)
    df["Date Time"] = shifted.dt.strftime("%d/%m/%Y %H:%M:%S")
    folder = tmp_path / "exports"
    folder.mkdir()
    df.to_csv(folder / "day.csv", index=False)
    code = main(
        [
            "live",
            str(folder),
            "--baseline",
            str(baseline),
            "--json",
            "--until-idle",
            "1.5",
            "--poll",
            "0.2",
            "--weeks",
            "6",
        ]
    )
    assert code == 0
    lines = _lines(capsys)
    assert sum(x["added"] for x in lines) == len(df)
    assert all(x["alerts"] == [] for x in lines)


def test_live_bad_inputs_exit_2(tmp_path, capsys):
    assert main(["live", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert "no such folder" in err
    assert main(["live", "host=/nonexistent port=1 dbname=x", "--table", "t"]) == 2
    assert "cannot connect" in capsys.readouterr().err


def test_help_says_where_passwords_go(capsys):
    with pytest.raises(SystemExit):
        main(["live", "--help"])
    out = capsys.readouterr().out
    assert "PGPASSFILE" in out and "PGPASSWORD" in out
