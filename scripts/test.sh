#!/usr/bin/env bash
# Runs every test: unit, integration (real Azurite, real HTTP through Kestrel), LocalHost end-to-end and deployment.
# Works on a fresh clone with only the .NET SDK, Node and npm: installs Azurite from npm when missing.
# The tests start their own in-memory Azurite on free ports, so nothing else needs to be running.
#
# The integration tests start as soon as they are built, while the rest of the solution (and, in a full run, the
# deployment package) builds beside them; then the deployment tests and the end-to-end tests start in two more lanes, and
# each lane that is done takes the next project left (LocalHost, unit). Each step prints its duration.
# Arguments are passed to every `dotnet test` (e.g. --filter "FullyQualifiedName~Booking").
set -euo pipefail
cd "$(dirname "$0")/.."

# No dynamic PGO in the test run's processes (test hosts, the handlers and LocalHosts they start, the builds): they live
# seconds to minutes, so the instrumented tier it adds is JIT work they never earn back. Measured on a clean clone: the
# suite's CPU 1,225 → 1,134 s, wall 656 → 627 s. It changes how code is optimised, not what it does.
export DOTNET_TieredPGO=0

started=$SECONDS
step() { printf '[%4ds] %s\n' "$((SECONDS - started))" "$*"; }

# An install that runs beside the build (npm ci here or in .ci/run, the browser in .ci/run) writes its exit code to a
# status file, its output beside it (.log); the first test that needs it waits for it, and a failed install stops the run
# with its log.
await_install() {
  local what=$1 status_file=$2
  [ -n "$status_file" ] || return 0
  if [ ! -f "$status_file" ]; then
    step "waiting for $what"
    while [ ! -f "$status_file" ]; do sleep 1; done
  fi
  if [ "$(cat "$status_file")" != 0 ]; then
    cat "${status_file%.status}.log"
    step "$what failed"
    return 1
  fi
  step "$what done"
}

# Azurite, Spectral and axe-core (npm ci) install beside the build, which does not need them: .ci/run starts the install
# itself and names its status file in NPM_INSTALL_STATUS; otherwise npm records what it installed in
# node_modules/.package-lock.json, and a lock file newer than that (a package added since) installs again.
npm_status=${NPM_INSTALL_STATUS:-}
if [ -z "$npm_status" ] && { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  step "installing Azurite, Spectral and axe-core (npm ci) beside the build"
  mkdir -p artifacts
  npm_status="$PWD/artifacts/npm-ci.status"
  rm -f "$npm_status"
  (status=0; npm ci --no-audit --no-fund >"${npm_status%.status}.log" 2>&1 || status=$?; echo "$status" >"$npm_status") &
fi

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

# A full run packages the app (scripts/package.sh, as the deployment tests' fixture would) beside the solution build:
# the build's project graph leaves a core idle much of the time, and the package has its own MSBuild artifacts folder.
# The fixture reads the zip, its log and its exit code from CITIZEN_SERVICES_TEST_PACKAGE (PackageFixture).
package_pid=""
if [ $# -eq 0 ]; then
  package=$(mktemp -d)/citizen-services.zip
  (set +e; bash scripts/package.sh --output "$package" --build-dir "$(dirname "$package")/build" --no-ready-to-run >"$package.log" 2>&1
   echo $? >"$package.exit") &
  package_pid=$!
fi

run_project() {
  local project=$1; shift
  local from=$SECONDS
  if dotnet test "tests/$project" --configuration Release --no-build --nologo \
      --logger "trx;LogFilePrefix=$project" --logger "console;verbosity=minimal" --results-directory "$results" "$@"; then
    step "$project finished in $((SECONDS - from)) s"
  else
    step "$project FAILED after $((SECONDS - from)) s"
    return 1
  fi
}

# Each project runs once, in whichever lane takes it first: a lane claims a project by creating its directory (atomic).
claims=$(mktemp -d)
trap 'rm -rf "$claims"' EXIT

lane() {
  # A lane runs the projects it claims one after another and reports failure if any failed, without stopping at the
  # first. After "--wait-for-build" it takes nothing more until the solution is built and the browser installed.
  local status=0 args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  for project in "$@"; do
    if [ "$project" = --wait-for-build ]; then
      while [ ! -e "$claims/.ready" ] && [ ! -e "$claims/.failed" ]; do sleep 1; done
      [ -e "$claims/.ready" ] || break
      continue
    fi
    mkdir "$claims/$project" 2>/dev/null || continue
    run_project "$project" "${args[@]}" || status=1
  done
  return "$status"
}

# Every test project (one that references the test SDK) runs. The integration tests, the longest, start first (below);
# once the solution is built, a second lane starts with the deployment tests (mostly a package publish and Bicep builds)
# and a third with the end-to-end tests (which wait on one host at a time more than they compute); then every lane,
# the first one included once its integration tests are done, takes the next project nobody has taken.
mapfile -t projects < <(grep -l 'Include="Microsoft.NET.Test.Sdk"' tests/*/*.csproj | xargs -n1 dirname | xargs -n1 basename)
rest=()
[[ " ${projects[*]} " == *" CitizenServices.EndToEndTests "* ]] && rest+=(CitizenServices.EndToEndTests)
for project in "${projects[@]}"; do
  [[ " CitizenServices.IntegrationTests CitizenServices.DeploymentTests ${rest[*]} " == *" $project "* ]] || rest+=("$project")
done
first_lane=(CitizenServices.IntegrationTests --wait-for-build "${rest[@]}" CitizenServices.DeploymentTests)
second_lane=(CitizenServices.DeploymentTests "${rest[@]}")
third_lane=("${rest[@]}" CitizenServices.DeploymentTests)

# The integration tests, the longest lane, start as soon as their project graph is built: the build is mostly one project
# after another on one core, so the rest of the solution builds beside them on the other. The second build finds
# everything the first built up to date and writes nothing the running tests load (checked: no assembly is rewritten).
status=0
pids=()
step "building the integration tests (Release)"
dotnet build tests/CitizenServices.IntegrationTests --configuration Release --nologo -v quiet -clp:ErrorsOnly
step "integration tests built"
if ! await_install "the npm install" "$npm_status"; then
  [ -z "$package_pid" ] || wait "$package_pid" || true
  exit 1
fi
lane "$@" -- "${first_lane[@]}" & pids+=($!)

step "building the solution (Release)"
if ! dotnet build CitizenServices.sln --configuration Release --nologo -v quiet -clp:ErrorsOnly; then
  step "the build failed; waiting for the integration tests already running"
  touch "$claims/.failed"
  wait
  exit 1
fi
step "built"
if [ -n "$package_pid" ]; then
  wait "$package_pid" || true
  step "package built beside it (exit $(cat "$package.exit"))"
  export CITIZEN_SERVICES_TEST_PACKAGE="$package"
fi

# A browser install started beside the build (.ci/run on a clean machine) must have ended before the browser tests start.
if ! await_install "the browser install" "${BROWSER_INSTALL_STATUS:-}"; then
  touch "$claims/.failed"
  wait
  exit 1
fi
touch "$claims/.ready"

lane "$@" -- "${second_lane[@]}" & pids+=($!)
lane "$@" -- "${third_lane[@]}" & pids+=($!)
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done

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
[ -z "$package_pid" ] || rm -rf "$(dirname "$package")"
step "all tests finished"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
