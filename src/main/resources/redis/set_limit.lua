-- KEYS[1] session hash
-- ARGV: 1 new limit (-1 unlimited), 2 'lower' to only ever lower it (unlimited counts as highest)
-- Returns {limit, spent} or false when the session is gone.
local now = now_ms()
if not live_until(KEYS[1], now) then return false end
local limit = tonumber(ARGV[1])
if ARGV[2] == 'lower' then
  local current = tonumber(redis.call('HGET', KEYS[1], F.LIMIT))
  if current >= 0 and current <= limit then limit = current end
end
redis.call('HSET', KEYS[1], F.LIMIT, limit)
return {limit, tonumber(redis.call('HGET', KEYS[1], F.SPENT))}
