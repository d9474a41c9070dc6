-- A new belief about an item that no answer brought (an AI helper's suggestion): the item takes its new need,
-- belief and votes (those the suggestion's transaction counted, which an answer refused below may not have brought),
-- and its new place in the pool if it is there (not gold, not full, not retired). Before the index is built it does
-- nothing: the build reads the suggestion from PostgreSQL. A belief from an older state of the item's row than the
-- entry's is left out (takesBelief).
-- KEYS: built, open, state, retired. ARGV: policy, item, need, belief, votes ('' for none), their basis.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local k = {open = KEYS[2], state = KEYS[3]}
local st = readState(k, ARGV[2])
if not st or redis.call('SISMEMBER', KEYS[4], ARGV[2]) == 1 then return 0 end -- a retired item keeps no belief
if not takesBelief(st, tonumber(ARGV[6])) then return 0 end
st.need, st.belief = ARGV[3], ARGV[4]
if ARGV[5] ~= '' then st.votes = ARGV[5] end
writeState(k, ARGV[2], st)
if redis.call('ZSCORE', KEYS[2], ARGV[2]) then rescore(k, ARGV[1], ARGV[2], st) end
return 1
