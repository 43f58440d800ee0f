-- wrk script: one MCP tools/call a request, as a stateless Streamable HTTP POST. Each request has
-- arguments of its own (a counter), so the gate's loop breaker sees distinct calls, and the calls are
-- spread over 16 Warden sessions, as many agents' sessions would be. The counter starts from the
-- clock, so that a later run never repeats an earlier run's call (which the ledger would answer).
local counter = os.time() * 1000000
local tool = os.getenv("WARDEN_BENCH_TOOL") or "list_documents"

request = function()
  counter = counter + 1
  local body = string.format(
    '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":{"n":%d}}}',
    counter % 1000000000, tool, counter)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
    ["Authorization"] = "Bearer wd-bench-agent",
    ["X-Warden-Session"] = "bench-" .. string.format("%d", counter % 16),
  }
  return wrk.format("POST", nil, headers, body)
end

-- A response that is not 200, or an MCP error, is counted and reported at the end.
local failures = 0
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"isError":true', 1, true) or string.find(body, '"error":', 1, true) then
    failures = failures + 1
    if failures <= 3 then
      io.stderr:write("unexpected answer (" .. status .. "): " .. string.sub(body, 1, 300) .. "\n")
    end
  end
end

done = function(summary, latency, requests)
  io.write(string.format("median_us %d\np99_us %d\nrequests %d\nerrors %d\n",
    latency:percentile(50), latency:percentile(99), summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
