#!/usr/bin/env bash
# Prints a bearer token signed with the development key, for calling a local run (scripts/run.sh).
#   scripts/dev-token.sh citizen 14838510036 high        # a citizen at assurance level high (or substantial)
#   scripts/dev-token.sh workforce CareRelations.Manage 0301   # a caseworker in Oslo (roles comma-separated)
#   scripts/dev-token.sh sector 310000019 consents.read  # a hospital's HelseID token; then "dpop GET <url> <token>"
# Run without arguments for the full usage. Citizen tokens live an hour, as ID-porten's do.
set -euo pipefail
cd "$(dirname "$0")/.."
project=functions/CitizenServices.DevTokens
dll=$project/bin/Debug/net10.0/CitizenServices.DevTokens.dll

# Build only when the program is missing or older than anything it is built from (its sources, the committed keys it
# copies, the repository-wide build settings): after the first build a token costs one process start, not a build.
stale() {
  [ ! -f "$dll" ] && return 0
  [ -n "$(find "$project" functions/dev Directory.Build.props Directory.Packages.props global.json \
    -newer "$dll" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]
}
if stale; then
  echo "Building the token tool (first use, or its sources changed)..." >&2
  dotnet build "$project" --nologo -v quiet -clp:ErrorsOnly >&2
  # An up-to-date build does not rewrite the dll; mark it fresh so the next call does not build again.
  touch "$dll"
fi
exec dotnet "$dll" "$@"
