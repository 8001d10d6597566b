#!/usr/bin/env bash
# Cold start: time from process start to the first 200, for the handler and for a bare ASP.NET Core app
# (tests/CitizenServices.LoadBaseline) published the same way (Release, self-contained linux-x64, with and without
# ReadyToRun, as scripts/package.sh publishes the handler). Two figures per process: the first 200 on its cheapest
# GET (the handler's /api/v1/health, the bare app's /) and the first 200 on a real API call (the handler's
# /api/v1/persons/me/represented with a development token, the bare app's one table read).
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
  curl -fsS -o /dev/null ${4:+-H "Authorization: Bearer $4"} "http://127.0.0.1:$port$3"
  api=$(ms "$started")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$first $api"
}

echo
echo "Cold start $(date -u +'%Y-%m-%d %H:%M UTC'), $(nproc) cores, $runs runs each, median ms (load average at the start of each row)"
echo "| app | ReadyToRun | first 200 (cheapest GET) | first 200 (real API call) | load |"
echo "|---|---|---:|---:|---|"
for r2r in true false; do
  for app in "CitizenServices.Functions /api/v1/health /api/v1/persons/me/represented $token" "CitizenServices.LoadBaseline / /api/v1/baseline/read"; do
    set -- $app
    load=$(cut -d' ' -f1 /proc/loadavg)
    firsts=(); apis=()
    measure "$out/$1-r2r-$r2r/$1" "$2" "$3" "${4:-}" >/dev/null   # the first run warms the file cache, not reported
    for _ in $(seq 1 "$runs"); do read -r f a < <(measure "$out/$1-r2r-$r2r/$1" "$2" "$3" "${4:-}"); firsts+=("$f"); apis+=("$a"); done
    median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    echo "| $1 | $r2r | $(median "${firsts[@]}") | $(median "${apis[@]}") | $load |"
  done
done
