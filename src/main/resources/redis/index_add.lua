-- KEYS[1] a session index (live sessions, or one username's), member = session id,
-- score = an upper bound of that session's expiry. KEYS[2], for a username's index only: the
-- same sessions scored by creation time (same hash tag), the order end_oldest.lua ends them in.
-- ARGV: 1 session id, 2 score, 3 key TTL ms (the max lifetime: no member outlives it), 4 created at ms
local now = now_ms()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if KEYS[2] then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
return 1
