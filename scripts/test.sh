#!/usr/bin/env bash
# Runs every test: unit, integration (real Azurite, real HTTP through Kestrel) and LocalHost end-to-end.
# Works on a fresh clone with only the .NET SDK, Node and npm: installs Azurite from npm when missing.
# The tests start their own in-memory Azurite on free ports, so nothing else needs to be running.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  npm ci --no-audit --no-fund
fi

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test CitizenServices.sln --configuration Release \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?

# One plain closing line over all test projects, as CI reads it.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
