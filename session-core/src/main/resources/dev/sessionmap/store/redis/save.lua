-- Applies one request's changes to a session hash in one atomic step, so concurrent requests never
-- see or leave half of a write.
--
-- KEYS[1]  the session hash
-- ARGV[1]  last access (epoch ms)      ARGV[2]  expiry (epoch ms)      ARGV[3]  TTL (ms)
-- ARGV[4]  the session's own timeout (whole seconds), or '' for none
-- ARGV[5]  '1' when the request cleared the session first
-- ARGV[6]  n, then n pairs: a field the request recomputed from its previous value (merge, compute)
--          and the JSON it read there ('' when absent)
-- then     pairs to the end: a field and its new JSON ('' removes it)
--
-- Returns {'ok'}; {'gone'} when the session no longer exists (invalidated or expired: a late request
-- must not bring it back) or was moved to a new id; or {'stale', field, json, ...} with the current JSON of every recomputed
-- field that another request changed meanwhile, and writes nothing, so the caller can recompute.
local key = KEYS[1]
-- A forwarding entry (a concurrent periodic rotation moved the session) counts as gone too: the changes must
-- not land on it, and the caller follows it to the session's new id.
if redis.call('EXISTS', key) == 0 or redis.call('HEXISTS', key, 'd:_moved') == 1 then
  return {'gone'}
end
local checks = tonumber(ARGV[6])
local first = 7 + 2 * checks
local stale = {'stale'}
for i = 7, first - 1, 2 do
  local current = redis.call('HGET', key, ARGV[i]) or ''
  if current ~= ARGV[i + 1] then
    stale[#stale + 1] = ARGV[i]
    stale[#stale + 1] = current
  end
end
if #stale > 1 then
  return stale
end
if ARGV[5] == '1' then
  for _, field in ipairs(redis.call('HKEYS', key)) do
    if string.sub(field, 1, 2) == 'd:' then
      redis.call('HDEL', key, field)
    end
  end
end
for i = first, #ARGV, 2 do
  if ARGV[i + 1] == '' then
    redis.call('HDEL', key, ARGV[i])
  else
    redis.call('HSET', key, ARGV[i], ARGV[i + 1])
  end
end
redis.call('HINCRBY', key, 'm:version', 1)
if ARGV[4] == '' then
  redis.call('HDEL', key, 'm:timeout_s', 'm:timeout')
else
  redis.call('HSET', key, 'm:timeout_s', ARGV[4])
  -- Where 0.1.0 kept it, in milliseconds.
  redis.call('HDEL', key, 'm:timeout')
end
-- Concurrent requests finish in any order: the latest access sets the expiry, earlier or later than the
-- recorded one, so a shorter timeout takes effect at once.
if tonumber(ARGV[1]) >= tonumber(redis.call('HGET', key, 'm:accessed') or '0') then
  redis.call('HSET', key, 'm:accessed', ARGV[1], 'm:expires', ARGV[2])
  redis.call('PEXPIRE', key, ARGV[3])
end
return {'ok'}
