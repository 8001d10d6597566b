-- GET with the bearer token in $LOAD_TOKEN_FILE (if set); the path comes from the URL on wrk's command line.
dofile(os.getenv("LOAD_DIR") .. "/report.lua")
local file = os.getenv("LOAD_TOKEN_FILE")
if file and file ~= "" then
  local f = assert(io.open(file))
  wrk.headers["Authorization"] = "Bearer " .. f:read("*l")
  f:close()
end

-- Non-2xx responses by status, so a failing scenario says why (e.g. "503:4").
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function init(args) failures = "" end
function response(status, headers, body)
  if status >= 300 then failures = failures .. status .. " " end
end
local reportLatency = done
function done(summary, latency, requests)
  reportLatency(summary, latency, requests)
  local counts = {}
  for _, t in ipairs(threads) do
    for code in string.gmatch(t:get("failures"), "%d+") do counts[code] = (counts[code] or 0) + 1 end
  end
  local parts = {}
  for code, n in pairs(counts) do parts[#parts + 1] = code .. ":" .. n end
  io.write("FAILURES " .. table.concat(parts, ",") .. "\n")
end
