-- KEYS[1] the index of one kind of login gate with failures enough to close it (a sorted set: gate
-- key -> Redis time of its newest such failure), its own slot. ARGV: 1 gate key, 2 window ms, 3 at
-- most this many kept (the newest).
-- Marks the gate, drops what left the window or is past the bound, keeps the key's TTL at the window.
local now = now_ms()
local window = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 1))
redis.call('PEXPIRE', KEYS[1], window)
return 1
