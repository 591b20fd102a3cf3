-- KEYS: 1 session hash, 2 rotated-hashes set, 3.. the session's other keys
-- ARGV: 1 presented hash, 2 new hash, 3 idle ms, 4 index slack ms, 5 reuse leeway ms
-- F.PREVIOUS_HASH / F.PREVIOUS_AT: the hash rotated out last and when (Redis TIME, ms).
local now = now_ms()
local abs = live_until(KEYS[1], now)
if not abs then return {'invalid'} end
local fields = redis.call('HMGET', KEYS[1], F.REFRESH_HASH, F.PREVIOUS_HASH, F.PREVIOUS_AT)
local current = fields[1]
local status
if current == ARGV[1] then
  status = 'rotated'
  redis.call('HSET', KEYS[1], F.REFRESH_HASH, ARGV[2], F.PREVIOUS_HASH, current, F.PREVIOUS_AT, now)
elseif fields[2] == ARGV[1] and now - tonumber(fields[3]) < tonumber(ARGV[5]) then
  status = 'replayed'
  redis.call('HSET', KEYS[1], F.REFRESH_HASH, ARGV[2])
end
if status then
  redis.call('SADD', KEYS[2], current)
  redis.call('PEXPIREAT', KEYS[2], abs)
  local reindex = touch(KEYS[1], now, abs, tonumber(ARGV[3]), tonumber(ARGV[4]))
  return {status, reindex, redis.call('HGETALL', KEYS[1])}
end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  local user = redis.call('HGET', KEYS[1], F.USER)
  redis.call('DEL', unpack(KEYS))
  return {'reused', user}
end
return {'invalid'}
