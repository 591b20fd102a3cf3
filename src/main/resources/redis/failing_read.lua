-- KEYS[1] failure log of one login gate. ARGV: 1 window ms.
-- Returns {count, ms since the oldest, ms since the newest} of the failures inside the window.
local now = now_ms()
local count = redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[1])), '+inf')
if count == 0 then return {0, 0, 0} end
local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - tonumber(ARGV[1])), '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
local newest = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {count, now - tonumber(oldest[2]), now - tonumber(newest[2])}
