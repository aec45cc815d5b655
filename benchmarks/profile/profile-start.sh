#!/usr/bin/env bash
# Where a native AOT start of the sample spends its CPU up to the first answer: `perf record -g` of N cold starts of the
# published binary (Production, existing SQLite database, throw-away secrets, as measure-native.sh starts it), each
# stopped as soon as GET /info answers, then start-shares.py groups the samples by what they were doing (dependency
# injection, the type loader, RehydrateData, the GC, ...). Shares of samples, so they do not depend on the machine's load.
# Needs perf (apt-get install linux-perf) and the binary's NotesService.dbg beside it (a default native publish has it).
#
#   bash benchmarks/profile/profile-start.sh <folder with the published NotesService> [starts]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=$(realpath "$1")
starts=${2:-10}
port=5392
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

settings="ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production SecureApi__Database__Engine=Sqlite \
SecureApi__Cursors__Key=$(openssl rand -base64 32) SecureApi__Encryption__ActiveKeyId=k1 \
SecureApi__Encryption__Keys__k1=$(openssl rand -base64 32) ASPNETCORE_URLS=http://127.0.0.1:$port"
rm -rf "$dir/data"

start() { # $1: perf output; the service is killed once /info answers, which ends perf record too
  (cd "$dir" && exec perf record -F 2999 -g -o "$1" -- sh -c "echo \$\$ >'$work/pid'; exec env $settings ./NotesService" \
    >/dev/null 2>>"$work/perf.log") &
  local perf=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/info" 2>/dev/null) != 000 ]]; do sleep 0.005; done
  kill -KILL "$(cat "$work/pid")" # no graceful shutdown in the profile
  wait "$perf" || true
}

start "$work/warm.data" 2>/dev/null # creates the database, so every measured start finds an existing one
for i in $(seq "$starts"); do start "$work/$i.data"; done 2>/dev/null # (the shell reports each SIGKILL)
for i in $(seq "$starts"); do perf script -i "$work/$i.data" -F comm,tid,ip,sym,dso 2>/dev/null; done |
  python3 benchmarks/profile/start-shares.py
