-- Takes expired entries out of the expiry queue and their principals' sorted sets, atomically, and
-- returns those this call removed: however many nodes purge at once, each entry is returned to one. An
-- entry whose score rose since the caller read it (its session was used meanwhile) stays.
--
-- KEYS[1]  the expiry queue; KEYS[i + 1] the principal's sorted set of the entry ARGV[i + 1]
-- ARGV[1]  now (epoch ms), then entries of the queue (id hash, a space, principal) found expired
--
-- Returns {'ok', entry, ...} with the entries removed.
local now = tonumber(ARGV[1])
local removed = {'ok'}
for i = 2, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) <= now then
    redis.call('ZREM', KEYS[1], ARGV[i])
    local member = string.sub(ARGV[i], 1, string.find(ARGV[i], ' ', 1, true) - 1)
    local indexed = redis.call('ZSCORE', KEYS[i], member)
    if indexed and tonumber(indexed) <= now then
      redis.call('ZREM', KEYS[i], member)
    end
    removed[#removed + 1] = ARGV[i]
  end
end
return removed
