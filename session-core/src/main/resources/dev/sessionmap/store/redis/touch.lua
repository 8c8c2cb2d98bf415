-- Refreshes a session's last access and TTL, never moving them backwards, and changes no data, so it
-- cannot conflict with concurrent writers.
--
-- KEYS[1]  the session hash
-- ARGV[1]  last access (epoch ms)      ARGV[2]  expiry (epoch ms)      ARGV[3]  TTL (ms)
--
-- Returns {'ok'}, or {'gone'} when the session no longer exists.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then
  return {'gone'}
end
if tonumber(ARGV[2]) > tonumber(redis.call('HGET', key, 'm:expires') or '0') then
  redis.call('HSET', key, 'm:accessed', ARGV[1], 'm:expires', ARGV[2])
  redis.call('PEXPIRE', key, ARGV[3])
end
return {'ok'}
