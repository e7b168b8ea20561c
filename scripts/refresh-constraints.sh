#!/usr/bin/env bash
# Rewrites constraints.txt: the exact versions of every package that `pip install -e ".[dev]"`
# resolves today, in a brand-new virtual environment (so nothing installed by hand leaks in).
# Run it after changing the dependencies in pyproject.toml, run the tests, and commit both files.
# Resolve with the oldest Python the project supports, so every pin installs there too: Debian 12's
# python3.11 is 3.11.2, and some current releases need 3.11.5 or newer (PYTHON picks the interpreter).
set -euo pipefail
cd "$(dirname "$0")/.."
room=$(mktemp -d "${TMPDIR:-/tmp}/aw-lock.XXXXXX")
trap 'rm -rf "$room"' EXIT
"${PYTHON:-python3}" -m venv "$room/venv"
"$room/venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$room/venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[dev]"
{
  echo "# Pinned versions for CI and users: pip install -c constraints.txt -e \".[dev]\"."
  echo "# Made by scripts/refresh-constraints.sh with $("$room/venv/bin/python" --version) on $(date -u +%F)."
  "$room/venv/bin/python" -m pip freeze --exclude-editable --disable-pip-version-check
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages pinned"
