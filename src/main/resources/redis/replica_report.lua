-- KEYS[1] the hash of replica reports. ARGV: 1 replica, 2 its sockets, 3 kept for ms.
-- One field per replica, "sockets:kept until" on Redis TIME; the key lives as long as its
-- longest-kept report.
local now = now_ms()
local kept = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. (now + kept))
if redis.call('PTTL', KEYS[1]) < kept then
  redis.call('PEXPIRE', KEYS[1], kept)
end
return 1
