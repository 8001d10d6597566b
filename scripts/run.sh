#!/usr/bin/env bash
# Runs the whole service locally: Azurite (in memory), the register double (Folkeregisteret with the synthetic seed
# population, http://127.0.0.1:7075), the LocalHost stand-in for the Functions host on http://127.0.0.1:7071, and the
# custom handler it starts (http://127.0.0.1:7072), whose register follower fills the replica from the double within
# seconds. Each step is printed with its duration; if the service does not become healthy the script says why and exits
# non-zero. Ctrl+C stops everything. Works on a fresh clone with only the .NET SDK, Node and npm.
#
# The services' output goes to this terminal and to artifacts/run/*.log. Log levels: see README.md, "Troubleshooting".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
logs=$root/artifacts/run
health_timeout=${RUN_HEALTH_TIMEOUT:-180}
api=http://127.0.0.1:7071
handler_url=http://127.0.0.1:7072
register=http://127.0.0.1:7075

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'echo; echo "Stopping..."; exit 130' INT
trap 'exit 143' TERM

# --- output helpers ------------------------------------------------------------------------------------------------
clock() { # microseconds; second resolution where bash has no EPOCHREALTIME (bash 3 on macOS)
  if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/[.,]/}"; else echo "$(date +%s)000000"; fi
}
since() { # "0.4 s", "12 s", "3 min 05 s"
  local us=$(( $(clock) - $1 ))
  if [ "$us" -lt 10000000 ]; then printf '%d.%d s' $(( us / 1000000 )) $(( us % 1000000 / 100000 ))
  elif [ "$us" -lt 60000000 ]; then printf '%d s' $(( us / 1000000 ))
  else printf '%d min %02d s' $(( us / 60000000 )) $(( us / 1000000 % 60 )); fi
}
started=$(clock)
steps=7
step=0
begin() { step=$((step + 1)); step_started=$(clock); echo "[$step/$steps] $1"; }
done_step() { echo "      $1 ($(since "$step_started"))"; }
fail() { # reason, then optional log files whose last lines to show
  local reason=$1 file; shift
  echo >&2
  echo "run.sh: $reason" >&2
  for file in "$@"; do
    [ -s "$file" ] || continue
    echo "--- last lines of ${file#"$root"/} (stack frames left out) ---" >&2
    grep -v -E '^[[:space:]]*at |\[handler\][[:space:]]+at |--- End of' "$file" | tail -n 20 >&2
  done
  exit 1
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
owner() { # "pid 123: dotnet ...", or "another process" when the system does not say
  local pid=""
  if command -v ss >/dev/null 2>&1; then
    pid=$(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)
  elif command -v lsof >/dev/null 2>&1; then
    pid=$(lsof -nP -iTCP:"$1" -sTCP:LISTEN -t 2>/dev/null | head -n 1 || true)
  fi
  if [ -n "$pid" ]; then echo "pid $pid: $(ps -o args= -p "$pid" 2>/dev/null | cut -c1-110)"; else echo "another process"; fi
}

# Starts a service in the background with its output to artifacts/run/<name>.log and, unless --quiet, to this terminal.
start() {
  local quiet=""
  [ "$1" = --quiet ] && quiet=1 && shift
  local name=$1; shift
  if [ -n "$quiet" ]; then "$@" > "$logs/$name.log" 2>&1 & else "$@" > >(tee "$logs/$name.log") 2>&1 & fi
  pids+=($!)
  last_pid=$!
}

mkdir -p "$logs"
echo "Citizen Services: starting a local run (logs also in artifacts/run/)"

# --- 1. ports ------------------------------------------------------------------------------------------------------
begin "Checking ports 7071 (LocalHost), 7072 (handler), 7075 (register double), 10000-10002 (storage)"
for port in 7071 7072 7075; do
  if listening "$port"; then
    fail "port $port is already in use ($(owner "$port")). Is another scripts/run.sh still running? Stop it (Ctrl+C in its terminal, or kill the pid) and run again."
  fi
done
storage_ports=0
for port in 10000 10001 10002; do listening "$port" && storage_ports=$((storage_ports + 1)); done
if [ "$storage_ports" -eq 1 ] || [ "$storage_ports" -eq 2 ]; then
  for port in 10000 10001 10002; do listening "$port" && taken=$port && break; done
  fail "port $taken is in use ($(owner "$taken")) but not all of 10000-10002 are: that is not a storage emulator this script can use. Stop it and run again."
fi
if [ "$storage_ports" -eq 3 ] && ! curl -sS -m 5 -D - -o /dev/null "http://127.0.0.1:10000/devstoreaccount1?comp=list" 2>/dev/null | grep -qi '^server: azurite'; then
  fail "ports 10000-10002 are in use ($(owner 10000)), but not by Azurite. Stop that process and run again."
fi
done_step "free"

# --- 2 and 3. Azurite and the build, side by side: on a fresh clone they are most of the start-up time ----------------
begin "Installing Azurite (npm ci), in the background while building"
npm_pid=""
if [ -f node_modules/azurite/dist/src/azurite.js ]; then
  done_step "already installed"
else
  # Its own duration is noted when it ends, since the build decides when this script looks again.
  ( npm ci --no-audit --no-fund --loglevel=error > "$logs/npm.log" 2>&1; status=$?
    since "$step_started" > "$logs/npm.took"; exit $status ) &
  npm_pid=$!
fi

begin "Building the handler, the LocalHost, the register double and the token tool (a fresh clone's first build takes a few minutes)"
# Each project is named as it is built, so a long first build shows progress; warnings and errors are shown as they are.
if ! dotnet build CitizenServices.Run.slnf --configuration Debug --nologo -tl:off -v minimal -clp:NoSummary 2>&1 \
  | while IFS= read -r line; do
      project=${line%% -> *}
      case "$line" in
        *" -> "*) echo "      built ${project#"${project%%[![:space:]]*}"}" ;;
        *"projects to restore"* | *"up-to-date for restore"* | *"Build succeeded"* | *" 0 Warning(s)"* | *" 0 Error(s)"* \
          | *"Time Elapsed"* | "") ;;
        *) echo "      $line" ;;
      esac
    done; then
  fail "the build failed (the errors are above)."
