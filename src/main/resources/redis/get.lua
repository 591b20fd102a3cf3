-- KEYS[1] session hash. Reads a live session without using it (the idle expiry does not slide).
-- Returns false when the session is gone, else {0, HGETALL} (the shape touch.lua answers).
local now = now_ms()
if not live_until(KEYS[1], now) then return false end
return {0, redis.call('HGETALL', KEYS[1])}
