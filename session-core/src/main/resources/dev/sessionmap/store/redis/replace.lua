-- Writes a whole session hash (a new session, or the target of an id rotation) with its TTL.
--
-- KEYS[1]  the session hash
-- ARGV[1]  TTL (ms), then pairs to the end: a field and its value
--
-- Returns {'ok'}.
local key = KEYS[1]
redis.call('DEL', key)
for i = 2, #ARGV, 2 do
  redis.call('HSET', key, ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', key, ARGV[1])
return {'ok'}
