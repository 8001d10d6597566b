#!/usr/bin/env bash
# Runs the whole service locally: Azurite (in memory), the register double (Folkeregisteret with the synthetic seed
# population, http://127.0.0.1:7075), the LocalHost stand-in for the Functions host on http://127.0.0.1:7071, and the
# custom handler it starts, whose register follower fills the replica from the double within seconds.
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

# The population register: the double serves the seed people as Folkeregisteret does; the handler's real client and
# follower read it (docs/population-register.md). Add events with its control API, e.g. a move:
#   curl -X POST http://127.0.0.1:7075/testdouble/persons/14838510036/move -H 'Content-Type: application/json' \
#     -d '{"municipality":"0301","addressCode":"2001","streetName":"Ny gate","houseNumber":1,"unit":"H0101"}'
register=http://127.0.0.1:7075
dotnet "$root/functions/CitizenServices.FolkeregisterDouble/bin/Debug/net10.0/CitizenServices.FolkeregisterDouble.dll" --urls "$register" &
pids+=($!)
export PopulationRegister__Folkeregisteret__BaseAddress="$register/folkeregisteret/offentlig-med-hjemmel/api/v1/"
export PopulationRegister__Folkeregisteret__Maskinporten__ClientId="citizen-services-local"
export PopulationRegister__Folkeregisteret__Maskinporten__JwkFile="$root/functions/dev/maskinporten-development-client.jwk.json"
export PopulationRegister__Folkeregisteret__Maskinporten__TokenEndpoint="$register/token"

export ASPNETCORE_ENVIRONMENT=Development
export DOTNET_ENVIRONMENT=Development
export AzureWebJobsStorage="UseDevelopmentStorage=true"
export Storage__ConnectionString="UseDevelopmentStorage=true"
# The outbox sweep's timer (functions/definitions/OutboxSweep), as deployed: once a minute.
export OutboxSweepSchedule="0 * * * * *"
# The register follower's timer (functions/definitions/RegisterFeed), as deployed: every 10 seconds.
export RegisterFeedSchedule="*/10 * * * * *"

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
