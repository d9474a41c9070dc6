#!/usr/bin/env bash
# How long an item upload takes into an active project, and the same upload sent again (every row already stored, as
# after a 503 whose upload committed): one packaged server on a fresh database aflow_load and Redis database 11.
# Usage: server/bench/upload-time.sh [items]   (after ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
items=${1:-100000}
psql -h 127.0.0.1 -U postgres -qc "drop database if exists aflow_load with (force)" -c "create database aflow_load"
redis-cli -n 11 flushdb >/dev/null
. server/bench/load-server.sh
csv=$(mktemp); trap 'rm -f "$csv"; kill $server; wait $server 2>/dev/null || true' EXIT
{ echo "id,text"; for i in $(seq 1 "$items"); do echo "item-$i,Text of item number $i to label"; done; } > "$csv"
researcher=$(curl -sf -H 'Authorization: Bearer load-admin' -H 'Content-Type: application/json' -d '{"name":"Uploads"}' \
  localhost:8080/api/v1/admin/researchers | sed 's/.*"token":"\([^"]*\)".*/\1/')
R="Authorization: Bearer $researcher"
project=$(curl -sf -H "$R" -H 'Content-Type: application/json' -d '{"name":"Uploads","gameType":"label-rush","labels":["a","b"]}' \
  localhost:8080/api/v1/projects | sed 's/^{"id":\([0-9]*\).*/\1/')
curl -sf -o /dev/null -H "$R" -H 'Content-Type: text/csv' --data-binary 'id,text
first,the item that lets the project be activated' "localhost:8080/api/v1/projects/$project/items"
curl -sf -o /dev/null -X POST -H "$R" "localhost:8080/api/v1/projects/$project/activate"
for attempt in upload "sent again"; do
  curl -s -o /tmp/aflow-upload-reply -w "$attempt of $items items: HTTP %{http_code} in %{time_total} s: " -H "$R" \
    -H 'Content-Type: text/csv' --data-binary @"$csv" "localhost:8080/api/v1/projects/$project/items"
  cat /tmp/aflow-upload-reply; echo
done
echo "index entries: $(redis-cli -n 11 hlen "af:{p$project}:v3:state"), in the pool: $(redis-cli -n 11 zcard "af:{p$project}:v3:open")"
