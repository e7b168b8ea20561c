"""The audit trail's keyed hash chain: sealing entries, checking a trail, its head.

Every entry is sealed once, when it is recorded, with HMAC-SHA256 under a key kept
outside the project (one per installation, :func:`key_path`), chained to the entry
before it. A save writes the stored hashes as they are and never re-seals an old
entry, so a trail found broken stays broken in every later save. The manifest keeps
the chain's head (entry count and last hash) and a keyed MAC over the whole
manifest, which holds each layer's content hash; deleting the last entry (or all of
them), editing the manifest or editing layer rows outside the application is then
seen on open.

What this proves: that the trail and the layers are as this installation (or one
with the same key) saved them. It proves nothing against someone who holds the key
file, and an entry sealed with another installation's key can only be reported as
"not verifiable here".
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layers.validation import DataError

if TYPE_CHECKING:
    from layers.project import AuditEntry, Project

#: Environment variable naming the key file (tests point it at a temporary folder).
KEY_ENV = "WORKSTATION_AUDIT_KEY"
GENESIS = "0" * 64
#: The action of the entry a save adds when it carries a broken trail forward.
BREAK_ACTION = "audit trail break found"
log = logging.getLogger("layers.audit")

_KEYS: dict[str, tuple[bytes, str]] = {}


def key_path() -> Path:
    """Where this installation's audit key lives.

    ``$WORKSTATION_AUDIT_KEY`` when set, else
    ``$XDG_CONFIG_HOME/analyst-workstation/audit.key`` (``~/.config`` by default).
    """
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "analyst-workstation" / "audit.key"


def key_id_of(key: bytes) -> str:
    """A public fingerprint of a key (says which key sealed an entry)."""
    return hashlib.sha256(b"analyst-workstation audit key id\x00" + key).hexdigest()[
        :16
    ]


def _create_key(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, (secrets.token_hex(32) + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # atomic; loses quietly to another process's key
    except FileExistsError:
        pass
    finally:
        tmp.unlink()


def installation_key(*, create: bool = True) -> tuple[bytes, str] | None:
    """Return this installation's audit key and its id; made (mode 0600) on first use.

    Returns None when there is no key and ``create`` is False. Raises
    :class:`DataError` when the key cannot be made or read.
    """
    path = key_path()
    cached = _KEYS.get(str(path))
    if cached is not None and path.exists():
        return cached
    try:
        if not path.exists():
            if not create:
                return None
            _create_key(path)
        text = path.read_text("ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not a key file"
        raise DataError(
            f"cannot use the audit key ({reason}); set {KEY_ENV} to another path",
            source=path,
        ) from exc
    if len(key) < 16:
        raise DataError("the audit key is too short (damaged)", source=path)
    _KEYS[str(path)] = (key, key_id_of(key))
    return _KEYS[str(path)]


def _entry_body(prev: str, entry: AuditEntry, key_id: str | None) -> bytes:
    fields = [
        prev,
        entry.time,
        entry.user,
        entry.action,
        entry.parameters,
        entry.input_hashes,
        entry.software_version,
    ]
    if key_id is not None:
        fields.append(key_id)
    return json.dumps(fields, sort_keys=True, default=str).encode("utf-8")


def entry_hash(prev: str, entry: AuditEntry, key: bytes | None) -> str:
    """The hash of ``entry`` after ``prev``: HMAC-SHA256 under ``key``.

    ``key=None`` gives the unkeyed SHA-256 of format 1 (checking old files only).
    """
    if key is None:
        return hashlib.sha256(_entry_body(prev, entry, None)).hexdigest()
    body = _entry_body(prev, entry, key_id_of(key))
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def normalised(value: Any) -> Any:
    """``value`` as it reads back from JSON (what the hashes are computed on)."""
    return json.loads(json.dumps(value, default=str))


def seal(entry: AuditEntry, prev: str) -> AuditEntry:
    """``entry`` chained after ``prev`` and sealed with this installation's key."""
    key, kid = installation_key()  # type: ignore[misc]
    entry = dataclasses.replace(
        entry,
        parameters=normalised(entry.parameters),
        input_hashes=normalised(entry.input_hashes),
        prev_hash=prev,
        key_id=kid,
    )
    return dataclasses.replace(entry, entry_hash=entry_hash(prev, entry, key))


def sealed_trail(entries: list[AuditEntry]) -> list[AuditEntry]:
    """The trail with every unsealed entry sealed; sealed ones are left as they are."""
    out: list[AuditEntry] = []
    prev = GENESIS
    for e in entries:
        if not e.entry_hash:
            e = seal(e, prev)
        out.append(e)
        prev = e.entry_hash
    return out


