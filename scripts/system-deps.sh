#!/usr/bin/env bash
# Installs the system libraries the Analyst Workstation needs on Debian/Ubuntu:
# Qt's runtime libraries (the app and its offscreen tests), Xvfb (screenshots),
# Chromium (offline HTML checks, public PDF briefings), poppler-utils (PDF checks),
# LibreOffice Writer (checks that report DOCX files open), PostgreSQL with PostGIS
# (the live-demand tests start their own server in a temporary directory; nothing
# is left running), Noto fonts (every script of the public briefing: Latin, Urdu
# Nastaliq, Gurmukhi, Bengali) and, for Debian's own python3, python3-venv.
# Safe to run again: it installs only what is missing. Elsewhere it says what to install.
set -euo pipefail
pkgs=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
      libxcb-randr0 libxcb-render-util0 libxcb-image0 libglib2.0-0 fonts-dejavu-core
      xvfb xauth chromium poppler-utils postgresql libreoffice-writer-nogui
      fonts-noto-core fonts-noto-ui-core)
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian-like system; please install the equivalents of: ${pkgs[*]}" >&2
  exit 0
fi
missing=()
# Debian's own python3 makes virtual environments only with python3-venv (ensurepip)
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  pkgs+=(python3-venv)
fi
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# PostGIS for the server's major version (postgresql-15-postgis-3 on Debian 12)
pg_major() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1; }
postgis_missing() {
  local v; v=$(pg_major)
  [ -n "$v" ] && [ ! -e "/usr/share/postgresql/$v/extension/postgis.control" ]
}
if [ ${#missing[@]} -eq 0 ] && ! postgis_missing; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "system-deps: run as root to install: ${missing[*]} (and PostGIS)" >&2; exit 0; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "system-deps: installing ${missing[*]}" >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if postgis_missing; then
  echo "system-deps: installing postgresql-$(pg_major)-postgis-3" >&2
  $SUDO apt-get install -y -qq --no-install-recommends \
    "postgresql-$(pg_major)-postgis-3" "postgresql-$(pg_major)-postgis-3-scripts" >/dev/null
fi
