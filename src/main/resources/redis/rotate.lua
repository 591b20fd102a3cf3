-- KEYS: 1 session hash, 2 rotated-hashes set, 3.. the session's other keys
-- ARGV: 1 presented hash, 2 new hash, 3 idle ms, 4 index slack ms
local now = now_ms()
local abs = live_until(KEYS[1], now)
if not abs then return {'invalid'} end
local current = redis.call('HGET', KEYS[1], 'rh')
if current == ARGV[1] then
  redis.call('HSET', KEYS[1], 'rh', ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[1])
  redis.call('PEXPIREAT', KEYS[2], abs)
  local reindex = touch(KEYS[1], now, abs, tonumber(ARGV[3]), tonumber(ARGV[4]))
  return {'rotated', reindex, redis.call('HGETALL', KEYS[1])}
end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  local user = redis.call('HGET', KEYS[1], 'u')
  redis.call('DEL', unpack(KEYS))
  return {'reused', user}
end
return {'invalid'}
