-- Replaces the session under the previous id of a periodic rotation by its forwarding entry, in one
-- atomic step and only if the session is still the version the rotating request read. The caller has
-- written the session under its new id already, so the previous id leads to the session at every moment.
--
-- KEYS[1]  the session hash under the previous id
-- ARGV[1]  the version (field m:version) the rotating request read
-- ARGV[2]  TTL of the forwarding entry (ms): the grace period
-- then     pairs to the end: a field of the forwarding entry and its value
--
-- Returns {'ok'} once replaced; {'gone'} when the session no longer exists; {'stale'} when another
-- request changed, moved or rotated it since it was read. In both of these it writes nothing.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then
  return {'gone'}
end
if (redis.call('HGET', key, 'm:version') or '0') ~= ARGV[1] then
  return {'stale'}
end
redis.call('DEL', key)
for i = 3, #ARGV, 2 do
  redis.call('HSET', key, ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', key, ARGV[2])
return {'ok'}
