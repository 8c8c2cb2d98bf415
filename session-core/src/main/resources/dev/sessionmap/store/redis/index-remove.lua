-- Removes a session from a principal's sorted set and from the expiry queue: it was deleted, moved to
-- another id or now belongs to another principal. A sorted set left empty is deleted by Redis.
--
-- KEYS[1]  the principal's sorted set        KEYS[2]  the expiry queue (same hash tag, same slot)
-- ARGV[1]  the id hash      ARGV[2]  the principal's name
--
-- Returns {'ok'}.
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1] .. ' ' .. ARGV[2])
return {'ok'}
