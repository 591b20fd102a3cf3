-- KEYS[1] session hash; ARGV[1] new limit (-1 unlimited). Returns {limit, spent} or false.
local now = now_ms()
if not live_until(KEYS[1], now) then return false end
redis.call('HSET', KEYS[1], 'lim', ARGV[1])
return {tonumber(ARGV[1]), tonumber(redis.call('HGET', KEYS[1], 'sp'))}
