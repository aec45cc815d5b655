#!/usr/bin/env bash
# Regenerates src/Runtime/build/SecureApi.Startup.rd.xml: starts the sample (JIT, Production, as measure-native.sh does)
# with dependency injection's event source on (EventPipe to a file), stops it once GET /info answers, and lists every
# generic type DI built on the way (startup-types.py). A native AOT publish compiles those types in (SecureApi.targets
# adds the file as an RdXmlFile), so the runtime's type loader does not build them at start. Run it after a .NET update
# or a change to what AddSecureApi/UseSecureApi register, then publish natively once: ILC fails on a type it cannot find.
#
#   bash benchmarks/profile/startup-types.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=5395
out="$work/app"

dotnet build samples/NotesService -c Release -o "$out" -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
(cd "$out" && exec env DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath="$work/di.nettrace" \
  DOTNET_EventPipeConfig='Microsoft-Extensions-DependencyInjection:0xFFFFFFFFFFFFFFFF:5' \
  ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production SecureApi__Database__Engine=Sqlite \
  SecureApi__Database__SqlitePath="$work/app.db" SecureApi__Cursors__Key="$(openssl rand -base64 32)" \
  SecureApi__Encryption__ActiveKeyId=k1 SecureApi__Encryption__Keys__k1="$(openssl rand -base64 32)" \
  ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet NotesService.dll >"$work/app.log" 2>&1) &
app=$!
for _ in $(seq 600); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/info" 2>/dev/null) != 000 ]] && break
  sleep 0.1
done
kill "$app"; wait "$app" || true # the trace is written on a graceful stop

runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" {v=$2; p=$3} END {gsub(/[\[\]]/, "", p); print p "/" v}')
aspnet=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" {v=$2; p=$3} END {gsub(/[\[\]]/, "", p); print p "/" v}')
dotnet run benchmarks/profile/TypeAssemblies.cs -- "$out" "$runtime" "$aspnet" >"$work/types.tsv"
# The sample's own types, and the parts a lean build leaves out, stay out: every listed type exists in every service.
strings -el -n 8 "$work/di.nettrace" |
  python3 benchmarks/profile/startup-types.py "$work/types.tsv" NotesService Microsoft.Data.Sqlite SQLitePCLRaw.core Npgsql Scalar.AspNetCore \
  >src/Runtime/build/SecureApi.Startup.rd.xml
grep -c '<Type ' src/Runtime/build/SecureApi.Startup.rd.xml | sed 's/$/ types written to src\/Runtime\/build\/SecureApi.Startup.rd.xml/'
