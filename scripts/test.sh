#!/usr/bin/env bash
# Runs the whole test suite: installs what it needs, then pytest (which starts its own redis-server).
set -euo pipefail
cd "$(dirname "$0")/.."
FRONTDESK_EXTRAS=${FRONTDESK_EXTRAS:-embedded,test} bash scripts/install.sh
PYTHON=${PYTHON:-python3}
$PYTHON -m pytest -q -p no:cacheprovider "$@"
