#!/usr/bin/env bash
# Regenerates contracts/openapi.json from the running app (Development environment), for a deliberate API change.
# Review the diff, bump OpenApiSetup.ContractVersion when the change is visible to clients, and add a line to
# contracts/CHANGELOG.md. Without this, OpenApiContractTests fails on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  npm ci --no-audit --no-fund
fi

UPDATE_CONTRACTS=1 dotnet test tests/CitizenServices.IntegrationTests --configuration Release \
  --filter "FullyQualifiedName~OpenApiContractTests.RunningDocument_EqualsTheCommittedContract"
git --no-pager diff --stat -- contracts/openapi.json || true
