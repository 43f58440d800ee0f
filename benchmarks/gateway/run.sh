#!/usr/bin/env bash
# The gateway's load benchmark: wrk on loopback against the sample office MCP server directly and
# through `warden serve` in front of the same server, in one run, at 1 and 16 connections. Prints
# the median latency and the throughput of each, the latency the gateway adds and its share of the
# direct throughput. Usage: bash benchmarks/gateway/run.sh   (DURATION=10s ROUNDS=3 WARMUP=20s by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${DURATION:-10s}
rounds=${ROUNDS:-3}
warmup=${WARMUP:-20s} # long enough for tiered compilation to settle (5 s left the first round up to twice as slow)
direct=http://127.0.0.1:8801/mcp
gateway=http://127.0.0.1:8800/mcp

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk"
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; }
fi

echo "== build"
dotnet build src/Warden.Cli -c Release -v q -nologo | grep -E "error|Elapsed" || true

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 120); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  echo "$what did not start:"; cat "$work"/*.log; exit 1
}

# The office first: the gateway connects to its upstreams once, at start.
dotnet samples/Warden.Samples.Office/bin/Release/net10.0/Warden.Samples.Office.dll --url "$direct" --data "$work/office" >"$work/office.log" 2>&1 &
pids+=($!)
wait_for "the sample office" sh -c "curl -s -o /dev/null -w '%{http_code}' -X POST $direct -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' -d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}' | grep -q 200"
dotnet src/Warden.Cli/bin/Release/net10.0/warden.dll serve --policy benchmarks/gateway/policy.yaml --data "$work/gateway" \
  --http --urls http://127.0.0.1:8800 >"$work/gateway.log" 2>&1 &
pids+=($!)
wait_for "the gateway, with its upstream connected," sh -c "curl -s http://127.0.0.1:8800/healthz | grep -q '\"status\":\"ok\"'"

# load CONNECTIONS URL: sets median (µs) and rps; stops the run when wrk saw an answer that is not a success.
load() {
  local out
  out=$(wrk -t1 -c"$1" -d"$duration" --latency -s benchmarks/gateway/call.lua "$2" 2>"$work/wrk.err")
  if grep -q "unexpected answer" "$work/wrk.err"; then
    echo "wrk saw unexpected answers from $2:" >&2
    head -3 "$work/wrk.err" >&2
    exit 1
  fi
  median=$(echo "$out" | awk '/^median_us/ { print $2 }')
  rps=$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')
}

echo "== warm-up"
measured=$duration; duration=$warmup
load 16 "$direct"; load 16 "$gateway"
duration=$measured

median_of() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "== $rounds rounds of $duration per run, wrk -t1, interleaved"
declare -A results
for round in $(seq 1 "$rounds"); do
  for connections in 1 16; do
    for target in direct gateway; do
      url=$direct; [ "$target" = gateway ] && url=$gateway
      load "$connections" "$url"
      echo "round $round  $target  c=$connections  median ${median} us  ${rps} req/s"
      results[$target-$connections-median]+="$median "
      results[$target-$connections-rps]+="$rps "
    done
  done
done

echo
printf '%-12s %14s %14s %12s %14s %14s %10s\n' connections "direct median" "gateway median" added "direct req/s" "gateway req/s" share
for connections in 1 16; do
  dm=$(echo "${results[direct-$connections-median]}" | tr ' ' '\n' | grep . | median_of)
  gm=$(echo "${results[gateway-$connections-median]}" | tr ' ' '\n' | grep . | median_of)
  dr=$(echo "${results[direct-$connections-rps]}" | tr ' ' '\n' | grep . | median_of)
  gr=$(echo "${results[gateway-$connections-rps]}" | tr ' ' '\n' | grep . | median_of)
  awk -v c="$connections" -v dm="$dm" -v gm="$gm" -v dr="$dr" -v gr="$gr" 'BEGIN {
    printf "%-12s %11.2f ms %11.2f ms %9.2f ms %14.0f %14.0f %9.0f%%\n", c, dm / 1000, gm / 1000, (gm - dm) / 1000, dr, gr, 100 * gr / dr }'
done