fi
done_step "built"

if [ -n "$npm_pid" ]; then
  if ! wait "$npm_pid"; then fail "npm ci failed." "$logs/npm.log"; fi
  echo "      Azurite installed ($(cat "$logs/npm.took"), alongside the build)"
fi

# --- 4. storage ----------------------------------------------------------------------------------------------------
begin "Starting storage (Azurite in memory, 127.0.0.1:10000-10002)"
if [ "$storage_ports" -eq 3 ]; then
  done_step "using the Azurite already running ($(owner 10000)); it keeps what earlier runs stored, stop it for a clean start"
else
  start --quiet azurite node node_modules/azurite/dist/src/azurite.js --inMemoryPersistence --disableTelemetry --skipApiVersionCheck \
    --loose --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
  for _ in $(seq 1 150); do listening 10002 && break; kill -0 "$last_pid" 2>/dev/null || break; sleep 0.2; done
  listening 10000 && listening 10001 && listening 10002 || fail "Azurite did not start." "$logs/azurite.log"
  done_step "ready"
fi

# --- 5. the population register ------------------------------------------------------------------------------------
# The double serves the seed people as Folkeregisteret does; the handler's real client and follower read it
# (docs/population-register.md). Add events with its control API, e.g. a move:
#   curl -X POST http://127.0.0.1:7075/testdouble/persons/14838510036/move -H 'Content-Type: application/json' \
#     -d '{"municipality":"0301","addressCode":"2001","streetName":"Ny gate","houseNumber":1,"unit":"H0101"}'
begin "Starting the register double (Folkeregisteret with the seed population, $register)"
start register-double dotnet "$root/functions/CitizenServices.FolkeregisterDouble/bin/Debug/net10.0/CitizenServices.FolkeregisterDouble.dll" \
  --urls "$register" --Logging:LogLevel:Default=Warning
register_pid=$last_pid
for _ in $(seq 1 300); do
  curl -fsS -m 2 -o /dev/null "$register/testdouble/sequence" 2>/dev/null && break
  kill -0 "$register_pid" 2>/dev/null || fail "the register double stopped while starting." "$logs/register-double.log"
  sleep 0.2
done
events=$(curl -fsS -m 2 "$register/testdouble/sequence" 2>/dev/null) || fail "the register double did not answer within 60 s." "$logs/register-double.log"
done_step "ready, feed at $events"

# --- 6. the host and the handler -----------------------------------------------------------------------------------
export PopulationRegister__Folkeregisteret__BaseAddress="$register/folkeregisteret/offentlig-med-hjemmel/api/v1/"
export PopulationRegister__Folkeregisteret__Maskinporten__ClientId="citizen-services-local"
export PopulationRegister__Folkeregisteret__Maskinporten__JwkFile="$root/functions/dev/maskinporten-development-client.jwk.json"
export PopulationRegister__Folkeregisteret__Maskinporten__TokenEndpoint="$register/token"
# A feed position of its own per run: the double's feed starts again at 1 each time, and an Azurite kept from an earlier
# run would otherwise hold a position past it, so the replica would never hear of today's register.
export PopulationRegister__Folkeregisteret__FeedName="local-$(date +%Y%m%d%H%M%S)"

