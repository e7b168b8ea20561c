#!/usr/bin/env bash
# Find the window's translatable strings and rebuild the Qt catalogues.
#
#   bash scripts/i18n-update.sh            # lupdate (new strings -> every .ts) + lrelease
#   bash scripts/i18n-update.sh --release  # lrelease only (.ts -> .qm)
#
# Sources: every .py under workstation/qt (translate(), tr(), QT_TRANSLATE_NOOP).
# Catalogues: resources/i18n/qt/workstation_<lang>.ts (one per language; add a
# language by adding its code to LANGS). New strings arrive "unfinished": translate
# them (python scripts/i18n-todo.py cy > todo.tsv, fill in the third column,
# python scripts/i18n-todo.py cy --apply todo.tsv; or Qt Linguist:
# pyside6-linguist FILE.ts), then run this again. tests/qt/test_i18n_catalogue.py
# and tests/qt/test_i18n_walk.py fail while any is missing or unfinished.
# The compiled .qm files are committed (the window loads them at start).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PYSIDE6_BIN:-$(dirname "$(command -v python3)")}"
if [ -x /work/venv/bin/pyside6-lupdate ] && [ ! -x "$BIN/pyside6-lupdate" ]; then
    BIN=/work/venv/bin
fi
LANGS="${LANGS:-cy}"
OUT=resources/i18n/qt
mkdir -p "$OUT"
if [ "${1:-}" != "--release" ]; then
    mapfile -t SOURCES < <(find workstation/qt -name '*.py' | sort)
    for lang in $LANGS; do
        "$BIN/pyside6-lupdate" -no-obsolete -locations none \
            -target-language "$lang" "${SOURCES[@]}" -ts "$OUT/workstation_$lang.ts"
    done
fi
for lang in $LANGS; do
    "$BIN/pyside6-lrelease" "$OUT/workstation_$lang.ts" -qm "$OUT/workstation_$lang.qm"
done
