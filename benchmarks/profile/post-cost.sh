#!/usr/bin/env bash
# What one POST /items costs each of run.sh's apps, in load-independent units: CPU time (utime + stime of the app over
# a wrk run, divided by its requests), system calls per request (strace -f -c over a second run), and the SQLite
# files' share: writes, bytes and syncs per request on the .db, -wal and -shm files (strace -y). The apps are started
# as run.sh starts them (Release, Production, log level Warning, one RS256 key, a token minted with openssl), each
# pinned to core 0 with wrk on core 1. Throughput under strace means nothing and is not printed.
#
#   bash benchmarks/profile/post-cost.sh [seconds] [apps]    (default 10 s per measurement; apps "1 2 6")
# Needs strace, wrk, openssl, curl, taskset (root, or ptrace allowed, for strace -p).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
apps=${2:-"1 2 6"}
connections=${POST_COST_CONNECTIONS:-32}
for tool in strace wrk openssl curl taskset awk; do
  command -v "$tool" >/dev/null || { echo "$tool is required." >&2; exit 1; }
done

work=$(mktemp -d)
app=
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source benchmarks/lib/apps.sh

for n in $apps; do
  dotnet build "benchmarks/Apps/$(field "$n" 3)" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done

token=$(mint alice)
body='{"name":"bench","quantity":3}'

post() { # $1: url, $2: seconds; prints wrk's RESULT line
  BENCH_TOKEN=$([ "$n" = 6 ] || echo "$token") BENCH_BODY=$body \
    taskset -c 1 wrk -t1 -c"$connections" -d"$2s" -s benchmarks/load/request.lua "$1/items" | grep '^RESULT'
}
requests() { sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$1"; }
errors() { sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$1"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

printf '| App | CPU per POST | syscalls per POST | fsync+fdatasync per POST | writes per POST (.db / -wal / -shm) | bytes written per POST (.db / -wal) |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: |\n'
for n in $apps; do
  url=http://127.0.0.1:$((5480 + n))
  db="$work/app$n.db"
  (
    run_app "$n" "$url" "$db"
  ) >"$work/app$n.log" 2>&1 &
  app=$!
  for _ in $(seq 300); do curl -s -o /dev/null -H "Authorization: Bearer $token" "$url/_bench/allocated" && break; sleep 0.2; done

  post "$url" 5 >/dev/null # warm-up: tier-1 code, a pool of connections, a WAL that has checkpointed
  hz=$(getconf CLK_TCK)
  before=$(ticks "$app")
  result=$(post "$url" "$seconds")
  after=$(ticks "$app")
  count=$(requests "$result")
  [ "$(errors "$result")" = 0 ] || echo "App $n: $(errors "$result") errors or non-2xx answers in the CPU run." >&2
  cpu=$(awk -v t=$((after - before)) -v hz="$hz" -v r="$count" 'BEGIN {printf "%.2f ms", t * 1000 / hz / r}')

  # Every syscall, counted (strace -c), then the SQLite files' writes and syncs by file (strace -y names each fd's path).
  strace -f -c -o "$work/count$n.txt" -p "$app" 2>/dev/null &
  tracer=$!
  sleep 1
  result=$(post "$url" "$seconds")
  kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true
  count=$(requests "$result")
  calls=$(awk '$NF == "total" {print $4}' "$work/count$n.txt") # % time, seconds, usecs/call, calls, [errors,] name
  strace -f -y -e trace=pwrite64,write,fsync,fdatasync -o "$work/files$n.txt" -p "$app" 2>/dev/null &
  tracer=$!
  sleep 1
  fresult=$(post "$url" "$seconds")
  kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true
  fcount=$(requests "$fresult")
  awk -v r="$fcount" -v calls="$calls" -v rc="$count" -v cpu="$cpu" -v n="$n" '
    # lines like: 1234 pwrite64(57</tmp/x/app1.db-wal>, "..."..., 4096, 8192) = 4096
    match($0, /(pwrite64|write|fsync|fdatasync)\([0-9]+<[^>]*>/) {
      call = $0; sub(/^[0-9]+ +/, "", call); sub(/\(.*/, "", call)
      path = $0; sub(/^[^<]*</, "", path); sub(/>.*/, "", path)
      kind = path ~ /-wal$/ ? "wal" : path ~ /-shm$/ ? "shm" : path ~ /\.db$/ ? "db" : "other"
      if (kind == "other") next
      if (call == "fsync" || call == "fdatasync") { syncs++; next }
      writes[kind]++
      # the byte count is the argument after the (abbreviated) buffer; a call strace splits keeps it on its first line
      if (match($0, /"(\.\.\.)?, [0-9]+/)) { s = substr($0, RSTART, RLENGTH); sub(/.*, /, "", s); bytes[kind] += s }
    }
    END {
      printf "| (%s) | %s | %.0f | %.2f | %.2f / %.2f / %.2f | %.0f / %.0f |\n", n, cpu, calls / rc, syncs / r,
        writes["db"] / r, writes["wal"] / r, writes["shm"] / r, bytes["db"] / r, bytes["wal"] / r
    }' "$work/files$n.txt"
  if [ -n "${POST_COST_DETAIL:-}" ]; then # the busiest system calls, per POST
    awk -v r="$count" -v n="$n" '$1 ~ /^[0-9.]+$/ && $NF != "total" {printf "(%s) %-18s %.2f\n", n, $NF, $4 / r}' "$work/count$n.txt" | sort -k3 -g -r | head -12 >&2
  fi
  kill "$app"; wait "$app" 2>/dev/null || true
  app=
done
echo
echo "Command: \`bash benchmarks/profile/post-cost.sh $seconds \"$apps\"\` ($connections connections; CPU from /proc/<pid>/stat, syscalls from strace -f)."
