-- Gives an admitted attempt's place back and records what it showed, in one step.
-- KEYS[1] failure log, KEYS[2] attempts in flight (as in admit.lua)
-- ARGV: 1 attempt id, 2 'FAILED' | 'SUCCEEDED' | 'WITHDRAWN', 3 tag ('' with SUCCEEDED: every
--       failure), 4 window ms, 5 failures kept
-- Returns the failures inside the window after a FAILED (so the caller can list a gate that closed), else 0.
local now = now_ms()
local attempt, settlement, tag = ARGV[1], ARGV[2], ARGV[3]
redis.call('ZREM', KEYS[2], attempt)

if settlement == 'FAILED' then
  redis.call('ZADD', KEYS[1], now, attempt .. '|' .. tag)
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[5]) + 1))
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
  return redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[4])), '+inf')
elseif settlement == 'SUCCEEDED' then
  if tag == '' then
    redis.call('DEL', KEYS[1])
  else
    -- attempt ids hold no '|', so the tag is everything after the first one
    for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
      if string.sub(member, string.find(member, '|', 1, true) + 1) == tag then
        redis.call('ZREM', KEYS[1], member)
      end
    end
  end
end
return 0
