-- KEYS[1] session hash
-- ARGV: 1 idle ms, 2 index slack ms, 3 '1' to slide the idle expiry, '0' to only read
local now = now_ms()
local abs = live_until(KEYS[1], now)
if not abs then return false end
local reindex = 0
if ARGV[3] == '1' then
  reindex = touch(KEYS[1], now, abs, tonumber(ARGV[1]), tonumber(ARGV[2]))
end
return {reindex, redis.call('HGETALL', KEYS[1])}
