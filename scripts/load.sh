#!/usr/bin/env bash
# Load test on loopback with wrk: the handler behind the LocalHost (the Functions host stand-in) on an in-memory Azurite,
# against a baseline app that does the same storage read without our pipeline, and one that does nothing.
# One command from a fresh clone (needs the .NET SDK, Node/npm, and apt-get for wrk). Prints one table; see
# docs/performance.md for the method and the figures.
#
# Usage: scripts/load.sh [--seconds N] [--connections N] [--slots N] [--attempts N] [--burst N] [--burst-concurrency N]
#   --seconds      duration of each read scenario (default 10, at most 60)
#   --connections  connections held open by wrk (default 16, at most 256)
#   --slots        slots of the booking-rush schedule (default 600, at most 2000)
#   --attempts     booking attempts, each a distinct citizen; attempt i books slot i mod slots (default 1200, at most 4000)
#   --burst        requests of the health-under-burst step, every 5th a health check (default 2000, at most 20000)
#   --burst-concurrency  requests in flight during the burst (default 200, at most 500)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=10; connections=16; slots=600; attempts=1200; burst_requests=2000; burst_concurrency=200
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --slots) slots=$2; shift 2 ;;
    --attempts) attempts=$2; shift 2 ;;
    --burst) burst_requests=$2; shift 2 ;;
    --burst-concurrency) burst_concurrency=$2; shift 2 ;;
    *) echo "Unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ "$seconds" -ge 1 ] && [ "$seconds" -le 60 ] || { echo "--seconds must be 1-60" >&2; exit 2; }
[ "$connections" -ge 1 ] && [ "$connections" -le 256 ] || { echo "--connections must be 1-256" >&2; exit 2; }
[ "$slots" -ge 1 ] && [ "$slots" -le 2000 ] || { echo "--slots must be 1-2000" >&2; exit 2; }
[ "$attempts" -ge 1 ] && [ "$attempts" -le 4000 ] || { echo "--attempts must be 1-4000" >&2; exit 2; }
[ "$burst_requests" -ge 1 ] && [ "$burst_requests" -le 20000 ] || { echo "--burst must be 1-20000" >&2; exit 2; }
[ "$burst_concurrency" -ge 1 ] && [ "$burst_concurrency" -le 500 ] || { echo "--burst-concurrency must be 1-500" >&2; exit 2; }
threads=2

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)" >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq wrk >/dev/null
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
. "$root/scripts/load/azurite.sh"
wait_for() { for _ in $(seq 1 300); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.3; done; echo "Not up: $1" >&2; exit 1; }

[ -f node_modules/azurite/dist/src/azurite.js ] || npm ci --no-audit --no-fund --loglevel=error
echo "Building (Release)" >&2
dotnet build CitizenServices.Run.slnf -c Release --nologo -v quiet >/dev/null
dotnet build tests/CitizenServices.LoadBaseline -c Release --nologo -v quiet >/dev/null
dotnet build tests/CitizenServices.Benchmarks -c Release --nologo -v quiet >/dev/null

start_azurite

# The register double with the seed population, followed into the replica by the handler's own follower, as in
# scripts/run.sh: without it the replica is empty and a parent's read of a child is a 403, not the path measured.
register="http://127.0.0.1:$(free_port)"
dotnet "$root/functions/CitizenServices.FolkeregisterDouble/bin/Release/net10.0/CitizenServices.FolkeregisterDouble.dll" \
  --urls "$register" --Logging:LogLevel:Default=Warning >/dev/null &
pids+=($!)
wait_for "$register/testdouble/sequence"
export PopulationRegister__Folkeregisteret__BaseAddress="$register/folkeregisteret/offentlig-med-hjemmel/api/v1/"
export PopulationRegister__Folkeregisteret__Maskinporten__ClientId="citizen-services-local"
export PopulationRegister__Folkeregisteret__Maskinporten__JwkFile="$root/functions/dev/maskinporten-development-client.jwk.json"
export PopulationRegister__Folkeregisteret__Maskinporten__TokenEndpoint="$register/token"

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export Storage__ConnectionString="$storage" AzureWebJobsStorage="$storage"
export Logging__LogLevel__Default=Warning Booking__MaxFutureAppointments=1000
# The timers' schedules function.json refers to (the host refuses to index the app without them), as deployed.
export OutboxSweepSchedule="0 * * * * *" RegisterFeedSchedule="*/10 * * * * *"
localhost_dll="$root/functions/CitizenServices.LocalHost/bin/Release/net10.0/CitizenServices.LocalHost.dll"

