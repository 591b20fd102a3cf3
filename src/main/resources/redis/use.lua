-- One use of a session: slides its idle expiry and applies the chat rate limit, in one step.
-- KEYS: 1 session hash, 2 accepted-messages log
-- ARGV: 1 idle ms, 2 index slack ms, 3 limit, 4 window ms, 5 '1' to record an accepted use, '0' to only look
-- Returns false when the session is gone, else
-- {index score to raise (0: none), HGETALL, allowed 1/0, remaining, retry after ms}
local now = now_ms()
local abs = live_until(KEYS[1], now)
if not abs then return false end
local reindex = touch(KEYS[1], now, abs, tonumber(ARGV[1]), tonumber(ARGV[2]))
local allowed, remaining, retry = rate_step(KEYS[2], now, tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5] == '1')
return {reindex, redis.call('HGETALL', KEYS[1]), allowed, remaining, retry}
