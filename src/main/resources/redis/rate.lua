-- Exact sliding window: at most ARGV[1] accepted in any ARGV[2] ms.
-- KEYS: 1 accepted-messages log, 2 session hash
-- ARGV: 1 limit, 2 window ms, 3 '1' to record an accepted message, '0' to only look
-- Returns {allowed 1/0/-1 (-1: no session), remaining, retry after ms}
local now = now_ms()
if not live_until(KEYS[2], now) then return {-1, 0, 0} end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local count, retry = window_count(KEYS[1], now, window)
if count >= limit then
  return {0, 0, math.max(1, retry)}
end
if ARGV[3] == '1' then
  add_event(KEYS[1], now)
  redis.call('PEXPIRE', KEYS[1], window)
  count = count + 1
end
return {1, limit - count, 0}