# The product: LocalHost -> handler. The baseline: the same LocalHost -> baseline app (its own two function.json files).
start_host() { # <listen port> <handler port> <functions root> <handler dll>
  dotnet "$localhost_dll" --script-root "$root" --functions-root "$3" --storage "$storage" \
    --handler "dotnet $4 --urls http://127.0.0.1:%FUNCTIONS_CUSTOMHANDLER_PORT%" --handler-port "$2" --urls "http://127.0.0.1:$1" \
    >/dev/null &
  pids+=($!)
}
app=$(free_port); app_handler=$(free_port); base=$(free_port); base_handler=$(free_port)
start_host "$app" "$app_handler" "$root/functions/definitions" "$root/functions/CitizenServices.Functions/bin/Release/net10.0/CitizenServices.Functions.dll"
start_host "$base" "$base_handler" "$root/tests/CitizenServices.LoadBaseline/definitions" "$root/tests/CitizenServices.LoadBaseline/bin/Release/net10.0/CitizenServices.LoadBaseline.dll"
wait_for "http://127.0.0.1:$app/api/v1/health"
wait_for "http://127.0.0.1:$base/api/v1/baseline/read"

data=$(mktemp -d); trap 'cleanup; rm -rf "$data"' EXIT
bench="$root/tests/CitizenServices.Benchmarks/bin/Release/net10.0/CitizenServices.Benchmarks.dll"
schedule="load-$(date +%s)"
dotnet "$bench" load-prepare "http://127.0.0.1:$app" "$data" "$schedule" "$slots" "$attempts" >&2

export LOAD_DIR="$root/scripts/load" LOAD_DATA="$data" LOAD_THREADS=$threads
results="$data/results.txt"; : >"$results"
run() { # <name> <url> [token file] [script]
  local name=$1 url=$2 token=${3:-} script=${4:-get.lua} out
  local cpu_before; cpu_before=$(azurite_cpu)
  out=$(LOAD_TOKEN_FILE=$token wrk -t$threads -c"$connections" -d"${seconds}s" --timeout 10s -s "$LOAD_DIR/$script" "$url" 2>&1) \
    || { echo "$out" >&2; exit 1; }
  local result booking load storage_cpu
  storage_cpu=$(python3 -c "print(round($(azurite_cpu) - $cpu_before, 2))")
  result=$(grep '^RESULT' <<<"$out" | cut -d' ' -f2-)
  booking=$(grep -h '^BOOKING\|^FAILURES' <<<"$out" | sed 's/^FAILURES /failures=/; s/^BOOKING //' | tr '\n' ' ' || true)
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "name=$name $result load=$load azurite_cpu=$storage_cpu $booking" >>"$results"
  echo "  $name: $result $booking (load $load, Azurite CPU ${storage_cpu} s)" >&2
}

# The follower polls every 10 s: wait until the replica lets the seed mother read her under-12 daughter.
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null -H "Authorization: Bearer $(cat "$data/kari.token")" \
    "http://127.0.0.1:$app/api/v1/persons/05861950001/representatives" 2>/dev/null && break
  sleep 1
done
curl -fsS -o /dev/null -H "Authorization: Bearer $(cat "$data/kari.token")" \
  "http://127.0.0.1:$app/api/v1/persons/05861950001/representatives" || { echo "The replica was not filled from the register double within 60 s." >&2; exit 1; }

echo "Warm-up" >&2
LOAD_TOKEN_FILE="$data/kari.token" wrk -t1 -c4 -d3s -s "$LOAD_DIR/get.lua" "http://127.0.0.1:$app/api/v1/persons/05861950001/representatives" >/dev/null
LOAD_TOKEN_FILE="$data/kari.token" wrk -t1 -c4 -d3s -s "$LOAD_DIR/get.lua" "http://127.0.0.1:$app/api/v1/persons/me/represented" >/dev/null
wrk -t1 -c4 -d3s -s "$LOAD_DIR/get.lua" "http://127.0.0.1:$base/api/v1/baseline/read" >/dev/null

