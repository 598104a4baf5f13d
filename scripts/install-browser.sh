#!/usr/bin/env bash
# Chromium for the review-page tests (Debian's package; no browser download by a test tool).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "note: Chromium is not installed; the review-page browser tests will be skipped (apt-get install chromium)" >&2
fi