def manifest_mac(manifest: dict[str, Any], key: bytes) -> str:
    """Keyed MAC over the manifest (all of it but the MAC itself)."""
    body = dict(manifest)
    head = dict(body.get("audit_head") or {})
    head.pop("mac", None)
    body["audit_head"] = head
    text = json.dumps(normalised(body), sort_keys=True, ensure_ascii=False)
    return hmac.new(
        key, text.encode("utf-8", "surrogatepass"), hashlib.sha256
    ).hexdigest()


def head_of(entries: list[AuditEntry]) -> dict[str, Any]:
    """Count and last hash of a (sealed) trail."""
    return {
        "entries": len(entries),
        "last_hash": entries[-1].entry_hash if entries else GENESIS,
    }


def trail_digest(entries: list[AuditEntry]) -> str:
    """SHA-256 over every entry's content and seal (kept in the keyed manifest).

    It lets a save vouch for the whole trail as it was saved, entries sealed by
    other installations included: an entry edited, or its key id changed to pass it
    off as another installation's, no longer matches.
    """
    h = hashlib.sha256()
    for e in entries:
        body = [e.prev_hash, e.entry_hash, e.key_id, _entry_body("", e, None).decode()]
        h.update(json.dumps(body).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class AuditCheck:
    """What opening a project found about its trail and its layers.

    ``status`` is ``"intact"`` (every entry, the head and every layer verified with
    this installation's key, no break ever recorded), ``"unverified"`` (nothing
    wrong found, but something cannot be checked here: entries sealed elsewhere,
    unkeyed entries of format 1, layers with no recorded hash) or ``"broken"``.
    """

    problems: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: entries that record breaks found earlier (1-based positions in the trail)
    recorded_breaks: list[int] = field(default_factory=list)
    #: what each of those entries says (entry, time, user, problems)
    recorded_details: list[dict[str, Any]] = field(default_factory=list)
    entries_in_file: int = 0
    #: the entry this open added to record new problems (1-based), if any
    break_entry: int | None = None
    #: the head the file's manifest holds (entries, last hash, key id), to compare
    #: with the head an export printed
    file_head: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.problems or self.recorded_breaks:
            return "broken"
        return "unverified" if self.notes else "intact"

    def summary(self) -> str:
        """One line: the status and where the first problems are."""
        return f"{self.status}: {self.details()}"

    def details(self) -> str:
        """Where the first problems are (or what cannot be verified)."""
        if self.status == "intact":
            return f"{self.entries_in_file} entries verified"
        if self.status == "unverified":
            return "; ".join(self.notes[:2])
        parts = [f"{p['where']}: {p['reason']}" for p in self.problems[:3]]
        if len(self.problems) > 3:
            parts.append(f"... {len(self.problems) - 3} more")
        if self.recorded_breaks and not self.problems:
            parts.append(
                "a break found earlier is recorded in entry "
                + ", ".join(str(i) for i in self.recorded_breaks)
            )
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "entries_in_file": self.entries_in_file,
            "problems": list(self.problems),
            "notes": list(self.notes),
            "recorded_breaks": list(self.recorded_details),
            "head": dict(self.file_head),
        }


def _same(a: object, b: str) -> bool:
    """Constant-time equality of a stored hash (any type, any text) and ours."""
    return hmac.compare_digest(
        str(a).encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass")
    )


def _problem(where: str, reason: str) -> dict[str, str]:
    return {"where": where, "reason": reason}


def check_entries(entries: list[AuditEntry], check: AuditCheck) -> None:
    """Check the chain's links and seals; add what is wrong to ``check``."""
    got = installation_key(create=False)
    key, kid = got if got is not None else (None, None)
    prev = GENESIS
    foreign: set[str] = set()
    unkeyed = 0
    for i, e in enumerate(entries, start=1):
        where = f"entry {i} ({e.action[:40]!r}, {e.time[:40]!r})"
        if e.prev_hash != prev:
            check.problems.append(
                _problem(
                    where, "does not follow the entry before it (removed or changed)"
                )
            )
        if not e.key_id:
            unkeyed += 1
            ok = e.entry_hash == entry_hash(e.prev_hash, e, None)
        elif key is not None and e.key_id == kid:
            ok = _same(e.entry_hash, entry_hash(e.prev_hash, e, key))
        else:
            foreign.add(e.key_id)
            ok = True
        if not ok:
            check.problems.append(
                _problem(where, "its content does not match its sealed hash (edited)")
            )
        if e.action == BREAK_ACTION:
            check.recorded_breaks.append(i)
            found = e.parameters.get("problems")
            check.recorded_details.append(
                {
                    "entry": i,
                    "time": e.time,
                    "user": e.user,
                    "problems": found if isinstance(found, list) else [],
                }
            )
        prev = e.entry_hash
    if unkeyed:
        if any(e.key_id for e in entries[:unkeyed]) or any(
            not e.key_id for e in entries[unkeyed:]
        ):
            check.problems.append(
                _problem("trail", "unkeyed entries among keyed ones (resealed?)")
            )
        else:
            check.notes.append(
                f"{unkeyed} entries are from an older version, with an unkeyed hash "
                "that anyone can recompute"
            )
    for k in sorted(foreign):
        check.notes.append(
            f"entries sealed by another installation (key {k}) cannot be verified here"
        )


