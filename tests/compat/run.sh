#!/usr/bin/env bash
# Runs the QStash SDK compatibility suite against a real `herald dev`.
# Uses HERALD_DLL when set; otherwise builds src/Herald.Cli (Release) first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

if [[ -z "${HERALD_DLL:-}" ]]; then
  dotnet build ../../src/Herald.Cli -c Release
  HERALD_DLL="$(pwd)/../../src/Herald.Cli/bin/Release/net10.0/herald.dll"
fi
export HERALD_DLL

npm test
