#!/usr/bin/env bash
# How long rebuilding a lost allocation index takes: starts the packaged server on the database a load run left
# (aflow_load, see play-load.sh), flushes its Redis database (11), and times the first claim, which rebuilds the
# index of the load's project from PostgreSQL (its open items, and who has answered what) before it is served.
# Usage: server/bench/play-load.sh 32 60 40000 && server/bench/rebuild-time.sh
#        (after ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
psql -h 127.0.0.1 -U postgres -d aflow_load -Atc "select 'project ' || max(project_id) || ': ' || count(*) || ' answers' from answer"
redis-cli -n 11 flushdb >/dev/null
. server/bench/load-server.sh
project=$(psql -h 127.0.0.1 -U postgres -d aflow_load -Atc "select max(project_id) from answer")
token=$(curl -sf -X POST localhost:8080/api/v1/players/guest | sed 's/.*"token":"\([^"]*\)".*/\1/')
for attempt in first second; do
  curl -s -o /dev/null -w "$attempt claim: HTTP %{http_code} in %{time_total} s\n" -X POST -H "Authorization: Bearer $token" \
    "localhost:8080/api/v1/projects/$project/rounds"
done
echo "seen sets: $(redis-cli -n 11 --scan --pattern "af:{p$project}:v3:seen:*" | wc -l), index entries: $(redis-cli -n 11 hlen "af:{p$project}:v3:state")"
