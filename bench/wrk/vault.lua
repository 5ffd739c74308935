-- The workloads of bench/http.sh, for wrk. Environment:
--   MODE   get | list | create | mix   (mix: 90% get, 10% create)
--   TARGET vault | peer                (peer: json-server's /vaultentries routes)
--   TOKEN  the bearer token (vault), RUN a prefix that keeps created keys unique across runs,
--   ENTRIES how many seeded keys to read (bench.k00000 ...), STOP_AFTER requests per thread, then stop (0: never)
-- done() prints "RESULT requests/s p50-ms p99-ms errors requests" (errors: socket errors and non-2xx answers).
local mode = os.getenv("MODE") or "get"
local target = os.getenv("TARGET") or "vault"
local token = os.getenv("TOKEN") or ""
local run = os.getenv("RUN") or "0"
local entries = tonumber(os.getenv("ENTRIES") or "10000")
local stopAfter = tonumber(os.getenv("STOP_AFTER") or "0")
local base = target == "peer" and "/vaultentries" or "/rest/organizations/acme/vaultentries"
local padding = string.rep("v", 200)

local threads = {}
local counter = 0
local answered = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  id = id or 0
  math.randomseed(os.time() + id * 7919)
  wrk.headers["Content-Type"] = "application/json"
  if target == "vault" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

local function get()
  return wrk.format("GET", base .. "/" .. string.format("bench.k%05d", math.random(0, entries - 1)))
end

local function create()
  counter = counter + 1
  local key = string.format("bench.c%s.%d.%d", run, id, counter)
  local body
  if target == "peer" then
    body = '{"id":"' .. key .. '","key":"' .. key .. '","value":"' .. padding .. '","valueType":"STRING",'
      .. '"vaultVisibilityType":"OBFUSCATED"}'
  else
    body = '{"key":"' .. key .. '","value":"' .. padding .. '","valueType":"STRING",'
      .. '"vaultVisibilityType":"OBFUSCATED"}'
  end
  return wrk.format("POST", base, nil, body)
end

function request()
  if mode == "get" then
    return get()
  elseif mode == "list" then
    local pages = math.floor(entries / 100)
    return wrk.format("GET", base .. "?pageSize=100&page=" .. math.random(0, pages - 1))
  elseif mode == "create" then
    return create()
  else
    if math.random(1, 10) == 1 then
      return create()
    end
    return get()
  end
end

function response(status, headers, body)
  answered = answered + 1
  if stopAfter > 0 and answered >= stopAfter then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    + summary.errors.status
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
end
