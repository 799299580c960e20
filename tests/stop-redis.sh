#!/usr/bin/env bash
# Stops the redis-server that tests/provision-redis.sh started, and only that one (by its pidfile).
set -euo pipefail

port="${HERALD_TEST_REDIS_PORT:-6399}"
state="${HERALD_TEST_REDIS_STATE:-${TMPDIR:-/tmp}/herald-test-redis-$port}"
pidfile="$state/redis.pid"

if [ ! -f "$pidfile" ]; then
  echo "stop-redis: no pidfile at $pidfile; nothing to stop" >&2
  exit 0
fi

pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "stop-redis: pid $pid did not stop on SIGTERM" >&2
    exit 1
  fi
  echo "stop-redis: stopped redis-server (pid $pid)" >&2
else
  echo "stop-redis: pid $pid is not running" >&2
fi
rm -rf "$state"
