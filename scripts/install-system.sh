#!/usr/bin/env bash
# System packages derek uses when present (Debian's packages; no downloads by derek itself):
#   hunspell-kk  extra Kazakh stems, read at run time (GPL; never copied into derek)
#   chromium     (with --test) the browser the review-page tests drive
# Without root or apt-get this only says what is missing; derek works without both.
set -uo pipefail
want=()
[ -f /usr/share/hunspell/kk_KZ.dic ] || want+=(hunspell-kk)
if [ "${1:-}" = "--test" ]; then
  { command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; } || want+=(chromium)
fi
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null 2>&1 \
    || echo "note: could not install ${want[*]} with apt-get; derek runs without them" >&2
else
  echo "note: ${want[*]} not installed (needs root and apt-get); derek runs without them" >&2
fi
exit 0
