-- KEYS[1] session hash
-- ARGV: 1 username, 2 group, 3 idle ms, 4 max lifetime ms, 5 limit (-1 unlimited),
--       6 refresh hash, 7 metadata json, 8 index slack ms
local now = now_ms()
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.error_reply('session id exists')
end
local abs = now + tonumber(ARGV[4])
local exp = math.min(now + tonumber(ARGV[3]), abs)
local ix = math.min(exp + tonumber(ARGV[8]), abs)
redis.call('HSET', KEYS[1], F.USER, ARGV[1], F.GROUP, ARGV[2], F.CREATED, now, F.LAST_USE, now, F.ABSOLUTE_EXPIRY, abs,
  F.LIMIT, ARGV[5], F.SPENT, 0, F.TESTS, '[]', F.METADATA, ARGV[7], F.REFRESH_HASH, ARGV[6], F.INDEX_SCORE, ix)
redis.call('PEXPIREAT', KEYS[1], exp)
return {ix, redis.call('HGETALL', KEYS[1])}
