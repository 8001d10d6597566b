#!/usr/bin/env bash
# Prints a bearer token signed with the development key, for calling a local run (scripts/run.sh).
#   scripts/dev-token.sh citizen 14838510036 high        # a citizen at assurance level high (or substantial)
#   scripts/dev-token.sh workforce CareRelations.Manage 0301   # a caseworker in Oslo (roles comma-separated)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build functions/CitizenServices.DevTokens --nologo -v quiet >/dev/null
exec dotnet functions/CitizenServices.DevTokens/bin/Debug/net10.0/CitizenServices.DevTokens.dll "$@"
