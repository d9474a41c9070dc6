#!/usr/bin/env bash
# Cost per candidate of the claim script's arithmetic, inside Redis: the Lua helpers of the claim
# (server/app/src/main/resources/allocation/gain.lua) called 2,000 times in one script and timed with Redis's TIME, for a uniform
# belief and a one-coin player at 0.7: the majority risk two answers ahead ("one leader": one label ahead, the others
# at 0 or 1 votes; "many leaders": a third of the labels tied in the lead), the mutual information, and parsing a
# stored posterior of that many labels.
# Usage: server/bench/need-script-cost.sh [labels...]   (default 2 4 8 12 20 50)
set -euo pipefail
cd "$(dirname "$0")/../.."
lua=$(mktemp)
{ cat server/app/src/main/resources/allocation/gain.lua; cat <<'LUA'
local L, many = tonumber(ARGV[1]), ARGV[2] == 'many'
local p, v, C = {}, {}, {}
for t = 1, L do
  p[t] = 1 / L
  if many then v[t] = t % 3 else v[t] = (t == 1) and 3 or (t % 2) end
end
for t = 1, L do for g = 1, L do C[(t - 1) * L + g] = (t == g) and 0.7 or 0.3 / (L - 1) end end
local rows, n, x = rowTerms(C, L), 2000, 0
local t0 = redis.call('TIME')
for i = 1, n do x = x + riskFall(p, v, C, L) end
local t1 = redis.call('TIME')
for i = 1, n do x = x + gain(p, C, L, rows) end
local t2 = redis.call('TIME')
local stored = {}
for t = 1, L do stored[t] = tostring(1 / L + t * 1e-9) end
stored = table.concat(stored, ',')
for i = 1, n do x = x + #numbers(stored) end
local t3 = redis.call('TIME')
local function us(a, b) return (b[1] - a[1]) * 1e6 + (b[2] - a[2]) end
return {string.format('%.1f', us(t0, t1) / n), string.format('%.1f', us(t1, t2) / n), string.format('%.1f', us(t2, t3) / n)}
LUA
} > "$lua"
echo "labels  majority risk, one leader  majority risk, many leaders  mutual information  parse posterior (µs per call)"
for labels in "${@:-2 4 8 12 20 50}"; do
  for l in $labels; do
    one=$(redis-cli EVAL "$(cat "$lua")" 0 "$l" one | tr '\n' ' ')
    many=$(redis-cli EVAL "$(cat "$lua")" 0 "$l" many | tr '\n' ' ')
    echo "$l  $(echo "$one" | cut -d' ' -f1)  $(echo "$many" | cut -d' ' -f1)  $(echo "$one" | cut -d' ' -f2)  $(echo "$one" | cut -d' ' -f3)"
  done
done
rm -f "$lua"
