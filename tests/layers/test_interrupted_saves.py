"""Interrupted saves leave nothing behind: open and save remove dead writers' files.

A save holds an OS lock on ``.NAME.TOKEN.saving.lock`` while its temporary file
(and SQLite's journal of it) exists; the kernel drops the lock when the writer
dies, so the next open or save can tell a dead writer's files from a live one's.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from layers.store import LEGACY_LEFTOVER_AGE_S, load_project, save_project
from tests.conftest import ROOT
from tests.layers.test_store import make_project


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".saving." in p.name)


def fake_writer(folder: Path, token: str) -> list[Path]:
    files = [
        folder / f".p.{token}.saving.{s}" for s in ("lock", "gpkg", "gpkg-journal")
    ]
    for f in files:
        f.write_bytes(b"x" * 1000)
    return files


@pytest.mark.parametrize("how", ["open", "save"])
def test_a_dead_writers_files_are_removed(tmp_path: Path, how: str) -> None:
    path = save_project(make_project(), tmp_path / "p.gpkg")
    fake_writer(tmp_path, "999-dead")  # its lock file, but no lock
    assert len(leftovers(tmp_path)) == 3
    if how == "open":
        load_project(path)
    else:
        save_project(make_project(), path)
    assert leftovers(tmp_path) == []


def test_a_live_writers_files_are_kept(tmp_path: Path) -> None:
    path = save_project(make_project(), tmp_path / "p.gpkg")
    files = fake_writer(tmp_path, "1-live")
    fd = os.open(files[0], os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a writer still saving
    try:
        load_project(path)
        save_project(load_project(path), path)
        assert leftovers(tmp_path) == sorted(f.name for f in files)
    finally:
        os.close(fd)
    load_project(path)
    assert leftovers(tmp_path) == []


def test_old_versions_leftovers_without_a_lock_go_once_old(tmp_path: Path) -> None:
    path = save_project(make_project(), tmp_path / "p.gpkg")
    old = tmp_path / ".p.abcd1234.saving.gpkg"
    young = tmp_path / ".p.efgh5678.saving.gpkg"
    for f in (old, young, Path(f"{old}-journal")):
        f.write_bytes(b"x")
    stale = time.time() - LEGACY_LEFTOVER_AGE_S - 60
    os.utime(old, (stale, stale))
    os.utime(f"{old}-journal", (stale, stale))
    load_project(path)
    assert leftovers(tmp_path) == [young.name]


def test_other_projects_files_are_left_alone(tmp_path: Path) -> None:
    path = save_project(make_project(), tmp_path / "p.gpkg")
    other = tmp_path / ".p2.1-x.saving.gpkg"
    other.write_bytes(b"x")
    (tmp_path / ".p2.1-x.saving.lock").write_bytes(b"")
    load_project(path)
    assert other.exists()


DRIVER = textwrap.dedent(
    """
    import json, os, random, signal, sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from layers import Project
    from layers.store import load_project, save_project
    from tests.layers.test_store import crime_layer, make_project

    path = Path(sys.argv[1]); kills = int(sys.argv[2]); folder = path.parent
    save_project(make_project(), path)
    good = path.read_bytes()
    big = Project()
    big.add_layer(crime_layer(n=60_000, seed=3))
    rng = random.Random(1)
    stats = dict(kills=0, left_by_kill=0, others_at_kill=0, journals=0, intact=0,
                 left_after_open=0, replaced=0)
    for i in range(kills):
        pid = os.fork()
        if pid == 0:
            try:
                save_project(big, path)
            finally:
                os._exit(0)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            tmp = list(folder.glob(".p.*.saving.gpkg"))
            if tmp:
                break
            time.sleep(0.0002)
        else:
            raise SystemExit("the save never wrote its temporary file")
        # half at the moment the file appears, half at a random point of the save
        if i % 2:
            time.sleep(rng.uniform(0, 0.6))
        own = {{p.name.split(".")[2] for p in folder.glob(".p.*.saving.*")}}
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        stats["kills"] += 1
        stats["others_at_kill"] += len(own) > 1  # an earlier kill's files still there
        left = [p for p in folder.iterdir() if ".saving." in p.name]
        stats["left_by_kill"] += bool(left)
        stats["journals"] += any(p.name.endswith("-journal") for p in left)
        if path.read_bytes() != good:
            stats["replaced"] += 1  # the save finished before the kill
            good = path.read_bytes()
        if i % 2 == 0:  # open cleans up; on odd kills the next save must
            q = load_project(path)
            stats["intact"] += q.audit_intact and len(q.layers) > 0
            stats["left_after_open"] += any(".saving." in p.name for p in folder.iterdir())
    q = load_project(path)
    stats["final_intact"] = q.audit_intact
    stats["final_left"] = [p.name for p in folder.iterdir() if ".saving." in p.name]
    print(json.dumps(stats))
    """
)


@pytest.mark.slow
def test_a_hundred_killed_saves_leave_nothing_and_an_intact_file(
    tmp_path: Path,
) -> None:
    script = tmp_path / "driver.py"
    script.write_text(DRIVER.format(root=str(ROOT)))
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "p.gpkg"), "100"],
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    print(stats)
    assert stats["kills"] == 100
    assert stats["left_by_kill"] >= 50  # the kills did leave files to clean
    assert stats["others_at_kill"] == 0  # every save removed the last one's
    assert stats["left_after_open"] == 0
    assert stats["intact"] == 50
    assert stats["final_intact"] and stats["final_left"] == []
