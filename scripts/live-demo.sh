#!/usr/bin/env bash
# A local PostGIS holding the demo calls, for trying `workstation live`.
#
#   bash scripts/live-demo.sh start DIR   # demo data, baseline project, server, table
#   bash scripts/live-demo.sh surge DIR   # insert 15 grade-1 calls at one place, now
#   bash scripts/live-demo.sh stop DIR    # stop the server (DIR/pg is then removed)
#
# The server listens only on a Unix socket in DIR/pg (port 5433, no TCP), trusts
# local connections (it is a throw-away demo: never do this with real data) and runs
# as the postgres user when started by root (initdb refuses root).
set -euo pipefail
cmd=${1:?usage: live-demo.sh start|surge|stop DIR}
dir=$(mkdir -p "${2:?usage: live-demo.sh start|surge|stop DIR}" && cd "$2" && pwd)
bin=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg="$dir/pg"
port=5433
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg" -p $port -U analyst "$@"; }
uri="postgresql://analyst@$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$pg"):$port/cad"
ws=${WORKSTATION:-workstation}

case "$cmd" in
start)
  [ -d "$dir/demo" ] || $ws demo-data "$dir/demo" >/dev/null
  [ -f "$dir/p.gpkg" ] || $ws import "$dir/demo/calls/synthetic_calls_for_service.csv" -o "$dir/p.gpkg" >/dev/null
  mkdir -p "$pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg"
  as_pg "$bin/initdb" -D "$pg/data" -A trust -U analyst --no-sync >/dev/null
  as_pg "$bin/pg_ctl" -D "$pg/data" -o "-k $pg -p $port -c listen_addresses=''" \
    -l "$pg/server.log" -w start >/dev/null
  "$bin/createdb" -h "$pg" -p $port -U analyst cad
  psql_ cad -c "CREATE EXTENSION postgis" -c 'CREATE TABLE calls (id bigserial PRIMARY KEY,
      "Incident Number" text, "Created" text, "Call Type" text, "Priority" text,
      "Easting" text, "Northing" text, "Beat" text, "Caller ID" text, "Closed" text)'
  psql_ cad -c "\\copy calls (\"Incident Number\", \"Created\", \"Call Type\", \"Priority\", \"Easting\", \"Northing\", \"Beat\", \"Caller ID\", \"Closed\") FROM '$dir/demo/calls/synthetic_calls_for_service.csv' CSV HEADER"
  $ws live install-trigger "$uri" --table calls
  echo "PostGIS with $(psql_ cad -tA -c 'SELECT count(*) FROM calls') demo calls at: $uri"
  echo "Follow it:  $ws live '$uri' --table calls --new-only --baseline $dir/p.gpkg --areas $dir/demo/boundaries/wards.geojson"
  echo "Then, in another shell:  bash scripts/live-demo.sh surge $dir"
  ;;
surge)
  # 15 grade-1 violence calls within 45 minutes after the last call, at one place
  psql_ cad -c "INSERT INTO calls (\"Incident Number\", \"Created\", \"Call Type\", \"Priority\", \"Easting\", \"Northing\")
    SELECT 'SURGE-' || g, to_char(last + g * interval '3 minutes', 'DD/MM/YYYY HH24:MI:SS'),
           'Violence', 'P1', '399800', '281500'
    FROM generate_series(1, 15) g,
         (SELECT max(to_timestamp(\"Created\", 'DD/MM/YYYY HH24:MI:SS')::timestamp) AS last FROM calls) m"
  echo "inserted 15 calls; the live command should print an ALERT within a few seconds"
  ;;
stop)
  as_pg "$bin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null && rm -rf "$pg"
  echo "stopped"
  ;;
*) echo "usage: live-demo.sh start|surge|stop DIR" >&2; exit 2 ;;
esac
