#!/usr/bin/env bash
# Cold start: time from process start to the first 200, for the handler and for a bare ASP.NET Core app
# (tests/CitizenServices.LoadBaseline) published the same way (Release, self-contained linux-x64, with and without
# ReadyToRun, as scripts/package.sh publishes the handler). Two figures per process: the first 200 on GET / (the
# readiness probe the Functions host polls; the bare app's / does nothing either) and the first 200 on a real API call
# (the handler's /api/v1/persons/me/represented with a development token, the bare app's one table read).
# The handler runs twice per round: as deployed (Storage:CreateResourcesAtStartup false, as in appsettings.json: infra/
# creates the resources) and as run locally (true: the storage bootstrapper checks every resource before listening).
# The apps take turns within each round, so a change in the machine's load affects them alike.
# Usage: scripts/cold-start.sh [--runs N]   (default 3, at most 10)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=3
[ "${1:-}" != "--runs" ] || runs=$2
[ "$runs" -ge 1 ] && [ "$runs" -le 10 ] || { echo "--runs must be 1-10" >&2; exit 2; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
. "$root/scripts/load/azurite.sh"

[ -f node_modules/azurite/dist/src/azurite.js ] || npm ci --no-audit --no-fund --loglevel=error
out=artifacts/cold-start
for r2r in true false; do
  for project in functions/CitizenServices.Functions/CitizenServices.Functions.csproj tests/CitizenServices.LoadBaseline/CitizenServices.LoadBaseline.csproj; do
    name=$(basename "$project" .csproj)
    echo "Publishing $name (ReadyToRun $r2r)" >&2
    dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=$r2r \
      --artifacts-path "$out/build-$r2r" -o "$out/$name-r2r-$r2r" --nologo -v quiet >/dev/null
  done
done
dotnet build functions/CitizenServices.DevTokens -c Release --nologo -v quiet >/dev/null
token=$(dotnet functions/CitizenServices.DevTokens/bin/Release/net10.0/CitizenServices.DevTokens.dll citizen 14838510036)

start_azurite
export Storage__ConnectionString="$storage" ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
measure() { # <executable> <first path> <api path> [token] -> "first api"
  local port started first api status
  port=$(free_port)
  started=$(date +%s%N)
  "$1" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 3000); do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$2" || true)
    [ "$status" = 200 ] && break; sleep 0.01
  done
  first=$(ms "$started")
  # A failed call must not leave the app running: measure runs in a subshell the exit trap does not see.
  curl -fsS -o /dev/null ${4:+-H "Authorization: Bearer $4"} "http://127.0.0.1:$port$3" || { kill "$pid"; exit 1; }
  api=$(ms "$started")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$first $api"
}

echo
echo "Cold start $(date -u +'%Y-%m-%d %H:%M UTC'), $(nproc) cores, $runs runs each, median ms, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "| app | ReadyToRun | first 200 (GET /) | first 200 (real API call) | ÷ bare app (GET /) |"
echo "|---|---|---:|---:|---:|"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
handler=CitizenServices.Functions; bare=CitizenServices.LoadBaseline
for r2r in true false; do
  declare -A firsts=() apis=()
  run() { # <label> <app> <api path> [token], with the environment given by the caller
    local f a
    read -r f a < <(measure "$out/$2-r2r-$r2r/$2" / "$3" "${4:-}")
    firsts[$1]+="$f "; apis[$1]+="$a "
  }
  # The first round warms the file cache (and creates the storage resources), not reported.
  for round in $(seq 0 "$runs"); do
    Storage__CreateResourcesAtStartup=true run local $handler /api/v1/persons/me/represented "$token"
    Storage__CreateResourcesAtStartup=false run deployed $handler /api/v1/persons/me/represented "$token"
    run bare $bare /api/v1/baseline/read
    if [ "$round" = 0 ]; then firsts=(); apis=(); fi
  done
  # shellcheck disable=SC2086
  base=$(median ${firsts[bare]})
  for label in deployed local bare; do
    case $label in deployed) name="handler, as deployed";; local) name="handler, storage bootstrap on (local)";; bare) name="bare app";; esac
    # shellcheck disable=SC2086
    f=$(median ${firsts[$label]}); a=$(median ${apis[$label]})
    echo "| $name | $r2r | $f | $a | $(awk -v f="$f" -v b="$base" 'BEGIN {printf "%.2f", f / b}') |"
  done
  unset firsts apis
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
