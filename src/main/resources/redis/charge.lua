-- KEYS: 1 session hash, 2 idempotency-key hash
-- ARGV: 1 amount (minor units), 2 ordered item or '', 3 idempotency key or ''
-- Returns {status, limit, spent}
local now = now_ms()
local abs = live_until(KEYS[1], now)
if not abs then return {'none', 0, 0} end
local limit = tonumber(redis.call('HGET', KEYS[1], F.LIMIT))
local spent = tonumber(redis.call('HGET', KEYS[1], F.SPENT))
if ARGV[3] ~= '' and redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then
  return {'duplicate', limit, spent}
end
local amount = tonumber(ARGV[1])
if limit >= 0 and spent + amount > limit then
  return {'exceeded', limit, spent}
end
spent = redis.call('HINCRBY', KEYS[1], F.SPENT, amount)
if ARGV[2] ~= '' then
  local tests = cjson.decode(redis.call('HGET', KEYS[1], F.TESTS))
  table.insert(tests, ARGV[2])
  redis.call('HSET', KEYS[1], F.TESTS, cjson.encode(tests))
end
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[3], amount)
  redis.call('PEXPIREAT', KEYS[2], abs)
end
return {'charged', limit, spent}
