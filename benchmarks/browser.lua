-- wrk script for one connection per thread (wrk -tN -cN): each thread is one visitor that, like a
-- browser, sends the session cookie the last response set. Thread n starts with line n of the file
-- of "name=value" cookies. Usage: wrk -t16 -c16 ... -s browser.lua URL -- cookies.txt
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local cookie = nil

function init(args)
  local n = 0
  for line in io.lines(args[1]) do
    if line ~= "" then
      n = n + 1
      if n == thread_number then
        cookie = line
      end
    end
  end
  if cookie == nil then
    error("browser.lua: no cookie for thread " .. thread_number .. " in " .. args[1])
  end
end

function request()
  return wrk.format(nil, nil, { ["Cookie"] = cookie })
end

last = ""

function response(status, headers, body)
  last = body
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if set ~= nil then
    local pair = set:match("^([^;]*)")
    if pair ~= nil and pair:match("=.") then
      cookie = pair
    end
  end
end

-- The last body each visitor got: for /counter its count, which keeps growing only if the cookie
-- is followed (replaying the first cookie would answer the same count every time).
function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    table.insert(counts, tostring(thread:get("last")))
  end
  io.write("browser.lua: last answers " .. table.concat(counts, " ") .. "\n")
end
