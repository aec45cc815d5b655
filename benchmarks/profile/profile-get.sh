#!/usr/bin/env bash
# Where a GET /items/{id} of SecureApi's benchmark app spends its CPU: the app started as run.sh starts it (Release,
# Production, log level Warning, a token minted with openssl), loaded by wrk on loopback, sampled by `perf record -g`
# with the runtime's perf map. Prints shares of samples (load-independent, unlike requests/s) grouped by who controls the
# code (shares.py). Needs perf (apt-get install linux-perf), wrk, openssl; root or perf_event_paranoid <= 1.
#
#   bash benchmarks/profile/profile-get.sh [seconds]     (default 20; the app is built in Release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
for tool in perf wrk openssl curl taskset python3; do
  command -v "$tool" >/dev/null || { echo "$tool is required." >&2; exit 1; }
done

work=$(mktemp -d)
app=
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build benchmarks/Apps/SecureApiApp -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

source benchmarks/lib/apps.sh

url=http://127.0.0.1:5491
(
  # PerfMap names jitted code; W^X off so perf sees it at its real address; ReadyToRun off so framework code is jitted
  # (and named) too — the steady state runs tier-1 code either way.
  export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0
  run_app 1 "$url" "$work/app.db"
) >"$work/app.log" 2>&1 &
app=$!
token=$(mint alice)
for _ in $(seq 300); do curl -s -o /dev/null "$url/_bench/allocated" && break; sleep 0.2; done
location=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"bench","quantity":3}' "$url/items" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
[ -n "$location" ] || { cat "$work/app.log" >&2; echo "The app did not create an item." >&2; exit 1; }
target="$url/items/${location##*/}"

echo "Warming up (tier-1 code), then sampling ${seconds} s under load..." >&2
BENCH_TOKEN=$token taskset -c 1 wrk -t1 -c32 -d8s -s benchmarks/load/request.lua "$target" >/dev/null
BENCH_TOKEN=$token taskset -c 1 wrk -t1 -c32 -d$((seconds + 2))s -s benchmarks/load/request.lua "$target" >"$work/wrk.txt" &
load=$!
sleep 1
perf record -F 999 -g -p "$app" -o "$work/perf.data" -- sleep "$seconds" 2>"$work/perf.log"
wait "$load"
grep -q 'errors=0' "$work/wrk.txt" || { cat "$work/wrk.txt" >&2; echo "The load saw errors." >&2; exit 1; }
perf script -i "$work/perf.data" -F ip,sym,dso 2>/dev/null | python3 benchmarks/profile/shares.py 25
