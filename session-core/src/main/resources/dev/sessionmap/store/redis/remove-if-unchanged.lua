-- Deletes the old hash of a rotated session, unless another request wrote to it after it was read.
--
-- KEYS[1]  the session hash
-- ARGV[1]  the version (field m:version) the rotating request read
--
-- Returns {'ok'} once deleted; {'gone'} when it no longer exists; or {'stale', field, value, ...}
-- with the whole current hash when its version changed, and deletes nothing.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then
  return {'gone'}
end
if (redis.call('HGET', key, 'm:version') or '0') ~= ARGV[1] then
  local stale = redis.call('HGETALL', key)
  table.insert(stale, 1, 'stale')
  return stale
end
redis.call('DEL', key)
return {'ok'}
