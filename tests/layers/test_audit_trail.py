"""The audit trail tells: tampering outside the application is seen, and kept on record.

Each case edits a real saved project with sqlite3 as someone without the key would
(dropping the append-only triggers first), then opens it through the command line.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
import shapely

from layers import audit
from layers.store import load_project, read_manifest, save_project
from tests.layers.test_store import make_project
from workstation.cli import main


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    return save_project(make_project(), tmp_path / "p.gpkg")


def _geom(blob: bytes) -> shapely.Geometry:
    """A GeoPackage geometry blob as shapely (header, envelope, then WKB)."""
    env = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
    return shapely.from_wkb(bytes(blob[8 + env :]))


def gpkg_connect(path: Path) -> sqlite3.Connection:
    """sqlite3 with the ST_ functions GeoPackage's R-tree triggers call (as GDAL has)."""
    con = sqlite3.connect(path)
    con.create_function("ST_IsEmpty", 1, lambda b: int(_geom(b).is_empty))
    for name, i in (("ST_MinX", 0), ("ST_MinY", 1), ("ST_MaxX", 2), ("ST_MaxY", 3)):
        con.create_function(name, 1, lambda b, i=i: float(_geom(b).bounds[i]))
    return con


def tamper(path: Path, *sql: str, params: tuple = ()) -> None:
    con = gpkg_connect(path)
    con.execute("DROP TRIGGER IF EXISTS audit_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for s in sql:
        con.execute(s, params if "?" in s else ())
    con.commit()
    con.close()


def info(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    capsys.readouterr()
    code = main(["info", str(path), "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if code == 0 else {}, err


def unkeyed_rechain(path: Path, *, drop_key_ids: bool) -> None:
    """Edit entry 1 and recompute the whole chain with SHA-256, as format 1 did."""
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_no_update")
    rows = con.execute(
        "SELECT seq, time, user, action, parameters, input_hashes, software_version, "
        "key_id FROM audit ORDER BY seq"
    ).fetchall()
    prev = "0" * 64
    for seq, t, u, a, params, hashes, v, kid in rows:
        if seq == 1:
            a = "nothing to see"
        kid = "" if drop_key_ids else kid
        fields = [prev, t, u, a, json.loads(params), json.loads(hashes), v]
        if kid:
            fields.append(kid)
        body = json.dumps(fields, sort_keys=True, default=str)
        h = hashlib.sha256(body.encode()).hexdigest()
        con.execute(
            "UPDATE audit SET action=?, prev_hash=?, entry_hash=?, key_id=? WHERE seq=?",
            (a, prev, h, kid, seq),
        )
        prev = h
    con.commit()
    con.close()


def test_an_untouched_project_is_intact_and_its_head_is_in_the_manifest(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, rep, err = info(saved, capsys)
    assert code == 0 and err == ""
    assert rep["audit_intact"] and rep["audit"]["status"] == "intact"
    head = read_manifest(saved)["audit_head"]
    q = load_project(saved)
    assert head["entries"] == len(q.audit) == 2
    assert head["last_hash"] == q.audit[-1].entry_hash
    assert rep["audit"]["head"] == {
        k: head[k] for k in ("entries", "last_hash", "key_id")
    }
    assert audit.audit_head(q)["last_hash"] == head["last_hash"]
    # each layer's content hash is in the manifest and in its import entry
    layer_hash = read_manifest(saved)["layers"][0]["content_hash"]
    assert q.audit[0].input_hashes[q.layers[0].id] == layer_hash


def test_the_key_lives_outside_the_project_and_is_private(
    saved: Path, audit_key: Path
) -> None:
    assert audit_key.exists()
    assert stat.S_IMODE(audit_key.stat().st_mode) == 0o600
    assert audit_key.read_text().strip() not in saved.read_bytes().decode("latin-1")


@pytest.mark.parametrize(
    ("case", "sql", "where"),
    [
        ("last entry deleted", ["DELETE FROM audit WHERE seq = 2"], "manifest"),
        ("every entry deleted", ["DELETE FROM audit"], "manifest"),
        (
            "entry edited",
            ['UPDATE audit SET parameters = \'{"files": ["other.csv"]}\' WHERE seq=1'],
            "entry 1",
        ),
        (
            "layer rows edited outside",
            ["UPDATE layer_1 SET category = 'Robbery' WHERE fid = 3"],
            "layer 'Crime'",
        ),
        (
            "manifest edited",
            [
                "UPDATE workstation_project SET value = replace(value, 'Test project', 'X')"
            ],
            "manifest",
        ),
    ],
)
def test_tampering_is_reported_with_where(
    saved: Path, capsys: pytest.CaptureFixture[str], case: str, sql: list, where: str
) -> None:
    tamper(saved, *sql)
    code, rep, err = info(saved, capsys)
    assert code == 0, err
    assert not rep["audit_intact"] and rep["audit"]["status"] == "broken", case
    assert any(p["where"].startswith(where) for p in rep["audit"]["problems"]), rep
    assert "audit trail is broken" in err and where in err


@pytest.mark.parametrize("drop_key_ids", [False, True])
def test_an_edited_entry_with_the_chain_recomputed_unkeyed_is_seen(
    saved: Path, capsys: pytest.CaptureFixture[str], drop_key_ids: bool
) -> None:
    unkeyed_rechain(saved, drop_key_ids=drop_key_ids)
    code, rep, _err = info(saved, capsys)
    assert code == 0 and rep["audit"]["status"] == "broken"
    wheres = [p["where"] for p in rep["audit"]["problems"]]
    assert wheres and (wheres[0].startswith("entry 1") or wheres[0] == "manifest")


def test_an_entry_passed_off_as_another_installations_is_seen(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Edited, with its key id changed so that it cannot be checked here."""
    tamper(
        saved,
        "UPDATE audit SET action = 'nothing', key_id = 'deadbeefdeadbeef' WHERE seq = 1",
    )
    code, rep, _err = info(saved, capsys)
    assert code == 0 and rep["audit"]["status"] == "broken"
    assert [p["where"] for p in rep["audit"]["problems"]] == ["trail"]


def test_a_full_downgrade_to_format_1_is_never_intact(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the head and key ids the file looks old: reported unverifiable."""
    unkeyed_rechain(saved, drop_key_ids=True)
    m = read_manifest(saved)
    m["format_version"] = 1
    del m["audit_head"]
    tamper(
        saved,
        "UPDATE workstation_project SET value = ? WHERE key = 'manifest'",
        params=(json.dumps(m),),
    )
    code, rep, _err = info(saved, capsys)
    assert code == 0 and not rep["audit_intact"]
    assert rep["audit"]["status"] == "unverified"
    assert any("unkeyed" in n for n in rep["audit"]["notes"])


def test_another_installations_key_is_not_verifiable_here(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = os.environ[audit.KEY_ENV]
    os.environ[audit.KEY_ENV] = str(tmp_path / "other" / "audit.key")
    try:
        code, rep, _err = info(saved, capsys)
    finally:
        os.environ[audit.KEY_ENV] = old
    assert code == 0 and rep["audit"]["status"] == "unverified"
    assert rep["audit"]["problems"] == []


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM audit WHERE seq = 2",
        "UPDATE audit SET user = 'someone else' WHERE seq = 1",
        "UPDATE layer_1 SET note = 'changed' WHERE fid = 1",
    ],
)
def test_a_save_after_a_break_carries_it_forward_and_records_it(
    saved: Path, capsys: pytest.CaptureFixture[str], sql: str
) -> None:
    tamper(saved, sql)
    q = load_project(saved)
    assert not q.audit_intact
    q.record("export", {"format": "pdf"})
    save_project(q, saved)
    # the re-save did not make it intact; it says where the break was found
    code, rep, _ = info(saved, capsys)
    assert code == 0 and rep["audit"]["status"] == "broken"
    r = load_project(saved)
    breaks = [e for e in r.audit if e.action == audit.BREAK_ACTION]
    assert len(breaks) == 1 and breaks[0].parameters["problems"]
    assert r.audit[-1].action == "export"
    # opening and saving again does not pile up break entries
    save_project(r, saved)
    assert [e.action for e in load_project(saved).audit].count(audit.BREAK_ACTION) == 1


def test_the_next_brief_and_import_after_a_break_warn_and_keep_it(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(saved, "DELETE FROM audit WHERE seq = 2")
    out = tmp_path / "b.html"
    capsys.readouterr()
    assert main(["brief", str(saved), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "audit trail is broken" in err and "carried forward" in err
    assets = tmp_path / "assets.csv"
    assets.write_text("name,asset_type,easting,northing\nHall,school,401000,281000\n")
    assert main(["import", str(assets), "-o", str(saved), "--kind", "asset"]) == 0
    err = capsys.readouterr().err
    assert "audit trail" in err and "carried forward" in err
    code, rep, _ = info(saved, capsys)
    assert code == 0 and rep["audit"]["status"] == "broken"
    actions = [e.action for e in load_project(saved).audit]
    assert actions.count(audit.BREAK_ACTION) == 1
    assert actions[-1] == "import"


def test_info_text_names_the_failed_entry_and_layer(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(
        saved,
        "UPDATE audit SET action = 'nothing' WHERE seq = 2",
        "UPDATE layer_2 SET area_name = 'Gamma' WHERE fid = 1",
    )
    capsys.readouterr()
    assert main(["info", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "audit: broken" in out
    assert "failed: entry 2 ('nothing'" in out
    assert "failed: layer 'Areas' (table layer_2)" in out


LEGACY = Path(__file__).resolve().parent.parent / "data" / "project-format-1.gpkg"


def test_a_format_1_project_opens_unverified_and_keeps_its_old_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Made by the version before keyed trails (tests/layers/test_store.make_project)."""
    path = tmp_path / "old.gpkg"
    path.write_bytes(LEGACY.read_bytes())
    code, rep, err = info(path, capsys)
    assert code == 0 and rep["audit"]["status"] == "unverified"
    assert rep["audit"]["problems"] == [] and "cannot be verified" in err
    old = load_project(path)
    old_hashes = [e.entry_hash for e in old.audit]
    old.record("export", {"format": "pdf"})
    save_project(old, path)
    new = load_project(path)
    assert [e.entry_hash for e in new.audit][:2] == old_hashes  # never re-hashed
    assert new.audit[-1].key_id and new.audit_check.status == "unverified"
    # the crime layer is checked against the hash its format-1 import entry holds
    edited = tmp_path / "edited.gpkg"
    edited.write_bytes(LEGACY.read_bytes())
    tamper(edited, "UPDATE layer_1 SET category = 'Robbery' WHERE fid = 3")
    assert load_project(edited).audit_check.status == "broken"
