-- Ends a round's lease: answered items take their new need and belief, unanswered ones go back to the pool and
-- give their share of the budget back, retired ones leave it. An answer whose lease was already gone (Redis rebuilt,
-- or a reaper returned the round as unsubmitted) still counts, unless the index has it already: the lease reaper
-- ended it as a submitted round (it leaves a marker for that, and the round's own completion, arriving after it, then
-- counts nothing again; nor does a reaper that finds the lease already ended, by the answers or by another node's
-- reaper), or a rebuild read the answer from PostgreSQL. Returns the project's answers spent or in flight.
-- While the index is being rebuilt (no built marker), nothing is counted: the rebuild counts from PostgreSQL, which
-- may or may not have held these answers when it read them, and counting once too few (one answer PostgreSQL's cap
-- then refuses) is safer than once too many (an item that leaves the pool before its cap and never retires).
-- KEYS: open, state, leases, lease-items, retired, gold, spent, the round's marker, built.
-- ARGV: round id, cap, policy, who completes ('answers' or 'reaper'), then 'a' and (answered item, its new need, its
-- new belief, its votes, their basis) quintuples (belief and votes '' for none), then 'r' and retired items. A belief
-- from an older state of the item's row than the entry's is left out (takesBelief); the answer still counts.
local k = {open = KEYS[1], state = KEYS[2]}
local cap, policy, byReaper = tonumber(ARGV[2]), ARGV[3], ARGV[4] == 'reaper'
local answered, retired, mode, i = {}, {}, nil, 5
while i <= #ARGV do
  local arg = ARGV[i]
  if arg == 'a' or arg == 'r' then mode = arg; i = i + 1
  elseif mode == 'a' then
    answered[arg] = {need = ARGV[i + 1], belief = ARGV[i + 2], votes = ARGV[i + 3], basis = tonumber(ARGV[i + 4])}
    i = i + 5
  else retired[arg] = true; i = i + 1 end
end
local leased, counted = {}, false
if redis.call('ZREM', KEYS[3], ARGV[1]) == 1 then
  local items = redis.call('HGET', KEYS[4], ARGV[1])
  redis.call('HDEL', KEYS[4], ARGV[1])
  for item in string.gmatch(items or '', '[^,]+') do leased[item] = true end
  -- the round's answers committed, so its own completion may still arrive: it must find them counted
  if byReaper and next(answered) then redis.call('SET', KEYS[8], '1', 'EX', 3600) end
else
  -- another reaper, or the answers, ended the lease and counted them; or the reaper did, before the answers came
  counted = byReaper or redis.call('EXISTS', KEYS[8]) == 1
end
if redis.call('EXISTS', KEYS[9]) == 0 then counted = true end
-- Items the index holds, by their state; the others only count against the budget.
local states = {}
local function state(item)
  if not states[item] then states[item] = readState(k, item) or false end
  return states[item]
end
for item, new in pairs(answered) do
  local st = state(item)
  -- Whether the index has this answer already, though the round's own completion has not counted it: its lease is gone
  -- because the index was lost, and the rebuild read the item after the answer committed. The entry then counts at
  -- least the answers the item's row held after this one (half the basis); an item the rebuild found closed (no entry)
  -- was so because this answer, or a later one, retired it. Where answers to an item arrive out of order, this may
  -- count one too few, never one too many (see the top).
  local known = not leased[item] and not (st and st.answered < math.floor(new.basis / 2))
  if st then
    if takesBelief(st, new.basis) then
      st.need = new.need
      if new.belief ~= '' then st.belief = new.belief end
      if new.votes ~= '' then st.votes = new.votes end
    end
    if not counted and not known then st.answered = st.answered + 1 end
  end
  if not leased[item] and not counted and not known then
    st.count = st.count + 1
    redis.call('INCR', KEYS[7])
  end
end
for item, _ in pairs(leased) do
  if not answered[item] then
    local st = state(item)
    if st then st.count = st.count - 1 end
    redis.call('DECR', KEYS[7])
  end
end
for item, _ in pairs(retired) do
  local st = state(item)
  if st then st.belief, st.votes = '', '' end
  redis.call('SADD', KEYS[5], item)
end
for item, st in pairs(states) do
  if st then
    writeState(k, item, st)
    if redis.call('ZSCORE', KEYS[6], item) then
      -- a gold item stays in the gold set and out of the pool
    elseif retired[item] or st.count >= cap or redis.call('SISMEMBER', KEYS[5], item) == 1 then
      redis.call('ZREM', KEYS[1], item)
    else
      rescore(k, policy, item, st)
    end
  end
end
return tonumber(redis.call('GET', KEYS[7]) or '0')
