#!/usr/bin/env bash
# Starts a private, throwaway redis-server for the Redis tests (Herald.AspNetCore.Tests, Herald.Samples.Tests) and
# prints the line to export. Idempotent: a second call finds the running instance and prints the same line.
#
#   eval "$(tests/provision-redis.sh)"      # exports HERALD_TEST_REDIS=127.0.0.1:6399
#   tests/stop-redis.sh                     # stops exactly that instance (by its pidfile)
#
# Installs the Debian package redis-server when the binary is missing. Persistence is off (--save '',
# --appendonly no) and the working directory is a private temporary folder, so nothing outlives the instance.
# Progress goes to stderr; stdout carries only the export line.
set -euo pipefail

port="${HERALD_TEST_REDIS_PORT:-6399}"
state="${HERALD_TEST_REDIS_STATE:-${TMPDIR:-/tmp}/herald-test-redis-$port}"
pidfile="$state/redis.pid"

log() { printf '%s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    log "provision-redis: need root (or sudo) to run: $*"; exit 1
  fi
}

if ! command -v redis-server >/dev/null 2>&1; then
  log "provision-redis: installing redis-server (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -qq redis-server >&2; then
    as_root apt-get update -qq >&2
    as_root apt-get install -y -qq redis-server >&2
  fi
fi

ping() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" = "PONG" ]
  else
    # No redis-cli: speak the inline protocol with bash's /dev/tcp.
    exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    local reply=""
    read -r -t 2 reply <&3 || true
    exec 3>&-
    [ "${reply%$'\r'}" = "+PONG" ]
  fi
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

if running && ping; then
  log "provision-redis: already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
else
  if running; then
    log "provision-redis: pid $(cat "$pidfile") does not answer; stopping it"
    kill "$(cat "$pidfile")" 2>/dev/null || true
    sleep 1
  fi

  mkdir -p "$state"
  rm -f "$pidfile"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$pidfile" --dir "$state" --logfile "$state/redis.log" >&2

  for _ in $(seq 1 100); do
    if ping; then break; fi
    sleep 0.1
  done
  if ! ping; then
    log "provision-redis: redis-server did not answer on 127.0.0.1:$port; see $state/redis.log"
    exit 1
  fi
  log "provision-redis: started on 127.0.0.1:$port (pid $(cat "$pidfile"))"
fi

echo "export HERALD_TEST_REDIS=127.0.0.1:$port"
