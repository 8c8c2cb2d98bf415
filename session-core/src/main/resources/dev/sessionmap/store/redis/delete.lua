-- Deletes a session and says whose it was, so the caller can take it out of that principal's index.
--
-- KEYS[1]  the session hash
--
-- Returns {'ok', json} with the stored principal's JSON ('' for none) once deleted; {'gone'} when there
-- was no such session.
local principal = redis.call('HGET', KEYS[1], 'd:_principal')
if redis.call('DEL', KEYS[1]) == 0 then
  return {'gone'}
end
return {'ok', principal or ''}
