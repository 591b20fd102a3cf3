-- wrk script: optional JSON POST body and bearer token from the environment; prints one JSON line
-- with throughput inputs and latency percentiles (µs) when the run is done.
local body = os.getenv("WRK_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
-- WRK_LOGIN_USERS=N: each request logs in one of bench01..benchN (password wonderland); the two wrk
-- threads take alternate users, so no two logins of one account ever run at once (the account
-- back-off would refuse the second, see README "Known limits").
local users = tonumber(os.getenv("WRK_LOGIN_USERS") or "0")
local threads, counter = 0, 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
if users > 0 then
  request = function()
    local n = ((offset or 0) + 2 * counter) % users + 1  -- bench/run.sh runs wrk -t2
    counter = counter + 1
    return wrk.format(nil, nil, nil, string.format('{"username":"bench%02d","password":"wonderland"}', n))
  end
end
local token = os.getenv("WRK_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"socket_errors":%d,"non_2xx":%d,"p50_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
end
