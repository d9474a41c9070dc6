-- The lock of a project's index rebuild, kept only by the node whose token it holds. 'acquire' takes a free lock
-- for ARGV[3] milliseconds and makes this node the rebuild's owner (KEYS[3], kept ten times as long). 'hold' extends
-- both; 'write' does too and then makes the rebuild's writes in the same step, so a node that lost the lock (stalled
-- past its end while another node took over) never writes over the other node's index. Both take the lock back if it
-- ran out while this node was still the owner (nobody acquired it since) and the index is not built (KEYS[2]).
-- 'finish' marks the index built and ends the lock and the ownership; 'release' only ends them. Returns 1 if this
-- node holds (held) the lock.
-- KEYS: the lock, the index's built marker, the rebuild's owner, then ('write' only) each key written.
-- ARGV: token, action, milliseconds ('acquire', 'hold' and 'write'), then ('write' only) for each key written in
-- turn: its command, the number of arguments after the key, and those arguments.
local action = ARGV[2]
if action == 'acquire' then
  if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) then return 0 end
  redis.call('SET', KEYS[3], ARGV[1], 'PX', 10 * tonumber(ARGV[3]))
  return 1
end
local extends = action == 'hold' or action == 'write'
local holder = redis.call('GET', KEYS[1])
if extends and not holder then
  if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('GET', KEYS[3]) ~= ARGV[1] then return 0 end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
  holder = ARGV[1]
end
if holder ~= ARGV[1] then return 0 end
if extends then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('PEXPIRE', KEYS[3], 10 * tonumber(ARGV[3]))
  local a = 4
  for k = 4, #KEYS do
    local count = tonumber(ARGV[a + 1])
    redis.call(ARGV[a], KEYS[k], unpack(ARGV, a + 2, a + 1 + count))
    a = a + 2 + count
  end
else
  if action == 'finish' then redis.call('SET', KEYS[2], '1') end
  redis.call('DEL', KEYS[1], KEYS[3])
end
return 1
