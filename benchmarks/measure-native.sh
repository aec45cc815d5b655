#!/usr/bin/env bash
# JIT, trimmed and native AOT builds of the sample: size on disk, time and CPU from process start to the first answered
# request, in Production and Development, on a fresh and on an existing SQLite database; resident memory after the first
# answer and after 200 more requests. Loopback only; prints a Markdown table for README. Not a test: figures vary by
# machine, so they live here, never in a timed assertion.
#
#   bash benchmarks/measure-native.sh [rounds] [builds]   (default 5 rounds, builds "jit trimmed aot"; medians are reported)
#
# MEASURE_PUBLISHED=<folder> measures the builds already published in <folder>/jit, <folder>/trimmed and <folder>/aot
# instead of publishing them again (the native publish alone takes minutes).
#
# Wall time depends on what else the machine is doing; CPU time (user + system of the whole process, every thread,
# up to the moment the first answer arrived) hardly does, so compare CPU times across machines and moments.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-5}
builds=${2:-jit trimmed aot}
port=5391
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
published=${MEASURE_PUBLISHED:-$work}

if [[ -z ${MEASURE_PUBLISHED:-} ]]; then
  echo "Publishing the sample ($builds; the native compile alone takes minutes)..." >&2
  [[ $builds != *jit* ]] || dotnet publish samples/NotesService -c Release -o "$work/jit" -v q >/dev/null
  [[ $builds != *trimmed* ]] || dotnet publish samples/NotesService -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -o "$work/trimmed" -v q >/dev/null
  [[ $builds != *aot* ]] || dotnet publish samples/NotesService -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" -v q >/dev/null
fi

now_ms() { date +%s%3N; }
clock_ticks=$(getconf CLK_TCK)

# CPU time the process has used so far, in ms: user + system from /proc/<pid>/stat (fields 14 and 15, counting threads
# that have already exited), at the kernel's accounting granularity.
cpu_ms() { awk -v t="$clock_ticks" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / t) }' "/proc/$1/stat"; }

# Production needs its secrets from the environment (README "Publishing"): throw-away ones, the same for every start so
# an existing database stays readable.
production_settings="ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production SecureApi__Database__Engine=Sqlite \
SecureApi__Cursors__Key=$(openssl rand -base64 32) SecureApi__Encryption__ActiveKeyId=k1 \
SecureApi__Encryption__Keys__k1=$(openssl rand -base64 32)"

# One cold start: the time and CPU until /info answers with any HTTP status (Production answers plain HTTP with 403:
# HTTPS is required there), then RSS after it and, in Development, after 200 authenticated list calls.
measure() { # $1: label, $2: environment, $3: fresh|existing, $4: publish folder (content root), $5...: command
  local label=$1 environment=$2 database=$3 dir=$4; shift 4
  [[ $database == existing ]] || rm -rf "$dir/data" # a fresh start creates its SQLite database and schema
  local settings="ASPNETCORE_ENVIRONMENT=Development"
  [[ $environment == Development ]] || settings=$production_settings
  local start; start=$(now_ms)
  (cd "$dir" && exec env $settings ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" >/dev/null 2>&1) &
  local pid=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/info" 2>/dev/null) != 000 ]]; do sleep 0.005; done
  local first=$(( $(now_ms) - start ))
  local cpu; cpu=$(cpu_ms "$pid")
  local rss_first; rss_first=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  local rss_warm=0
  if [[ $environment == Development ]]; then
    for _ in $(seq 200); do curl -s -o /dev/null -H 'X-Api-Key: dev-alice-key' "http://127.0.0.1:$port/notes"; done
    rss_warm=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$label-$environment-$database $first $cpu $rss_first $rss_warm"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

command_of() { # $1: build
  case $1 in
    jit) echo "dotnet $published/jit/NotesService.dll" ;;
    trimmed) echo "$published/trimmed/NotesService" ;;
    aot) echo "$published/aot/NotesService" ;;
  esac
}

: >"$work/results"
for _ in $(seq "$rounds"); do # interleaved, so a slower moment of the machine touches every build and setting alike
  for build in $builds; do
    for environment in Production Development; do
      measure "$build" "$environment" fresh "$published/$build" $(command_of "$build") >>"$work/results"
      measure "$build" "$environment" existing "$published/$build" $(command_of "$build") >>"$work/results"
    done
  done
done

size() { du -sb --exclude='*.pdb' --exclude='*.dbg' --exclude=data "$1" | cut -f1; }
row() { # $1: build, $2: size in bytes, $3: description
  local environment database key first cpu rss1 rss2 warm
  for environment in Production Development; do
    for database in existing fresh; do
      key="$1-$environment-$database"
      first=$(awk -v l="$key" '$1 == l {print $2}' "$work/results" | median)
      cpu=$(awk -v l="$key" '$1 == l {print $3}' "$work/results" | median)
      rss1=$(awk -v l="$key" '$1 == l {print $4}' "$work/results" | median)
      rss2=$(awk -v l="$key" '$1 == l {print $5}' "$work/results" | median)
      warm="–"
      [[ $environment == Production ]] || warm=$(printf '%.1f MB' "$(echo "$rss2 / 1024" | bc -l)")
      printf '| %s | %.1f MB | %s, %s database | %d ms | %d ms | %.1f MB | %s |\n' "$3" "$(echo "$2 / 1000000" | bc -l)" \
        "$environment" "$database" "$first" "$cpu" "$(echo "$rss1 / 1024" | bc -l)" "$warm"
    done
  done
}

echo "Medians of $rounds interleaved cold starts on $(nproc) cores ($(date -u +%Y-%m-%d), load average $(cut -d' ' -f1-3 /proc/loadavg)):"
echo
echo "| Build | On disk | Start | First answer (wall) | CPU to first answer | RSS after it | RSS after 200 more |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: |"
[[ $builds != *jit* ]] || row jit "$(size "$published/jit")" "JIT (framework-dependent publish, without the shared runtime)"
[[ $builds != *trimmed* ]] || row trimmed "$(size "$published/trimmed")" "Trimmed, self-contained (JIT, the runtime included)"
[[ $builds != *aot* ]] || row aot "$(stat -c %s "$published/aot/NotesService")" "Native AOT (the binary)"
