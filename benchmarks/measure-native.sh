#!/usr/bin/env bash
# JIT, trimmed and native AOT builds of the sample: size on disk, time from process start to the first answered
# request, and resident memory after that request and after 200 more. Measures on this machine, loopback only; prints
# a Markdown table for README. Not a test: figures vary by machine, so they live here, never in a timed assertion.
#
#   bash benchmarks/measure-native.sh [rounds] [builds]   (default 5 rounds, builds "jit trimmed aot"; medians are reported)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-5}
builds=${2:-jit trimmed aot}
port=5391
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Publishing the sample ($builds; the native compile alone takes minutes)..." >&2
[[ $builds != *jit* ]] || dotnet publish samples/NotesService -c Release -o "$work/jit" -v q >/dev/null
[[ $builds != *trimmed* ]] || dotnet publish samples/NotesService -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -o "$work/trimmed" -v q >/dev/null
[[ $builds != *aot* ]] || dotnet publish samples/NotesService -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" -v q >/dev/null

now_ms() { date +%s%3N; }

# One cold start: the time until /info (anonymous, no database) answers 200, then RSS after it and after 200 calls.
measure() { # $1: label, $2: publish folder (content root: appsettings), $3...: command
  local label=$1 dir=$2; shift 2
  rm -rf "$dir/data" # every start creates its SQLite database afresh, so each round does the same work
  local start; start=$(now_ms)
  (cd "$dir" && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" exec "$@" >/dev/null 2>&1) &
  local pid=$!
  until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/info" 2>/dev/null | grep -q 200; do sleep 0.005; done
  local first=$(( $(now_ms) - start ))
  local rss_first; rss_first=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  for _ in $(seq 200); do curl -s -o /dev/null -H 'X-Api-Key: dev-alice-key' "http://127.0.0.1:$port/notes"; done
  local rss_warm; rss_warm=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$label $first $rss_first $rss_warm"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

: >"$work/results"
for _ in $(seq "$rounds"); do # interleaved, so a slower moment of the machine touches both alike
  [[ $builds != *jit* ]] || measure jit "$work/jit" dotnet "$work/jit/NotesService.dll" >>"$work/results"
  [[ $builds != *trimmed* ]] || measure trimmed "$work/trimmed" "$work/trimmed/NotesService" >>"$work/results"
  [[ $builds != *aot* ]] || measure aot "$work/aot" "$work/aot/NotesService" >>"$work/results"
done

size() { du -sb --exclude='*.pdb' --exclude='*.dbg' --exclude=data "$1" | cut -f1; }
row() { # $1: label, $2: size in bytes
  local first rss1 rss2
  first=$(awk -v l="$1" '$1 == l {print $2}' "$work/results" | median)
  rss1=$(awk -v l="$1" '$1 == l {print $3}' "$work/results" | median)
  rss2=$(awk -v l="$1" '$1 == l {print $4}' "$work/results" | median)
  printf '| %s | %.1f MB | %d ms | %.1f MB | %.1f MB |\n' "$3" "$(echo "$2 / 1000000" | bc -l)" "$first" "$(echo "$rss1 / 1024" | bc -l)" "$(echo "$rss2 / 1024" | bc -l)"
}

echo "Medians of $rounds interleaved cold starts on $(nproc) cores ($(date -u +%Y-%m-%d)):"
echo
echo "| Build | On disk | First answer | RSS after it | RSS after 200 more |"
echo "| --- | --- | --- | --- | --- |"
[[ $builds != *jit* ]] || row jit "$(size "$work/jit")" "JIT (framework-dependent publish, without the shared runtime)"
[[ $builds != *trimmed* ]] || row trimmed "$(size "$work/trimmed")" "Trimmed, self-contained (JIT, the runtime included)"
[[ $builds != *aot* ]] || row aot "$(stat -c %s "$work/aot/NotesService")" "Native AOT (the binary)"
