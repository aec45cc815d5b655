#!/usr/bin/env bash
# What a service carries after trimming, by the engines and parts it builds with (SecureApiDatabaseEngines,
# SecureApiOpenApiReferencePage): the trimmed self-contained publish folder and the native AOT publish (binary plus
# SQLite's native library when carried), for the sample and for a service with no resources. Prints a Markdown table
# for README. Not a test: ten publishes take half an hour or more on two cores, so this runs by hand, not in CI.
#
#   bash benchmarks/measure-size.sh            (all rows)
#   bash benchmarks/measure-size.sh trimmed    (trimmed publishes only; "native" for native AOT only)
#   bash benchmarks/measure-size.sh native 'PostgreSQL only'   (only the rows whose label matches)
set -euo pipefail
cd "$(dirname "$0")/.."

kinds=${1:-trimmed native}
only=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# label | project | MSBuild properties
rows=(
  "Sample, both engines (the default)|samples/NotesService|"
  "Sample, SQLite only|samples/NotesService|-p:SecureApiDatabaseEngines=Sqlite"
  "Sample, PostgreSQL only|samples/NotesService|-p:SecureApiDatabaseEngines=PostgreSql"
  "No resources, both engines (the default)|tests/SecureApi.MinimalService|"
  "No resources, no engine, no reference page|tests/SecureApi.MinimalService|-p:SecureApiDatabaseEngines=None -p:SecureApiOpenApiReferencePage=false"
)

# Bytes on disk of a publish folder, without debug symbols (.pdb, .dbg) and the files a build writes beside the app.
size() { du -sb --exclude='*.pdb' --exclude='*.dbg' --exclude='security-inventory.*' --exclude=openapi "$1" | cut -f1; }
mb() { printf '%.1f MB' "$(echo "$1 / 1000000" | bc -l)"; }

echo "| Service | Trimmed, self-contained | Native AOT | Left in the trimmed publish |"
echo "| --- | --- | --- | --- |"
for row in "${rows[@]}"; do
  IFS='|' read -r label project properties <<<"$row"
  [[ -z $only || $label == *"$only"* ]] || continue
  trimmed="-" native="-" left="-"
  # shellcheck disable=SC2086 # the properties are separate arguments
  if [[ $kinds == *trimmed* ]]; then
    rm -rf "$work/out" "$work/artifacts"
    # A fresh artifacts folder per row: the trimmer's incremental check does not track feature switches, so a publish
    # into an obj folder that another row already trimmed would reuse that row's output.
    dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true $properties --artifacts-path "$work/artifacts" -o "$work/out" -v q -nologo >/dev/null
    trimmed=$(mb "$(size "$work/out")")
    left=$(cd "$work/out" && ls Npgsql.dll Microsoft.Data.Sqlite.dll libe_sqlite3.so Scalar.AspNetCore.dll 2>/dev/null | paste -sd ' ' || true)
    left=${left:-none of Npgsql, Microsoft.Data.Sqlite, libe_sqlite3.so, Scalar}
  fi
  if [[ $kinds == *native* ]]; then
    rm -rf "$work/out" "$work/artifacts"
    # shellcheck disable=SC2086
    dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true $properties --artifacts-path "$work/artifacts" -o "$work/out" -v q -nologo >/dev/null
    native=$(mb "$(size "$work/out")")
  fi
  echo "| $label | $trimmed | $native | $left |"
done
echo
echo "Measured on $(date -u +%Y-%m-%d) with $(dotnet --version), linux-x64, without debug symbols."
