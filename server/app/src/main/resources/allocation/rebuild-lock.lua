-- The lock of a project's index rebuild, kept only by the node whose token it holds. 'hold' extends it by ARGV[3]
-- milliseconds; 'write' does too and then makes the rebuild's writes in the same step, so a node that lost the lock
-- (stalled past its end while another node took over) can never write over the other node's index. Both take the
-- lock back if it ran out and nobody took it meanwhile, but not once another node finished the index (KEYS[2] set).
-- 'finish' marks the index built and deletes the lock; 'release' only deletes it. Returns 1 if this node holds (held)
-- the lock.
-- KEYS: the lock, the index's built marker, then ('write' only) each key written.
-- ARGV: token, action, milliseconds ('hold' and 'write'), then ('write' only) for each key written in turn: its
-- command, the number of arguments after the key, and those arguments.
local extends = ARGV[2] == 'hold' or ARGV[2] == 'write'
local holder = redis.call('GET', KEYS[1])
if extends and not holder then
  if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
  holder = ARGV[1]
end
if holder ~= ARGV[1] then return 0 end
if extends then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  local a = 4
  for k = 3, #KEYS do
    local count = tonumber(ARGV[a + 1])
    redis.call(ARGV[a], KEYS[k], unpack(ARGV, a + 2, a + 1 + count))
    a = a + 2 + count
  end
else
  if ARGV[2] == 'finish' then redis.call('SET', KEYS[2], '1') end
  redis.call('DEL', KEYS[1])
end
return 1
