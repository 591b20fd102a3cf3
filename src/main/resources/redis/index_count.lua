-- KEYS[1] an index of sessions (all live ones, or one user's); ARGV[1] index slack ms.
-- A member's score S bounds its expiry E by S - slack <= E <= S, so S > now + slack is surely
-- live; the few with now < S <= now + slack are returned for an existence check.
local now = now_ms()
local slack = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local sure = redis.call('ZCOUNT', KEYS[1], string.format('(%d', now + slack), '+inf')
return {sure, redis.call('ZRANGEBYSCORE', KEYS[1], string.format('(%d', now), now + slack)}
