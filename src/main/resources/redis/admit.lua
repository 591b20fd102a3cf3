-- One attempt at a login gate: admitted, locked or busy, in one step (GateRule in Java says why).
-- KEYS[1] failure log: sorted set, member '<attempt id>|<tag>', score = time of the failure
-- KEYS[2] attempts in flight: sorted set, member = attempt id, score = end of its lease
-- ARGV: 1 window ms, 2 threshold, 3 back-off base ms (0: plain lockout), 4 back-off max ms,
--       5 max in flight, 6 lease ms, 7 attempt id
-- Returns {status (1 admitted, 2 locked, 3 busy), failures in window, ms until admissible when locked}
local now = now_ms()
local window, threshold = tonumber(ARGV[1]), tonumber(ARGV[2])
local base, max = tonumber(ARGV[3]), tonumber(ARGV[4])
local count, retry = window_count(KEYS[1], now, window)

if count >= threshold then
  if base == 0 then return {2, count, math.max(1, retry)} end
  local newest = tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2])
  local wait = newest + math.min(base * 2 ^ (count - threshold), max) - now
  if wait > 0 then return {2, count, math.ceil(wait)} end
end

local lease = tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return {3, count, 0} end
redis.call('ZADD', KEYS[2], now + lease, ARGV[7])
redis.call('PEXPIRE', KEYS[2], lease)
return {1, count, 0}
