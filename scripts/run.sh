#!/usr/bin/env bash
# Runs the whole service locally: Azurite (in memory), the LocalHost stand-in for the Functions host on
# http://127.0.0.1:7071, and the custom handler it starts, with the committed synthetic seed data.
# Ctrl+C stops everything. Works on a fresh clone with only the .NET SDK, Node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Installing Azurite and building run side by side: on a fresh clone they are most of the start-up time.
npm_pid=""
if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  npm ci --no-audit --no-fund --loglevel=error &
  npm_pid=$!
fi
dotnet build CitizenServices.Run.slnf --configuration Debug --nologo -v quiet
[ -z "$npm_pid" ] || wait "$npm_pid"

if listening 10002; then
  echo "Using the storage emulator already listening on 127.0.0.1:10000-10002."
else
  node node_modules/azurite/dist/src/azurite.js --inMemoryPersistence --disableTelemetry --skipApiVersionCheck \
    --loose --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  pids+=($!)
  for _ in $(seq 1 100); do listening 10002 && break; sleep 0.2; done
  listening 10002 || { echo "Azurite did not start" >&2; exit 1; }
fi

handler="$root/functions/CitizenServices.Functions/bin/Debug/net10.0/CitizenServices.Functions.dll"

export ASPNETCORE_ENVIRONMENT=Development
export DOTNET_ENVIRONMENT=Development
export AzureWebJobsStorage="UseDevelopmentStorage=true"
export Storage__ConnectionString="UseDevelopmentStorage=true"
# The outbox sweep's timer (functions/definitions/OutboxSweep), as deployed: once a minute.
export OutboxSweepSchedule="0 * * * * *"

dotnet "$root/functions/CitizenServices.LocalHost/bin/Debug/net10.0/CitizenServices.LocalHost.dll" \
  --script-root "$root" --functions-root "$root/functions/definitions" \
  --handler "dotnet $handler --urls http://127.0.0.1:%FUNCTIONS_CUSTOMHANDLER_PORT%" \
  --handler-port 7072 --urls "http://127.0.0.1:7071" &
pids+=($!)

for _ in $(seq 1 300); do
  if curl -fsS http://127.0.0.1:7071/api/v1/health >/dev/null 2>&1; then break; fi
  sleep 0.3
done
echo
echo "Citizen Services is running at http://127.0.0.1:7071  (health: http://127.0.0.1:7071/api/v1/health)"
echo "API reference (OpenAPI, served by the handler in Development): http://127.0.0.1:7072/openapi/v1.json"
echo "Press Ctrl+C to stop."
wait "${pids[-1]}"
