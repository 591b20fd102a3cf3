-- KEYS[1] failure log of one key (client IP, username...)
-- ARGV: 1 window ms, 2 cap, 3 '1' to record a failure, '0' to only count
-- A failure is recorded only while fewer than `cap` are inside the window, so attempts made
-- while locked never extend the lock and the log never holds more than `cap` entries.
-- Returns {count in window, ms until the oldest leaves the window, 1 if recorded}
local now = now_ms()
local window = tonumber(ARGV[1])
local count, retry = window_count(KEYS[1], now, window)
if ARGV[3] == '1' and count < tonumber(ARGV[2]) then
  add_event(KEYS[1], now)
  redis.call('PEXPIRE', KEYS[1], window)
  count, retry = window_count(KEYS[1], now, window)
  return {count, retry, 1}
end
return {count, retry, 0}
