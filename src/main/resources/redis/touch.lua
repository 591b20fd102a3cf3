-- KEYS[1] session hash. One use of a session: slides its idle expiry.
-- ARGV: 1 idle ms, 2 index slack ms
-- Returns false when the session is gone, else {index score to raise (0: none), HGETALL}
local now = now_ms()
local abs = live_until(KEYS[1], now)
if not abs then return false end
local reindex = touch(KEYS[1], now, abs, tonumber(ARGV[1]), tonumber(ARGV[2]))
return {reindex, redis.call('HGETALL', KEYS[1])}
