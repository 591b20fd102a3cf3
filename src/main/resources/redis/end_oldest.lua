-- KEYS: 1 a username's session index (score: an upper bound of each session's expiry), 2 the same
-- sessions by creation time. ARGV: 1 the session just opened, 2 how many the user may keep, 3 index
-- slack ms. Chooses the sessions to end and takes them out of both indexes in this one step, so two
-- logins at once never choose the same sessions, nor each other's: nothing when ARGV[1] was already
-- chosen. Sessions that may have expired already (score within the slack) go first, then the oldest.
-- Returns the chosen ids; the caller ends each (their hashes live in other slots).
local now = now_ms()
local slack = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
-- the creation order forgets sessions the index has dropped (expired), so it never outgrows it
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  if not redis.call('ZSCORE', KEYS[1], id) then redis.call('ZREM', KEYS[2], id) end
end
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return {} end
local live = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local others = {}
for i = 1, #live, 2 do
  local id = live[i]
  if id ~= ARGV[1] then
    local doubtful = tonumber(live[i + 1]) <= now + slack and 0 or 1
    others[#others + 1] = { id, doubtful, tonumber(redis.call('ZSCORE', KEYS[2], id) or 0) }
  end
end
local excess = #others + 1 - tonumber(ARGV[2])
if excess <= 0 then return {} end
table.sort(others, function(a, b)
  if a[2] ~= b[2] then return a[2] < b[2] end
  if a[3] ~= b[3] then return a[3] < b[3] end
  return a[1] < b[1]
end)
local chosen = {}
for i = 1, excess do chosen[i] = others[i][1] end
redis.call('ZREM', KEYS[1], unpack(chosen))
redis.call('ZREM', KEYS[2], unpack(chosen))
return chosen
