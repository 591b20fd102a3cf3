-- KEYS: 1 session hash, then the session's other keys (same hash tag)
-- Returns the username (for the index) or false when nothing was live.
local user = redis.call('HGET', KEYS[1], F.USER)
redis.call('DEL', unpack(KEYS))
return user or false
