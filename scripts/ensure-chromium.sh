#!/usr/bin/env bash
# The browser tests and the benchmark drive Debian's Chromium (a test tool's own browser
# download cannot work on these machines). Install it when missing and we are allowed to.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium no está en $CHROMIUM: instalándolo con apt-get…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Falta Chromium en $CHROMIUM. Instálalo (sudo apt-get install chromium) o indica otro con CHROMIUM_PATH." >&2
exit 1
