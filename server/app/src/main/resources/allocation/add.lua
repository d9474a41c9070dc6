-- Uploaded items enter the index, unless it holds them already (AllocationIndex.add): an upload sent again must not
-- reset an item that players answered since it first went in.
-- KEYS: state, open, gold. ARGV: quadruples of item, its entry, where it waits ('open', 'gold', or '' for nowhere) and
-- its score there. Returns how many items went in.
local added = 0
for i = 1, #ARGV, 4 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    added = added + 1
    if ARGV[i + 2] == 'open' then
      redis.call('ZADD', KEYS[2], ARGV[i + 3], ARGV[i])
    elseif ARGV[i + 2] == 'gold' then
      redis.call('ZADD', KEYS[3], ARGV[i + 3], ARGV[i])
    end
  end
end
return added
