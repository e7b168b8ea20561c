"""Test configuration: Qt runs offscreen; paths to the shared real data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session", autouse=True)
def audit_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests (and the CLI they start) seal audit trails with a key of their own."""
    from layers.audit import KEY_ENV, forget_cached_keys

    path = tmp_path_factory.mktemp("audit-key") / "audit.key"
    old = os.environ.get(KEY_ENV)
    os.environ[KEY_ENV] = str(path)
    forget_cached_keys()
    yield path
    if old is None:
        os.environ.pop(KEY_ENV, None)
    else:
        os.environ[KEY_ENV] = old


ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    return SHARED_DATA
