-- Helpers shared by the scripts (AllocationIndex puts them before each script that uses them).
--
-- An item's entry in the project's `state` hash is one field, 'count;answered;need;rank;belief;votes;basis': answers
-- plus answers in flight, answers committed, need for a typical player, fixed pseudo-random rank, then the
-- comma-separated belief and votes, each empty when not known, and what the belief was worked out from (see
-- takesBelief). One field rather than a hash for each part keeps the index at about 250 bytes per item
-- (docs/benchmarks/serving.md). Need and rank stay text, so they are written back exactly as Java wrote them. An item
-- without an entry is not in the index (the build writes one for every open item, an upload for every new one): the
-- scripts never create one, so nothing they are told about an item outside the index puts it into the pool.
--
-- rescore puts a servable item in `open` with its score under the policy (lowest is served first). need: minus
-- the item's need for a typical player divided by one plus the answers in flight, the way the engine's Need
-- discounts pending answers; breadth: answers plus answers in flight; fixed and random: the item's fixed
-- pseudo-random rank.

local function parseState(s)
  if not s then return nil end
  local c, a, n, r, b, v, f = string.match(s, '^([^;]*);([^;]*);([^;]*);([^;]*);([^;]*);([^;]*);([^;]*)$')
  c, a, f = tonumber(c), tonumber(a), tonumber(f)
  -- not an entry this layout wrote: the item counts as outside the index rather than failing every claim near it
  if not (c and a and f and tonumber(n) and tonumber(r)) then return nil end
  return {count = c, answered = a, need = n, rank = r, belief = b, votes = v, basis = f}
end
local function readState(k, item)
  return parseState(redis.call('HGET', k.state, item))
end
local function writeState(k, item, st)
  redis.call('HSET', k.state, item, table.concat({st.count, st.answered, st.need, st.rank, st.belief, st.votes, st.basis}, ';'))
end
-- Whether an item's entry takes a belief (with its need and votes) worked out from `basis`, which is twice the answers
-- it counts plus one if it counts the AI helper's suggestion: the answer count of the item's row that the writer's
-- transaction saw, and whether that row had a suggestion. Writers reach Redis after their transactions commit, in no
-- set order, so a belief from an older state of the row (an answer transaction that committed before the
-- suggestion, or before another answer, and came second) is refused, and the newer one stays. Equal bases take the
-- belief: the same row state.
local function takesBelief(st, basis)
  if basis < st.basis then return false end
  st.basis = basis
  return true
end
local function rescore(k, policy, item, st)
  local score
  if policy == 'need' then
    local pending = st.count - st.answered
    if pending < 0 then pending = 0 end
    score = -tonumber(st.need) / (pending + 1)
  elseif policy == 'breadth' then
    score = st.count
  else
    score = tonumber(st.rank)
  end
  redis.call('ZADD', k.open, score, item)
end
