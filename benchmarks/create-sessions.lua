-- wrk script: requests without a cookie (each one creates a session) until this thread has had
-- its share of responses, then the thread stops (wrk itself still runs for its -d duration).
local request_text = nil
local answered = 0
local limit = 0

function init(args)
  limit = tonumber(args[1])
  request_text = wrk.format()
end

function request()
  return request_text
end

function response(status, headers, body)
  answered = answered + 1
  if answered >= limit then
    wrk.thread:stop()
  end
end
