"""The architecture and style contracts are part of the test command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _tool(name: str) -> str:
    """The tool installed beside this interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    path = str(beside) if beside.exists() else shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is not installed (pip install -e '.[dev]'); looked in {beside.parent}"
        )
    return path


def test_import_contracts_hold() -> None:
    proc = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_lint_is_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _deptry(config) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_tool("deptry"), ".", "--config", str(config), "--no-ansi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_ruff_format_is_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_import_is_a_declared_dependency_and_every_dependency_is_used() -> None:
    proc = _deptry(ROOT / "pyproject.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_dependency_check_catches_an_undeclared_import(tmp_path) -> None:
    # the check must be able to fail: drop pyarrow (imported by the police.uk reader)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.strip().startswith('"pyarrow')]
    assert len(lines) < len(text.splitlines()), "pyarrow is no longer declared"
    config = tmp_path / "pyproject.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = _deptry(config)
    assert proc.returncode != 0
    assert "'pyarrow' imported but" in proc.stdout + proc.stderr


def _readme_fenced_line(pattern: str) -> str:
    fenced, found = False, []
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced and pattern in line:
            found.append(line.strip())
    assert found, f"README.md has no fenced line with {pattern!r}"
    return found[0]


def test_ci_installs_and_tests_exactly_as_the_readme_says() -> None:
    install = _readme_fenced_line("pip install")
    pip_part = next(p.strip() for p in install.split("&&") if "pip install" in p)
    tests = _readme_fenced_line("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "bash scripts/system-deps.sh" in ci
    # the same install, with only output flags added between "pip install" and its arguments
    args = pip_part.split("pip install", 1)[1].strip()
    assert any(ln.startswith("pip install") and ln.endswith(args) for ln in ci), (
        pip_part
    )
    assert tests in ci
    assert any("-m venv" in ln for ln in ci), "CI makes no virtual environment"
    assert "-c constraints.txt" in pip_part, "the install is not pinned"


def test_no_package_files_are_committed() -> None:
    proc = subprocess.run(
        ["git", "ls-files", "*.deb", "*.rpm", "*.whl"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.stdout.strip() == "", proc.stdout
