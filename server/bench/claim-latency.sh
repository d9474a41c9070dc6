#!/usr/bin/env bash
# Latency of the next-item claim as the server runs it: the Lua claim script of AllocationIndex
# (server/app/src/main/resources/allocation: claim.lua after its helpers), executed by Redis on an index of N open items of 4 labels with their posteriors, 8 clients, random
# players (of 100,000, each with a confusion matrix, so every claim scores its candidates for the player) and
# rounds, under an answer budget; once for a project that reports the most probable label (entropy need) and once
# for one that reports the most-voted label (majority need, items with 0-3 answers per label). Redis database 12
# is flushed.
# Prints the index's memory per item, the round trip as the client sees it and the script's own execution time
# inside Redis (INFO latencystats).
# Usage: server/bench/claim-latency.sh [items...]   (default 10000 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
lua=$(mktemp); fill=$(mktemp)
scripts=server/app/src/main/resources/allocation
cat "$scripts/state.lua" "$scripts/gain.lua" "$scripts/claim.lua" > "$lua"
matching=$(grep -o 'MATCHING_CANDIDATES = [0-9]*' server/app/src/main/java/io/attentionflow/app/round/AllocationIndex.java | grep -o '[0-9]*$')
cat > "$fill" <<'LUA'
-- Each item's state as state.lua has it: count;answered;need;rank;belief;votes;basis.
for i = 1, tonumber(ARGV[1]) do
  redis.call('ZADD', KEYS[1], -math.random(), i)
  local a = math.random()
  local belief = a .. ',' .. (1 - a) / 3 .. ',' .. (1 - a) / 3 .. ',' .. (1 - a) / 3
  local votes = math.random(0, 3) .. ',' .. math.random(0, 3) .. ',' .. math.random(0, 3) .. ',' .. math.random(0, 3)
  redis.call('HSET', KEYS[2], i, '0;0;0.5;' .. math.random() .. ';' .. belief .. ';' .. votes .. ';0')
end
for p = 0, 99999 do
  local c = {}
  for t = 0, 3 do
    local right = 0.5 + 0.5 * math.random()
    for g = 0, 3 do c[#c + 1] = t == g and right or (1 - right) / 3 end
  end
  -- redis-benchmark writes __rand_int__ as 12 zero-padded digits: the players' ids must be written the same way.
  redis.call('HSET', KEYS[4], string.format('%012d', p), table.concat(c, ','))
end
redis.call('SET', KEYS[3], 1)
LUA
for n in "${@:-10000 1000000}"; do
  for items in $n; do
    redis-cli -n 12 flushdb >/dev/null
    redis-cli -n 12 --eval "$fill" open state built reliability , "$items" >/dev/null
    sha=$(redis-cli -n 12 SCRIPT LOAD "$(cat "$lua")")
    bytes=0
    for key in open state; do bytes=$((bytes + $(redis-cli -n 12 MEMORY USAGE "$key" SAMPLES 0))); done
    echo "open items: $items, index memory per item: $((bytes / items)) bytes (the ranking and the items' states)"
    for need in entropy majority; do
      weight=$([ "$need" = majority ] && echo 0.001 || true)
      redis-cli CONFIG RESETSTAT >/dev/null
      echo "open items: $items, $need need (claims of 5 items for random players; round trip as the client sees it: avg min p50 p95 p99 max in ms)"
      redis-benchmark -n 50000 -c 8 --dbnum 12 -r 100000 EVALSHA "$sha" 9 open state 'seen:__rand_int__' leases lease-items built \
        gold spent reliability 5 1000 'round:__rand_int__' 9999999999999 2000 need 0 0 0 \
        1000000000 __rand_int__ "$weight" "$matching" 2>/dev/null | tr '\r' '\n' | grep -A1 "avg       min" | tail -1
      # Redis's own execution time of the script, without the queueing and network of the round trip (Redis >= 7).
      echo "  in Redis (microseconds): $(redis-cli INFO latencystats | tr -d '\r' | grep '^latency_percentiles_usec_evalsha:' | cut -d: -f2)"
    done
  done
done
redis-cli -n 12 flushdb >/dev/null
rm -f "$lua" "$fill"
