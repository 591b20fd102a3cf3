-- KEYS[1] failure log of one login gate (client address, account, device)
-- ARGV: 1 window ms
-- Returns {count in window, ms until the oldest leaves it}
local count, retry = window_count(KEYS[1], now_ms(), tonumber(ARGV[1]))
return {count, retry}
