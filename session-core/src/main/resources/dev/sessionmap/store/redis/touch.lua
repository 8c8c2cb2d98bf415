-- Refreshes a session's last access and TTL, never moving them backwards, and changes no data, so it
-- cannot conflict with concurrent writers. Judged by the last access, as the datastore does: the
-- forwarding entry of a periodic rotation has its last access at its deadline, so a late touch of the
-- previous id cannot extend it past the grace period.
--
-- KEYS[1]  the session hash
-- ARGV[1]  last access (epoch ms)      ARGV[2]  expiry (epoch ms)      ARGV[3]  TTL (ms)
--
-- Returns {'ok'} once refreshed; {'gone'} when the session no longer exists; {'stale'} when it was not
-- refreshed (another request did so later, or the key is a forwarding entry, then {'stale', 'moved', '1'}):
-- the caller then leaves the visitor's cookie alone, since re-sending this id could overwrite a newer one.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then
  return {'gone'}
end
if tonumber(ARGV[1]) > tonumber(redis.call('HGET', key, 'm:accessed') or '0') then
  redis.call('HSET', key, 'm:accessed', ARGV[1], 'm:expires', ARGV[2])
  redis.call('PEXPIRE', key, ARGV[3])
  return {'ok'}
end
if redis.call('HEXISTS', key, 'd:_moved') == 1 then
  return {'stale', 'moved', '1'}
end
return {'stale'}
