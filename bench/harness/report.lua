-- wrk script: optional JSON POST body and bearer token from the environment; prints one JSON line
-- with throughput inputs and latency percentiles (µs) when the run is done.
local body = os.getenv("WRK_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
-- WRK_LOGIN_USERS=N: each request logs in one of bench01..benchN (password wonderland), round robin:
-- with few accounts and many connections, many logins of one account run at once, as a ward's
-- clinicians and devices do; every one has the right password, so every answer must be 200 (a 401
-- would be a right password refused; 503 is the service saturated).
local users = tonumber(os.getenv("WRK_LOGIN_USERS") or "0")
local threads, counter = 0, 0
local threads_list = {}
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
  table.insert(threads_list, thread)
end
-- Answers that must not happen to right passwords (401), and refusals (429 locked, 503 saturated).
if users > 0 then
  request = function()
    local n = ((offset or 0) + 2 * counter) % users + 1  -- bench/run.sh runs wrk -t2: round robin
    counter = counter + 1
    return wrk.format(nil, nil, nil, string.format('{"username":"bench%02d","password":"wonderland"}', n))
  end
end
function response(status)
  if status == 401 then c401 = (c401 or 0) + 1 elseif status == 429 then c429 = (c429 or 0) + 1
  elseif status == 503 then c503 = (c503 or 0) + 1 end
end
local token = os.getenv("WRK_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

done = function(summary, latency, requests)
  local e = summary.errors
  local s401, s429, s503 = 0, 0, 0
  for _, t in ipairs(threads_list) do
    s401 = s401 + (t:get("c401") or 0); s429 = s429 + (t:get("c429") or 0); s503 = s503 + (t:get("c503") or 0)
  end
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"socket_errors":%d,"non_2xx":%d,"status_401":%d,"status_429":%d,"status_503":%d,"p50_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status, s401, s429, s503,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
end
