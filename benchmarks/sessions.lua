-- wrk script: each request carries one cookie picked at random from a file of "name=value" lines,
-- or no cookie when the file is empty. Usage: wrk ... -s sessions.lua URL -- cookies.txt
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local requests = {}

function init(args)
  local file = args[1]
  if file ~= nil and file ~= "" then
    for line in io.lines(file) do
      if line ~= "" then
        requests[#requests + 1] = wrk.format(nil, nil, { ["Cookie"] = line })
      end
    end
  end
  if #requests == 0 then
    requests[1] = wrk.format()
  end
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

function request()
  return requests[math.random(#requests)]
end
