-- Claims up to `wanted` items for a player under a new lease. Returns the items, or -1 when the index is not built.
-- KEYS: open, state, seen, leases, lease-items, built, gold, spent, reliability.
-- ARGV: items wanted, cap, round id, lease deadline, scan limit, policy, gold items wanted by a newcomer,
-- gold items wanted otherwise, items seen below which a player is a newcomer, answer budget ('' for none),
-- the player whose confusion matrix scores the candidates ('' for none: the ranking as it is), the weight of the
-- entropy term of a majority need ('' for projects that report the posterior), candidates to score for a player.
-- Gold items come first, from their own set: every player may meet each of them once, without a cap.
-- Under the need policy, a player whose confusion matrix is known gets, of the best-ranked candidates, those
-- where their own answer tells most; the others take the ranking for a typical player as it is.
local k = {open = KEYS[1], state = KEYS[2]}
if redis.call('EXISTS', KEYS[6]) == 0 then return -1 end
local wanted, cap, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[5])
if ARGV[10] ~= '' then
  local left = tonumber(ARGV[10]) - tonumber(redis.call('GET', KEYS[8]) or '0')
  if left < wanted then wanted = left end
  if wanted <= 0 then return {} end
end
local picked, offset = {}, 0
local goldWanted = redis.call('SCARD', KEYS[3]) < tonumber(ARGV[9]) and tonumber(ARGV[7]) or tonumber(ARGV[8])
if goldWanted > wanted then goldWanted = wanted end
if goldWanted > 0 then
  -- Each round starts at its own place in the gold set, taken from its random id, and goes round it: newcomers who
  -- arrive together then answer different gold items first, and rounds that share no item can share an answer
  -- transaction (answer.GroupCommit).
  local goldCount = redis.call('ZCARD', KEYS[7])
  local position = (tonumber(string.sub(ARGV[3], 1, 8), 16) or 0) % math.max(goldCount, 1)
  local looked = 0
  while #picked < goldWanted and looked < goldCount and looked < limit do
    local last = math.min(position + 99, goldCount - 1, position + goldCount - looked - 1)
    for _, item in ipairs(redis.call('ZRANGE', KEYS[7], position, last)) do
      if #picked >= goldWanted then break end
      if redis.call('SISMEMBER', KEYS[3], item) == 0 then picked[#picked + 1] = item end
    end
    looked = looked + last - position + 1
    position = (last + 1) % goldCount
  end
  for _, item in ipairs(picked) do
    local st = readState(k, item)
    if st then
      st.count = st.count + 1
      writeState(k, item, st)
    end
    redis.call('SADD', KEYS[3], item)
  end
end
local regularWanted = wanted - #picked
local confusion = ARGV[6] == 'need' and regularWanted > 0 and numbers(redis.call('HGET', KEYS[9], ARGV[11])) or {}
local poolSize = #confusion > 0 and math.max(tonumber(ARGV[13]), 3 * regularWanted) or regularWanted
-- Eligible items, in ranking order, with their states.
local eligible, states, considered = {}, {}, {}
local function consider(from, size)
  local candidates = redis.call('ZRANGE', KEYS[1], from, from + size - 1)
  for _, item in ipairs(candidates) do
    if #eligible >= poolSize then break end
    if not considered[item] and redis.call('SISMEMBER', KEYS[3], item) == 0 then
      local st = readState(k, item)
      if st and st.count < cap then
        eligible[#eligible + 1] = item
        states[#eligible] = st
      end
    end
    considered[item] = true
  end
  return #candidates
end
-- The first window is twice the pool (most players have seen few of the best-ranked items), then windows
-- double up to 100: fewer members copied into the script on the usual path, few calls on the long one.
local window = 2 * poolSize
while #eligible < poolSize and offset < limit do
  if consider(offset, window) == 0 then break end
  offset = offset + window
  window = math.min(100, 2 * window)
end
-- Past the scan limit (a player who has seen all the best-ranked items): ten windows of 100 at offsets
-- drawn from the round id, best-ranked first, so such a player still finds unseen items anywhere further
-- down, at a bounded cost.
local size = #eligible < poolSize and offset >= limit and redis.call('ZCARD', KEYS[1]) or 0
if size > limit then
  local seed, starts = 1, {}
  -- (math.fmod is exact on these whole numbers below 2^53; the modulo operator divides in floating point)
  for i = 1, #ARGV[3] do seed = math.fmod(seed * 31 + string.byte(ARGV[3], i), 2147483647) end
  if seed == 0 then seed = 1 end
  for w = 1, 10 do
    seed = math.fmod(seed * 48271, 2147483647)
    starts[w] = limit + math.fmod(seed, size - limit)
  end
  table.sort(starts)
  for _, from in ipairs(starts) do
    if #eligible >= poolSize then break end
    consider(from, 100)
  end
end
local chosen = {}
if #confusion > 0 and #eligible > regularWanted then
  local L = math.floor(math.sqrt(#confusion) + 0.5)
  local rows, scored = rowTerms(confusion, L), {}
  for order, item in ipairs(eligible) do
    local st = states[order]
    local p = numbers(st.belief)
    if #p ~= L then
      p = {}
      for t = 1, L do p[t] = 1 / L end
    end
    local pending = st.count - st.answered
    if pending < 0 then pending = 0 end
    local need = gain(p, confusion, L, rows)
    if ARGV[12] ~= '' then
      local v = numbers(st.votes)
      if #v ~= L then
        v = {}
        for t = 1, L do v[t] = 0 end
      end
      local given = 0
      for t = 1, L do given = given + v[t] end
      need = riskFall(p, v, confusion, L, cap - given) + tonumber(ARGV[12]) * need
    end
    need = need / (pending + 1)
    if need ~= need then need = 0 end -- NaN would break the sort's order
    scored[order] = {need = need, order = order}
  end
  table.sort(scored, function(a, b)
    if a.need ~= b.need then return a.need > b.need end
    return a.order < b.order
  end)
  for i = 1, regularWanted do chosen[i] = scored[i].order end
else
  for i = 1, math.min(regularWanted, #eligible) do chosen[i] = i end
end
for _, order in ipairs(chosen) do
  local item, st = eligible[order], states[order]
  st.count = st.count + 1
  writeState(k, item, st)
  redis.call('SADD', KEYS[3], item)
  if st.count >= cap then redis.call('ZREM', KEYS[1], item) else rescore(k, ARGV[6], item, st) end
  picked[#picked + 1] = item
end
if #picked > 0 then
  redis.call('INCRBY', KEYS[8], #picked)
  redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
  redis.call('HSET', KEYS[5], ARGV[3], table.concat(picked, ','))
end
return picked
