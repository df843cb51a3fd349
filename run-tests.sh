#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine: installs what the tests need (Chromium, ffmpeg, a PostgreSQL
# server for the database tests and a RabbitMQ broker for the cluster tests, which start their own throwaway ones), then
# dotnet test.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v python3 >/dev/null || need+=(python3)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
# Without a server the PostgreSQL half of the database tests is skipped; CI must never skip it.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
# Likewise the RabbitMQ half of the cluster tests.
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need+=(rabbitmq-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  SUDO=$([ "$(id -u)" = 0 ] && echo || echo sudo)
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  if [[ " ${need[*]} " == *" rabbitmq-server "* ]]; then
    # The package starts the system broker (port 5672, and it takes CPU) and its install scripts leave an epmd on the
    # default port 4369. The tests never use either (each starts a node of its own with a private epmd): stop both.
    $SUDO systemctl disable --now rabbitmq-server 2>/dev/null || $SUDO service rabbitmq-server stop >/dev/null 2>&1 || true
    # The system node's VM runs with the rabbitmq user's home; the tests' nodes have theirs in their own folders.
    for pid in $(pgrep -u rabbitmq -f -- '^/usr/lib/erlang/.*beam.smp .*-home /var/lib/rabbitmq( |$)' || true); do $SUDO kill "$pid" || true; done
    $SUDO epmd -port 4369 -kill >/dev/null 2>&1 || true
  fi
fi

# glibc reads this only at process start; it makes every tensor workload 3-5x faster here (see docs/).
export GLIBC_TUNABLES=glibc.malloc.hugetlb=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export STYLEGALLERY_SHARED="${STYLEGALLERY_SHARED:-$(cd .. && pwd)/shared}"
# The PostgreSQL server was installed above: a database test that cannot start it fails instead of being skipped.
export STYLEGALLERY_REQUIRE_POSTGRES=1
# The same for the RabbitMQ broker.
export STYLEGALLERY_REQUIRE_RABBITMQ=1
# Tests install models from ../shared only; nothing may reach the internet.
export STYLEGALLERY_OFFLINE=1 StyleGallery__Engine__AllowDownloads=false

dotnet build StyleGallery.sln -c Release
results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test StyleGallery.sln -c Release --no-build --logger "console;verbosity=normal" \
  --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@" || status=$?
# CI shows only the end of the log: repeat each failure there.
[ "$status" -eq 0 ] || python3 build/failed-tests.py "$results"
exit "$status"
