#!/usr/bin/env bash
# CPU to the first answer of two (or more) published native builds of the sample, interleaved so a busier moment of the
# machine touches each alike: before/after figures for one change. Existing SQLite database (each build's first, unmeasured
# start creates it), Production with throw-away secrets as measure-native.sh gives them; extra environment variables per
# build after a colon (comma-separated), e.g. to try a runtime setting on one binary:
#
#   bash benchmarks/measure-start-ab.sh 15 before=/tmp/a/NotesService after=/tmp/b/NotesService
#   bash benchmarks/measure-start-ab.sh 10 svr=/tmp/b/NotesService wks=/tmp/b/NotesService:DOTNET_gcServer=0
#   bash benchmarks/measure-start-ab.sh 10 dev=/tmp/b/NotesService:ASPNETCORE_ENVIRONMENT=Development,DOTNET_ENVIRONMENT=Development
#
# Prints per label: starts, median CPU ms [min-max], median user and system ms, median wall ms, median RSS KB.
set -euo pipefail
rounds=$1; shift
port=5393
ticks=$(getconf CLK_TCK)
production="ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production SecureApi__Database__Engine=Sqlite \
SecureApi__Cursors__Key=$(openssl rand -base64 32) SecureApi__Encryption__ActiveKeyId=k1 \
SecureApi__Encryption__Keys__k1=$(openssl rand -base64 32)"
results=$(mktemp)
trap 'rm -f "$results"' EXIT

start() { # $1: label, $2: binary[:VAR=value,...]
  local binary=${2%%:*} extra=""
  [[ $2 != *:* ]] || extra=${2#*:}
  local began; began=$(date +%s%3N)
  (cd "$(dirname "$binary")" && exec env $production ${extra//,/ } ASPNETCORE_URLS="http://127.0.0.1:$port" "$binary" >/dev/null 2>&1) &
  local pid=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/info" 2>/dev/null) != 000 ]]; do sleep 0.005; done
  local wall=$(( $(date +%s%3N) - began ))
  # user + system of every thread so far (/proc/<pid>/stat fields 14 and 15), then RSS
  local cpu; cpu=$(awk -v t="$ticks" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / t), int($12 * 1000 / t), int($13 * 1000 / t) }' "/proc/$pid/stat")
  local rss; rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$1 $cpu $wall $rss" >>"$results"
}

for build in "$@"; do start "${build%%=*}" "${build#*=}"; done # creates each build's database
: >"$results"
for _ in $(seq "$rounds"); do
  for build in "$@"; do start "${build%%=*}" "${build#*=}"; done
done

echo "label starts cpu_ms [min-max] user_ms system_ms wall_ms rss_kb (medians; load average $(cut -d' ' -f1-3 /proc/loadavg))"
for build in "$@"; do
  awk -v l="${build%%=*}" '$1 == l' "$results" | python3 -c '
import statistics, sys
rows = [list(map(int, line.split()[1:])) for line in sys.stdin]
cpu = sorted(r[0] for r in rows)
print(sys.argv[1], len(rows), statistics.median(cpu), f"[{cpu[0]}-{cpu[-1]}]",
      *(statistics.median(r[i] for r in rows) for i in (1, 2, 3, 4)))' "${build%%=*}"
done
