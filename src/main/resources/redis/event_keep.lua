-- KEYS[1] the stream of one shelf of kept security events. ARGV: 1 kept for ms, 2 at most this many,
-- 3 type, 4 warning (0/1), 5 fields JSON, 6 at ms (the replica's clock, as logged), 7 the least
-- sequence part of this stream's ids (0: Redis numbers them; the noise shelf numbers from 2^32, so
-- no id of one shelf is ever an id of the other and one paging cursor serves both).
-- Appends one entry, then drops entries older than the retention and past the count (both
-- approximately, as Redis trims whole nodes), and keeps the key's TTL at the retention.
local now = now_ms()
local id = '*'
local least = tonumber(ARGV[7] or '0')
if least > 0 then
  local ms, seq = now, least
  local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
  if last then
    local last_ms, last_seq = string.match(last[1], '^(%d+)-(%d+)$')
    last_ms, last_seq = tonumber(last_ms), tonumber(last_seq)
    if last_ms >= ms then
      ms, seq = last_ms, math.max(last_seq + 1, least)
    end
  end
  id = string.format('%d-%d', ms, seq)
end
id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], id, 't', ARGV[3], 'w', ARGV[4], 'f', ARGV[5], 'a', ARGV[6])
redis.call('XTRIM', KEYS[1], 'MINID', '~', now - tonumber(ARGV[1]))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return id
