-- KEYS[1] the hash of replica reports. Drops the reports past their time (Redis TIME) and returns
-- the others as replica, sockets, replica, sockets...
local now = now_ms()
local live = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local sockets, untilMs = string.match(all[i + 1], '^(%d+):(%d+)$')
  if sockets and tonumber(untilMs) > now then
    live[#live + 1] = all[i]
    live[#live + 1] = sockets
  else
    redis.call('HDEL', KEYS[1], all[i])
  end
end
return live
