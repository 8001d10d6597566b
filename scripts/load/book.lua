-- Booking rush: every attempt in $LOAD_DATA/booking.txt ("<token> <slot id>", a distinct citizen each) is sent once,
-- spread over wrk's threads; a thread stops when its share is sent, so the run is bounded by count as well as time.
dofile(os.getenv("LOAD_DIR") .. "/report.lua")

-- Wall clock: wrk always waits its full -d, so the rush's own duration is first request to last response.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } timespec_t; int clock_gettime(int clk, timespec_t *tp); ]]
local function now()
  local ts = ffi.new("timespec_t")
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local attempts = {}
for line in io.lines(os.getenv("LOAD_DATA") .. "/booking.txt") do
  local token, slot = line:match("^(%S+) (%S+)$")
  attempts[#attempts + 1] = { token = token, slot = slot }
end
local schedule = io.open(os.getenv("LOAD_DATA") .. "/schedule.txt"):read("*l")

local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  threads[#threads + 1] = thread
end

function init(args)
  total = tonumber(os.getenv("LOAD_THREADS"))
  nextIndex = id + 1
  sent, created, conflict, other = 0, 0, 0, 0
  started, finished = now(), 0
end

function request()
  local a = attempts[nextIndex]
  if a == nil then
    wrk.thread:stop()
    a = attempts[#attempts]
  end
  nextIndex = nextIndex + total
  sent = sent + 1
  return wrk.format("POST", "/api/v1/persons/me/appointments", {
    ["Authorization"] = "Bearer " .. a.token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("load-%d-%d", id, sent),
  }, string.format('{"scheduleId":"%s","slotId":"%s"}', schedule, a.slot))
end

function response(status, headers, body)
  finished = now()
  if status == 201 then created = created + 1 elseif status == 409 then conflict = conflict + 1 else other = other + 1 end
end

local reportLatency = done
function done(summary, latency, requests)
  reportLatency(summary, latency, requests)
  local c, k, o, first, last = 0, 0, 0, math.huge, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); k = k + t:get("conflict"); o = o + t:get("other")
    first = math.min(first, t:get("started")); last = math.max(last, t:get("finished"))
  end
  io.write(string.format("BOOKING created=%d conflict=%d other=%d wall=%.3f\n", c, k, o, last - first))
end
