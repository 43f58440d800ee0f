#!/usr/bin/env bash
# The gateway's load benchmark: wrk on loopback against the sample office MCP server directly and
# through `warden serve` in front of the same server, in one run, at 1 and 16 connections. Prints
# the median latency and the throughput of each, the latency the gateway adds and its share of the
# direct throughput. Beside them, the same for four baselines in front of the same server
# (benchmarks/Warden.Benchmarks.PassThrough): a proxy that forwards bytes (no MCP), the same with one
# fsync'd append per call, a pass-through made of the MCP SDK's server and client only, and the same
# with one fsync'd append per call: what the machine and the stack cost before any of the gate's work.
# Usage: bash benchmarks/gateway/run.sh   (DURATION=10s ROUNDS=3 WARMUP=20s by default; BASELINES=0 skips them)
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
dotnet build benchmarks/Warden.Benchmarks.PassThrough -c Release -v q -nologo | grep -E "error|Elapsed" || true

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

# The baselines, each a process of its own in front of the same office.
declare -A urls=([direct]=$direct [gateway]=$gateway)
targets=(direct)
if [ "${BASELINES:-1}" != 0 ]; then
  port=8802
  for baseline in "raw" "raw+fsync" "sdk" "sdk+fsync"; do
    flags=()
    [ "${baseline#raw}" != "$baseline" ] && flags+=(--raw)
    [ "${baseline%+fsync}" != "$baseline" ] && flags+=(--durable "$work/$baseline.durable") # on disk: $work must not be a tmpfs
    dotnet benchmarks/Warden.Benchmarks.PassThrough/bin/Release/net10.0/Warden.Benchmarks.PassThrough.dll \
      --upstream "$direct" --url "http://127.0.0.1:$port/mcp" "${flags[@]}" >"$work/pass-through-$port.log" 2>&1 &
    pids+=($!)
    wait_for "the $baseline baseline" sh -c "grep -q 'pass-through proxy' $work/pass-through-$port.log"
    urls[$baseline]=http://127.0.0.1:$port/mcp
    targets+=("$baseline")
    port=$((port + 1))
  done
fi
targets+=(gateway)

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
for target in "${targets[@]}"; do load 16 "${urls[$target]}"; done
duration=$measured

median_of() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "== $rounds rounds of $duration per run, wrk -t1, interleaved"
declare -A results
for round in $(seq 1 "$rounds"); do
  for connections in 1 16; do
    for target in "${targets[@]}"; do
      load "$connections" "${urls[$target]}"
      echo "round $round  $target  c=$connections  median ${median} us  ${rps} req/s"
      results[$target-$connections-median]+="$median "
      results[$target-$connections-rps]+="$rps "
    done
  done
done

echo
printf '%-12s %-12s %12s %12s %12s %8s\n' connections target median added "req/s" share
for connections in 1 16; do
  dm=$(echo "${results[direct-$connections-median]}" | tr ' ' '\n' | grep . | median_of)
  dr=$(echo "${results[direct-$connections-rps]}" | tr ' ' '\n' | grep . | median_of)
  for target in "${targets[@]}"; do
    m=$(echo "${results[$target-$connections-median]}" | tr ' ' '\n' | grep . | median_of)
    r=$(echo "${results[$target-$connections-rps]}" | tr ' ' '\n' | grep . | median_of)
    awk -v c="$connections" -v t="$target" -v dm="$dm" -v m="$m" -v dr="$dr" -v r="$r" 'BEGIN {
      printf "%-12s %-12s %9.2f ms %9.2f ms %12.0f %7.0f%%\n", c, t, m / 1000, (m - dm) / 1000, r, 100 * r / dr }'
  done
done
