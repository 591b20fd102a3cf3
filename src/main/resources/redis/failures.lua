-- KEYS[1] failure log of one key (client IP, account...)
-- ARGV: 1 window ms, 2 mode, 3 cap, 4 backoff base ms, 5 backoff max ms
--   mode 'count':   only count
--   mode 'cap':     record unless `cap` failures are already inside the window (a lockout:
--                   attempts while locked never extend it)
--   mode 'backoff': record unless the newest failure is more recent than
--                   min(base * 2^(count-1), max) (a growing delay with a ceiling); at most `cap` kept
-- Returns {count in window, ms to wait (cap: until the oldest leaves; backoff: until the next
-- attempt is allowed), 1 if recorded}
local now = now_ms()
local window = tonumber(ARGV[1])
local mode = ARGV[2]
local cap = tonumber(ARGV[3])
local count, retry = window_count(KEYS[1], now, window)

if mode == 'cap' then
  if count >= cap then return {count, retry, 0} end
  add_event(KEYS[1], now)
  redis.call('PEXPIRE', KEYS[1], window)
  count, retry = window_count(KEYS[1], now, window)
  return {count, retry, 1}
end

if mode == 'backoff' then
  local base, max = tonumber(ARGV[4]), tonumber(ARGV[5])
  if count > 0 then
    local newest = tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2])
    local wait = newest + math.min(base * 2 ^ (count - 1), max) - now
    if wait > 0 then return {count, wait, 0} end
  end
  add_event(KEYS[1], now)
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(cap + 1))
  redis.call('PEXPIRE', KEYS[1], window)
  count = redis.call('ZCARD', KEYS[1])
  return {count, math.min(base * 2 ^ (count - 1), max), 1}
end

return {count, retry, 0}
