#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine: installs what the tests need (Chromium, ffmpeg, a PostgreSQL
# server for the database tests, which start their own throwaway one), then dotnet test.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v python3 >/dev/null || need+=(python3)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
# Without a server the PostgreSQL half of the database tests is skipped; CI must never skip it.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  SUDO=$([ "$(id -u)" = 0 ] && echo || echo sudo)
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# glibc reads this only at process start; it makes every tensor workload 3-5x faster here (see docs/).
export GLIBC_TUNABLES=glibc.malloc.hugetlb=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export STYLEGALLERY_SHARED="${STYLEGALLERY_SHARED:-$(cd .. && pwd)/shared}"
# The PostgreSQL server was installed above: a database test that cannot start it fails instead of being skipped.
export STYLEGALLERY_REQUIRE_POSTGRES=1
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
