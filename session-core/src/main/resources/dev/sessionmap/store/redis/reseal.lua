-- Writes a session's values again in the store's current form (sealed with the current secret, or plain)
-- when it read some in an older one, only if the session is still the version read: then the hash holds
-- exactly the values the caller read, so nothing another request wrote is lost. No value changes, so
-- the version stays.
--
-- KEYS[1]  the session hash
-- ARGV[1]  the version (field m:version) the values were read at
-- then     pairs to the end: a field and its value in the current form
--
-- Returns {'ok'} once rewritten; {'stale'} when the session changed, is gone or was moved to a new id,
-- and writes nothing.
local key = KEYS[1]
if (redis.call('HGET', key, 'm:version') or '') ~= ARGV[1] or redis.call('HEXISTS', key, 'd:_moved') == 1 then
  return {'stale'}
end
for i = 2, #ARGV, 2 do
  redis.call('HSET', key, ARGV[i], ARGV[i + 1])
end
return {'ok'}