def check_head(
    manifest: dict[str, Any], entries: list[AuditEntry], check: AuditCheck
) -> None:
    """Check the manifest's head against the trail, and the manifest's MAC."""
    head = manifest.get("audit_head")
    if isinstance(head, dict):
        check.file_head = {
            k: head.get(k) for k in ("entries", "last_hash", "key_id") if k in head
        }
    if not isinstance(head, dict):
        if any(e.key_id for e in entries) or manifest.get("format_version", 1) >= 2:
            check.problems.append(
                _problem(
                    "manifest", "has no audit head (removed outside the application)"
                )
            )
        return
    actual = head_of(entries)
    if head.get("entries") != actual["entries"]:
        check.problems.append(
            _problem(
                "manifest",
                f"its audit head says {head.get('entries')} entries, the trail has "
                f"{actual['entries']} (entries removed or added outside the application)",
            )
        )
    elif head.get("last_hash") != actual["last_hash"]:
        check.problems.append(
            _problem("manifest", "its audit head does not match the trail's last entry")
        )
    got = installation_key(create=False)
    if got is not None and head.get("key_id") == got[1]:
        if head.get("trail_digest") != trail_digest(entries):
            check.problems.append(
                _problem(
                    "trail",
                    "differs from the trail sealed at the last save (an entry or "
                    "its seal changed outside the application)",
                )
            )
        if not _same(head.get("mac", ""), manifest_mac(manifest, got[0])):
            check.problems.append(
                _problem(
                    "manifest",
                    "changed outside the application (its MAC does not match)",
                )
            )
    else:
        check.notes.append(
            f"the manifest was sealed by another installation (key {head.get('key_id')}) "
            "and cannot be verified here"
        )


def new_problems(check: AuditCheck, entries: list[AuditEntry]) -> list[dict[str, str]]:
    """Problems not already recorded by an earlier break entry."""
    seen: set[tuple[str, str]] = set()
    for i in check.recorded_breaks:
        for p in entries[i - 1].parameters.get("problems", []):
            if isinstance(p, dict):
                seen.add((str(p.get("where")), str(p.get("reason"))))
    return [p for p in check.problems if (p["where"], p["reason"]) not in seen]


def record_break(project: Project, path: str | Path) -> None:
    """Append an entry saying where the break was found (once per new problem)."""
    check = project.audit_check
    if check is None or not check.problems:
        return
    fresh = new_problems(check, project.audit)
    if not fresh:
        return
    project.audit.append(
        seal(
            _break_entry(fresh, path),
            project.audit[-1].entry_hash if project.audit else GENESIS,
        )
    )
    check.break_entry = len(project.audit)


def _break_entry(problems: list[dict[str, str]], path: str | Path) -> AuditEntry:
    from datetime import UTC, datetime

    from layers import __version__
    from layers.project import AuditEntry, _user

    return AuditEntry(
        time=datetime.now(UTC).isoformat(timespec="seconds"),
        user=_user(),
        action=BREAK_ACTION,
        parameters={"file": str(path), "problems": problems},
        input_hashes={},
        software_version=__version__,
    )


def audit_head(project: Project) -> dict[str, Any]:
    """The trail's head for an export's metadata.

    ``{"entries": n, "last_hash": hex, "key_id": hex, "status": "intact" |
    "unverified" | "broken"}``; call it after recording the export's own entry.
    """
    entries = sealed_trail(project.audit)
    project.audit[:] = entries
    got = installation_key()
    check = project.audit_check
    return {
        **head_of(entries),
        "key_id": got[1] if got else None,
        "status": check.status if check is not None else "intact",
    }


def forget_cached_keys() -> None:
    """Drop the keys read so far (tests that move the key file)."""
    with contextlib.suppress(Exception):
        _KEYS.clear()
