-- Shared by every script (prepended when the script is loaded). Time is Redis TIME, so the
-- clocks of service replicas never matter.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Absolute expiry of a live session hash, or nil when it is gone.
local function live_until(key, now)
  local abs = redis.call('HGET', key, F.ABSOLUTE_EXPIRY)
  if not abs then return nil end
  abs = tonumber(abs)
  if now >= abs then
    redis.call('DEL', key)
    return nil
  end
  return abs
end

-- Slides the idle expiry. Returns the new index score when the username/live indexes must be
-- raised (their score is an upper bound of the expiry, written only when the expiry passes it).
local function touch(key, now, abs, idle, slack)
  local exp = math.min(now + idle, abs)
  redis.call('HSET', key, F.LAST_USE, now)
  redis.call('PEXPIREAT', key, exp)
  local ix = tonumber(redis.call('HGET', key, F.INDEX_SCORE))
  if exp > ix then
    ix = math.min(exp + slack, abs)
    redis.call('HSET', key, F.INDEX_SCORE, ix)
    return ix
  end
  return 0
end

-- Adds one event at `now` to a sorted-set log; members stay unique within one millisecond.
local function add_event(key, now)
  local last = redis.call('ZRANGE', key, -1, -1)
  local seq = 1
  if last[1] then seq = tonumber(string.match(last[1], ':(%d+)$')) + 1 end
  redis.call('ZADD', key, now, string.format('%d:%012d', now, seq))
end

-- Count of events in the window and milliseconds until the oldest leaves it.
local function window_count(key, now, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count == 0 then return 0, 0 end
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return count, tonumber(oldest[2]) + window - now
end


-- Exact sliding window over a sorted-set log: at most `limit` accepted in any `window` ms; with
-- `record`, an accepted use is logged. Returns allowed (1/0), remaining, retry after ms.
local function rate_step(key, now, limit, window, record)
  local count, retry = window_count(key, now, window)
  if count >= limit then
    return 0, 0, math.max(1, retry)
  end
  if record then
    add_event(key, now)
    redis.call('PEXPIRE', key, window)
    count = count + 1
  end
  return 1, limit - count, 0
end
