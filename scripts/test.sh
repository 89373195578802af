#!/usr/bin/env bash
# Runs the whole test suite: installs what it needs, then pytest (which starts its own redis-server).
set -euo pipefail
cd "$(dirname "$0")/.."
FRONTDESK_EXTRAS=${FRONTDESK_EXTRAS:-embedded,test} bash scripts/install.sh
# the browser tests drive Debian's chromium through Playwright (no downloaded browser builds)
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
PYTHON=${PYTHON:-python3}
$PYTHON -m pytest -q -p no:cacheprovider "$@"