echo "Scenarios (${seconds}s each, $connections connections, $threads threads)" >&2
run "nothing, bare app direct" "http://127.0.0.1:$base_handler/api/v1/baseline/noop"
run "nothing, bare app via LocalHost" "http://127.0.0.1:$base/api/v1/baseline/noop"
run "one table read, bare app direct" "http://127.0.0.1:$base_handler/api/v1/baseline/read"
run "one table read, bare app via LocalHost" "http://127.0.0.1:$base/api/v1/baseline/read"
run "health, handler via LocalHost" "http://127.0.0.1:$app/api/v1/health"
run "represented (me), handler direct" "http://127.0.0.1:$app_handler/api/v1/persons/me/represented" "$data/kari.token"
run "represented (me), handler via LocalHost" "http://127.0.0.1:$app/api/v1/persons/me/represented" "$data/kari.token"
run "parent reads child's representatives, direct" "http://127.0.0.1:$app_handler/api/v1/persons/05861950001/representatives" "$data/kari.token"
run "parent reads child's representatives, via LocalHost" "http://127.0.0.1:$app/api/v1/persons/05861950001/representatives" "$data/kari.token"
# The rush is bounded by count (each attempt once) and by time (at most 60 s).
seconds_saved=$seconds; seconds=60
run "booking rush, one schedule, via LocalHost" "http://127.0.0.1:$app" "" book.lua
seconds=$seconds_saved
check=$(dotnet "$bench" load-check "$storage" "$schedule") || { echo "$check"; echo "DOUBLE BOOKING FOUND" >&2; exit 1; }

# Health under a burst: 2,000 requests, 200 at a time, every 5th a health check (live, ready, and the original route),
# the rest real reads through the LocalHost. Every answer is counted; any health 5xx fails the run.
echo "Health under a burst (${burst_requests} requests, ${burst_concurrency} concurrent)" >&2
burst_status=0
burst=$(dotnet "$bench" load-burst "http://127.0.0.1:$app" "$data/kari.token" "$burst_requests" "$burst_concurrency" 5) || burst_status=$?

echo
echo "Load test $(date -u +'%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB, wrk -t$threads -c$connections"
python3 - "$results" <<'PY'
import sys
rows = []
for line in open(sys.argv[1]):
    name, rest = line.split(" requests=", 1)
    fields = dict(kv.split("=", 1) for kv in ("requests=" + rest).split())
    rows.append((name[len("name="):], fields))
by = {name: f for name, f in rows}
read_direct = by["one table read, bare app direct"]; read_host = by["one table read, bare app via LocalHost"]
noop_direct = by["nothing, bare app direct"]; noop_host = by["nothing, bare app via LocalHost"]
def base(name):
    direct = "direct" in name
    return (read_direct if direct else read_host), (noop_direct if direct else noop_host)
print(f"| {'scenario':<52} | {'requests':>8} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'non-2xx':>7} | {'p50 / read':>10} | {'req/s read / this':>17} | {'p50 / nothing':>13} | {'Azurite busy':>12} | {'Azurite CPU ms / req':>20} | load |")
print(f"|{'-'*54}|{'-'*9}:|{'-'*8}:|{'-'*8}:|{'-'*8}:|{'-'*8}:|{'-'*11}:|{'-'*18}:|{'-'*14}:|{'-'*13}:|{'-'*21}:|------|")
for name, f in rows:
    read, noop = base(name)
    rps, p50 = float(f["rps"]), float(f["p50"])
    extra = ""
    # Azurite's share of one core over the scenario, and its CPU per request (per booking made, in the rush): the rush's
    # wall is its own first-request-to-last-response, the read scenarios' is wrk's duration.
    cpu, wall, served = float(f["azurite_cpu"]), float(f["seconds"]), float(f["requests"])
    if "created" in f:
        wall, served = float(f["wall"]), float(f["created"])
        rps = float(f["created"]) / float(f["wall"])
        extra = f" (201 {f['created']}, 409 {f['conflict']}, other {f['other']} in {float(f['wall']):.1f} s; bookings/s)"
    elif f.get("failures"):
        extra = f" (non-2xx {f['failures']})"
    print(f"| {name + extra:<52} | {f['requests']:>8} | {rps:>7.1f} | {p50:>7.2f} | {float(f['p99']):>7.2f} | {f['non2xx']:>7} | "
          f"{p50 / float(read['p50']):>10.2f} | {float(read['rps']) / rps:>17.2f} | {p50 / float(noop['p50']):>13.2f} | {cpu / wall:>12.0%} | {cpu * 1000 / served:>20.2f} | {f['load']} |")
PY
echo "$check"
echo
echo "$burst"
[ "$burst_status" -eq 0 ] || { echo "HEALTH ANSWERED 5xx (or a request got no answer) UNDER THE BURST" >&2; exit 1; }
