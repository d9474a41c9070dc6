-- Round ids whose lease has run out (grace included), at most 500 at a time.
-- KEYS: leases. ARGV: now.
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 500)
