-- KEYS[1] the stream of kept security events. ARGV: 1 kept for ms, 2 at most this many, 3 type,
-- 4 warning (0/1), 5 fields JSON, 6 at ms (the replica's clock, as logged).
-- Appends one entry, then drops entries older than the retention and past the count (both
-- approximately, as Redis trims whole nodes), and keeps the key's TTL at the retention.
local now = now_ms()
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 't', ARGV[3], 'w', ARGV[4], 'f', ARGV[5], 'a', ARGV[6])
redis.call('XTRIM', KEYS[1], 'MINID', '~', now - tonumber(ARGV[1]))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return id
