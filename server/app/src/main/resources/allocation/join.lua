-- Puts a second player on an item already claimed for a partner (paired games), under the same rules as a claim;
-- 0 when the item cannot take this player, or while the index is being rebuilt (who has seen what is not known yet,
-- and the budget spent is about to be counted again).
-- KEYS: open, state, seen, leases, lease-items, retired, spent, gold, built.
-- ARGV: item, cap, round id, lease deadline, policy, answer budget ('' for none).
local k = {open = KEYS[1], state = KEYS[2]}
local item, cap = ARGV[1], tonumber(ARGV[2])
if redis.call('EXISTS', KEYS[9]) == 0 then return 0 end
if redis.call('SISMEMBER', KEYS[3], item) == 1 or redis.call('SISMEMBER', KEYS[6], item) == 1 then return 0 end
local st = readState(k, item)
if not st then return 0 end
local gold = redis.call('ZSCORE', KEYS[8], item)
if not gold and st.count >= cap then return 0 end
if ARGV[6] ~= '' and tonumber(redis.call('GET', KEYS[7]) or '0') >= tonumber(ARGV[6]) then return 0 end
st.count = st.count + 1
writeState(k, item, st)
redis.call('SADD', KEYS[3], item)
if gold then
  -- a gold item stays in the gold set and out of the pool, never capped
elseif st.count >= cap then redis.call('ZREM', KEYS[1], item) else rescore(k, ARGV[5], item, st) end
redis.call('INCR', KEYS[7])
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
redis.call('HSET', KEYS[5], ARGV[3], item)
return 1
