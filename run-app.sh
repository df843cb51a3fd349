#!/usr/bin/env bash
# Builds and starts StyleGallery, then opens the gallery in a browser (http://localhost:5080).
set -euo pipefail
cd "$(dirname "$0")"

export GLIBC_TUNABLES=glibc.malloc.hugetlb=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
url="${STYLEGALLERY_URL:-http://localhost:5080}"

dotnet build StyleGallery.Web -c Release
( for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "$url/healthz"; then
      echo "StyleGallery is running: $url"
      (command -v xdg-open >/dev/null && xdg-open "$url") >/dev/null 2>&1 || true
      break
    fi
    sleep 1
  done ) &
exec dotnet run --project StyleGallery.Web -c Release --no-build --urls "$url"
