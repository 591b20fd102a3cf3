-- KEYS[1] a session index (live sessions, or one username's), member = session id,
-- score = an upper bound of that session's expiry.
-- ARGV: 1 session id, 2 score, 3 key TTL ms (the max lifetime: no member outlives it)
local now = now_ms()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
