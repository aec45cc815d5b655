-- wrk script for benchmarks/run.sh: one request shape per run, from the environment, and one machine-readable line at
-- the end (requests, duration, p99 latency, errors including non-2xx answers).
local token = os.getenv("BENCH_TOKEN")
local body = os.getenv("BENCH_BODY")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p99_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(99.0), e.connect + e.read + e.write + e.status + e.timeout))
end
