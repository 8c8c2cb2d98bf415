-- Records that a session belongs to a principal until its expiry: in the principal's sorted set (member:
-- the hash of the session's id) and in the expiry queue the purge reads (member: that hash, a space and
-- the principal's name), both scored by the expiry in epoch ms. A score only rises: requests finish in any
-- order, and an entry that outlives its session is harmless (readers check the session) while one that
-- ended before it would hide a live session. Both keys expire by themselves once every session in them
-- has expired (the queue a window later, for the purge to report them), and entries that expired more
-- than the window ago are dropped here, reported or not: nothing in the index can grow without bound.
--
-- KEYS[1]  the principal's sorted set        KEYS[2]  the expiry queue (same hash tag, same slot)
-- ARGV[1]  now (epoch ms)   ARGV[2]  the window (ms)   ARGV[3]  the id hash   ARGV[4]  expiry (epoch ms)
-- ARGV[5]  the principal's name
--
-- Returns {'ok'}.
local index, queue = KEYS[1], KEYS[2]
local now, window, member, expiry = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local cutoff = '(' .. (now - window)
redis.call('ZREMRANGEBYSCORE', index, '-inf', cutoff)
redis.call('ZREMRANGEBYSCORE', queue, '-inf', cutoff)
local current = redis.call('ZSCORE', index, member)
if not current or tonumber(current) < expiry then
  redis.call('ZADD', index, expiry, member)
  redis.call('ZADD', queue, expiry, member .. ' ' .. ARGV[5])
end
local function expireAfterLast(key, extra)
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  if #last == 2 then
    redis.call('PEXPIRE', key, math.max(1, tonumber(last[2]) - now + extra))
  end
end
expireAfterLast(index, 0)
expireAfterLast(queue, window)
return {'ok'}
