#!/usr/bin/env bash
# Runs Frontdesk on the embedded default: no accounts, a local Redis, the demo flows.
# Then open http://localhost:${PORT:-5000}/ or place a test call with `frontdesk call --say "hi"`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec frontdesk serve "$@"
