#!/usr/bin/env bash
# Herald's one test command: builds everything (warnings are errors) and runs every suite against real
# components: SQLite files, HTTP on loopback, the herald executable (crash tests, and under strace), a private
# redis-server (idempotency store), and the official @upstash/qstash SDK (tests/compat). It installs what it needs
# (Debian and npm packages) and stops what it started.
set -euo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n==> %s\n' "$*"; }

step "build ($configuration)"
dotnet build Herald.slnx -c "$configuration" -warnaserror

step "tools: strace (the fsync-before-ack test watches Herald's system calls)"
if ! command -v strace >/dev/null 2>&1; then
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq strace || { as_root apt-get update -qq && as_root apt-get install -y -qq strace; }
fi

step "services: a private redis-server on 127.0.0.1:6399"
eval "$(tests/provision-redis.sh)"
trap 'tests/stop-redis.sh' EXIT

step ".NET test suites"
dotnet test --solution Herald.slnx -c "$configuration" --no-build

step "QStash SDK compatibility (tests/compat)"
HERALD_DLL="$PWD/src/Herald.Cli/bin/$configuration/net10.0/herald.dll" tests/compat/run.sh

step "all suites passed"
