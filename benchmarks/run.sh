#!/usr/bin/env bash
# The same two endpoints — GET an owned item by id, POST a validated body — built six ways, under load on this machine:
#   (1) SecureApi generated        (2) hand-written RequestDelegates   (3) minimal-API lambdas + AddValidation
#   (4) (3) with the Request Delegate Generator   (5) MVC controllers   (6) unsecured minimal API (the control)
# Apps 1–5 share one RSA key and token rules, a per-user fixed-window limit (too high to trip), validation and the
# owner check; all six keep their items in SQLite (a file per app, WAL). Every app runs pinned to core 0, wrk to core 1,
# loopback only. Rounds are interleaved (each round visits every app, in a rotated order) so a slower moment of the
# machine touches all alike. Prints one Markdown table ready for README's "Benchmarks" section.
#
#   bash benchmarks/run.sh                 (5 rounds of 15 s per app and endpoint, 32 connections: about 20 minutes)
#   bash benchmarks/run.sh --quick         (1 round of 5 s: a check that everything works, not figures to quote)
#   options: --rounds N --duration S --connections C --apps "1 2 6"
#
# Not a test: figures depend on the machine, so they live in README, never in a timed assertion. Needs root (or wrk
# already installed) on a fresh machine: wrk comes from apt.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=5 duration=15 connections=32 warmup=5 apps="1 2 3 4 5 6" mode=full
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) rounds=1 duration=5 warmup=2 mode=quick ;;
    --rounds) rounds=$2; shift ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --apps) apps=$2; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done

for tool in curl openssl taskset; do
  command -v "$tool" >/dev/null || { echo "$tool is required." >&2; exit 1; }
done
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing and this is not root: install wrk (apt-get install wrk)." >&2; exit 1
  fi
fi
if [ "$(nproc)" -lt 2 ]; then
  echo "Two cores are needed: one for the server, one for wrk." >&2; exit 1
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source benchmarks/lib/apps.sh

echo "Building the apps (Release)..." >&2
for n in $apps; do
  dotnet build "benchmarks/Apps/$(field "$n" 3)" -c Release -v q -nologo >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 1; }
done


port() { echo $((5400 + $1)); }
url() { echo "http://127.0.0.1:$(port "$1")"; }

start() { # $1: app number
  local n=$1
  (
    run_app "$n" "$(url "$n")" "$work/app$n.db"
  ) >"$work/app$n.log" 2>&1 &
  pids+=($!)
  local tries=0
  until curl -s -o /dev/null "$(url "$n")/_bench/allocated" 2>/dev/null; do
    sleep 0.2
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then cat "$work/app$n.log" >&2; echo "App $n did not start." >&2; exit 1; fi
  done
}

status() { # $1: expected, $2...: curl arguments
  local expected=$1; shift
  local got; got=$(curl -s -o "$work/answer" -w '%{http_code}' "$@")
  if [ "$got" != "$expected" ]; then
    echo "Semantics check failed: curl $* answered $got, expected $expected: $(cat "$work/answer")" >&2; exit 1
  fi
}

