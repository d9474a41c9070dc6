#!/usr/bin/env bash
# What one Redis command of a claim costs as the index grows: moving an existing member of the ranking (ZADD, as a
# claim does for each item it hands out), reading an item's state (HGET) and reading the best-ranked 32 (ZRANGE),
# on a sorted set and a hash of N items, each command 200,000 times from 8 clients at random members. Prints
# Redis's own execution time (INFO latencystats, Redis >= 7; 1 µs resolution). Redis database 13 is flushed.
# Usage: server/bench/index-op-cost.sh [items...]   (default 10000 1000000)
set -euo pipefail
fill=$(mktemp)
cat > "$fill" <<'LUA'
-- redis-benchmark writes __rand_int__ as 12 zero-padded digits: members are written the same way, so every
-- command finds its member.
for i = 0, tonumber(ARGV[1]) - 1 do
  local id = string.format('%012d', i)
  redis.call('ZADD', KEYS[1], -math.random(), id)
  redis.call('HSET', KEYS[2], id, '0;0;0.5;0.3;0.25,0.25,0.25,0.25;1,0,2,0;6')
end
LUA
for n in ${@:-10000 1000000}; do
  redis-cli -n 13 flushdb >/dev/null
  redis-cli -n 13 --eval "$fill" open state , "$n" >/dev/null
  for command in "ZADD open __rand_int__ __rand_int__" "HGET state __rand_int__" "ZRANGE open 0 31"; do
    redis-cli CONFIG RESETSTAT >/dev/null
    # shellcheck disable=SC2086 # the command's words are separate arguments
    redis-benchmark -n 200000 -c 8 --dbnum 13 -r "$n" $command >/dev/null 2>&1
    name=$(echo "$command" | cut -d' ' -f1 | tr 'A-Z' 'a-z')
    echo "$n items, $command: $(redis-cli INFO latencystats | tr -d '\r' | grep "^latency_percentiles_usec_$name:" | cut -d: -f2)"
  done
done
redis-cli -n 13 flushdb >/dev/null
rm -f "$fill"
