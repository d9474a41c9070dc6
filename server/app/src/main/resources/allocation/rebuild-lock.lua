-- The lock of a project's index rebuild, kept only by the node whose token it holds. 'hold' extends it by ARGV[3]
-- milliseconds (taking it back if it ran out and nobody took it meanwhile); 'finish' marks the index built (KEYS[2])
-- and deletes the lock; 'release' only deletes it. A lock another node took stays with that node, whose index this
-- node's finish must not mark built. Returns 1 if this node holds (held) the lock.
-- KEYS: the lock, the index's built marker. ARGV: token, 'hold', 'finish' or 'release', milliseconds (hold only).
local holder = redis.call('GET', KEYS[1])
if ARGV[2] == 'hold' and not holder then
  return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) and 1 or 0
end
if holder ~= ARGV[1] then return 0 end
if ARGV[2] == 'hold' then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
else
  if ARGV[2] == 'finish' then redis.call('SET', KEYS[2], '1') end
  redis.call('DEL', KEYS[1])
end
return 1