export ASPNETCORE_ENVIRONMENT=Development
export DOTNET_ENVIRONMENT=Development
export AzureWebJobsStorage="UseDevelopmentStorage=true"
export Storage__ConnectionString="UseDevelopmentStorage=true"
# The outbox sweep's timer (functions/definitions/OutboxSweep), as deployed: once a minute.
export OutboxSweepSchedule="0 * * * * *"
# The register follower's timer (functions/definitions/RegisterFeed), as deployed: every 10 seconds.
export RegisterFeedSchedule="*/10 * * * * *"

handler="$root/functions/CitizenServices.Functions/bin/Debug/net10.0/CitizenServices.Functions.dll"
begin "Starting the host (LocalHost on $api) and the handler it starts ($handler_url)"
start localhost dotnet "$root/functions/CitizenServices.LocalHost/bin/Debug/net10.0/CitizenServices.LocalHost.dll" \
  --script-root "$root" --functions-root "$root/functions/definitions" \
  --handler "dotnet $handler --urls http://127.0.0.1:%FUNCTIONS_CUSTOMHANDLER_PORT%" \
  --handler-port 7072 --urls "$api"
host_pid=$last_pid
deadline=$(( $(date +%s) + health_timeout ))
until curl -sS -m 2 -o /dev/null "$api/" 2>/dev/null; do
  kill -0 "$host_pid" 2>/dev/null || fail "the LocalHost stopped while starting (the handler's last words are in its log)." "$logs/localhost.log"
  [ "$(date +%s)" -lt "$deadline" ] || fail "the LocalHost did not answer on $api within $health_timeout s." "$logs/localhost.log"
  sleep 0.3
done
done_step "answering"

# --- 7. health -----------------------------------------------------------------------------------------------------
begin "Waiting for health ($api/api/v1/health) and for the replica to be filled from the register"
health=""
until health=$(curl -fsS -m 5 "$api/api/v1/health" 2>/dev/null); do
  kill -0 "$host_pid" 2>/dev/null || fail "the LocalHost stopped before the service became healthy." "$logs/localhost.log"
  if [ "$(date +%s)" -ge "$deadline" ]; then
    answer=$(curl -sS -m 5 -w ' (HTTP %{http_code})' "$api/api/v1/health" 2>&1 || true)
    fail "the service did not become healthy within $health_timeout s (RUN_HEALTH_TIMEOUT). The health check answered: $answer" \
      "$logs/localhost.log"
  fi
  sleep 0.5
done
# The follower runs every 10 s and logs what it applied; until its first run, citizen calls see nobody.
replica="not reported yet: citizen calls may answer 403 until the register feed has run (every 10 s)"
for _ in $(seq 1 60); do
  if grep -q "Register feed: .*(caught up)" "$logs/localhost.log" 2>/dev/null; then
    replica="filled: $(grep -o 'Register feed: [0-9]* events' "$logs/localhost.log" | tail -n 1 | cut -d' ' -f3) register events applied"
    break
  fi
  kill -0 "$host_pid" 2>/dev/null || break
  sleep 0.5
done
done_step "healthy; replica $replica"

cat <<EOF

Citizen Services is running (started in $(since "$started")).
  API           $api/api/v1/...  (through the LocalHost, as in Azure; the handler itself: $handler_url)
  Admin web     $api/api/admin/  (municipal staff: nettlege pilot, foster care, slots; development sign-in: docs/admin-web.md)
  API reference $handler_url/scalar/v1  (OpenAPI document: $handler_url/openapi/v1.json)
  Register      $register  (the double's control API adds births, moves, deaths: docs/population-register.md)
  Logs          this terminal, and artifacts/run/*.log

Try (the seeded people are listed in docs/population-register.md):
  curl $api/api/v1/health
  TOKEN=\$(./scripts/dev-token.sh citizen 14838510036 high)       # Kari Hansen, mother of Emma and Noah
  curl -H "Authorization: Bearer \$TOKEN" $api/api/v1/persons/me/represented
  curl -H "Authorization: Bearer \$TOKEN" $api/api/v1/persons/05861950001/representatives
  ./scripts/dev-token.sh workforce Nettlege.Administer 0301       # a municipality administrator in Oslo

Stop: Ctrl+C (stops the LocalHost, the handler, the register double and Azurite).
EOF

wait "$host_pid" || status=$?
fail "the LocalHost stopped (exit ${status:-0})." "$logs/localhost.log"