body='{"name":"bench","quantity":3}'
token=$(mint alice)
other=$(mint bob)
declare -A item
echo "Starting the apps and checking their semantics..." >&2
for n in $apps; do
  start "$n"
  auth=(-H "Authorization: Bearer $token")
  [ "$n" = 6 ] && auth=()
  location=$(curl -s -D - -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -d "$body" "$(url "$n")/items" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
  [ -n "$location" ] || { echo "App $n did not create an item." >&2; cat "$work/app$n.log" >&2; exit 1; }
  item[$n]=${location##*/}
  status 200 "${auth[@]}" "$(url "$n")/items/${item[$n]}"
  if [ "$n" != 6 ]; then # the secured apps: the same answers to the same mistakes
    status 401 "$(url "$n")/items/${item[$n]}"
    status 404 -H "Authorization: Bearer $other" "$(url "$n")/items/${item[$n]}"
    status 400 "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"","quantity":3}' "$(url "$n")/items"
    status 400 "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"x","quantity":5000}' "$(url "$n")/items"
  fi
done

load() { # $1: app, $2: endpoint (get|post), $3: seconds; prints "requests p99_us errors allocated_bytes"
  local n=$1 endpoint=$2 seconds=$3 target before after out
  target="$(url "$n")/items"
  [ "$endpoint" = get ] && target="$target/${item[$n]}"
  # SecureApi's fallback policy denies anonymous callers on hand-mapped endpoints too: the probe is called with the token.
  before=$(curl -s -H "Authorization: Bearer $token" "$(url "$n")/_bench/allocated")
  out=$(BENCH_TOKEN=$([ "$n" = 6 ] || echo "$token") BENCH_BODY=$([ "$endpoint" = post ] && echo "$body") \
    taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" -s benchmarks/load/request.lua "$target" | grep '^RESULT')
  after=$(curl -s -H "Authorization: Bearer $token" "$(url "$n")/_bench/allocated")
  sed -E 's/RESULT requests=([0-9]+) duration_us=([0-9]+) p99_us=([0-9]+) errors=([0-9]+)/\1 \2 \3 \4/' <<<"$out" \
    | awk -v a=$((after - before)) '{printf "%d %.1f %d %d %d\n", $1, $1 / ($2 / 1e6), $3, $4, a}'
}

echo "Warming up (${warmup} s per app and endpoint)..." >&2
for n in $apps; do for e in get post; do load "$n" "$e" "$warmup" >/dev/null; done; done

: >"$work/results"
order=($apps)
for r in $(seq "$rounds"); do
  echo "Round $r of $rounds..." >&2
  token=$(mint alice) # a fresh token per round: a full run outlives one token's 50 minutes
  for i in "${!order[@]}"; do
    n=${order[$(((i + r - 1) % ${#order[@]}))]}
    for e in get post; do
      read -r requests rps p99 errors allocated < <(load "$n" "$e" "$duration")
      [ "$errors" = 0 ] || echo "App $n $e round $r: $errors errors or non-2xx answers (the figures include them)." >&2
      echo "$n $e $r $rps $p99 $((allocated / requests)) $errors" >>"$work/results"
    done
  done
done

# Medians per app and endpoint; spread is (max - min) / median over the rounds; ratios are of medians.
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v n="$1" -v e="$2" -v c="$3" '$1 == n && $2 == e {print $c}' "$work/results"; }
declare -A rps_median
for n in $apps; do for e in get post; do rps_median[$n$e]=$(col "$n" "$e" 4 | median); done; done
ratio() { # $1: value, $2: reference (may be absent)
  [ -n "${2:-}" ] && awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f×", a / b}' || echo "–"
}

echo
echo "| App | Endpoint | Requests/s (median) | Spread | p99 | Allocated per request | vs (6) unsecured | vs (2) hand-written |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for e in get post; do
  for n in $apps; do
    m=${rps_median[$n$e]}
    spread=$(col "$n" "$e" 4 | sort -g | awk -v m="$m" 'NR == 1 {lo=$1} {hi=$1} END {printf "±%.0f%%", (hi - lo) / m * 50}')
    p99=$(col "$n" "$e" 5 | median | awk '{printf "%.1f ms", $1 / 1000}')
    alloc=$(col "$n" "$e" 6 | median | awk '{printf "%.1f KB", $1 / 1000}')
    endpoint=$([ "$e" = get ] && echo "GET /items/{id}" || echo "POST /items")
    printf '| %s | %s | %.0f | %s | %s | %s | %s | %s |\n' "$(field "$n" 2)" "$endpoint" "$m" "$spread" "$p99" "$alloc" \
      "$(ratio "$m" "${rps_median[6$e]:-}")" "$(ratio "$m" "${rps_median[2$e]:-}")"
  done
done
echo
echo "Command: \`bash benchmarks/run.sh$([ "$mode" = quick ] && echo " --quick")\` ($rounds round(s) of ${duration} s per app and endpoint, $connections connections, wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'));"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(dotnet --version) SDK, $(date -u +%Y-%m-%d);"
echo "load average when done: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine shows here)."
