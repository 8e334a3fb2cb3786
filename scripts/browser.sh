#!/usr/bin/env bash
# Make sure a headless browser for the browser tests is installed: Debian's chromium and
# chromium-driver. Idempotent: apt-get runs only when one of them is missing.
# Prints the chromedriver path on stdout (everything else goes to stderr), so
# `DRIVER=$(scripts/browser.sh)` works. Not root and missing: exit 1 with the reason.
set -euo pipefail
say() { echo "browser.sh: $*" >&2; }

find_driver() {
    local path
    for path in /usr/bin/chromedriver /usr/lib/chromium/chromedriver "$(command -v chromedriver 2>/dev/null || true)"; do
        [ -n "$path" ] && [ -x "$path" ] && { echo "$path"; return 0; }
    done
    return 1
}
find_browser() {
    command -v chromium >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromium ]
}

# fonts-wqy-zenhei: Chinese report text and issuer names render as characters, not boxes
if ! find_driver >/dev/null || ! find_browser || [ ! -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]; then
    [ "$(id -u)" -eq 0 ] || { say "chromium / chromium-driver are not installed and we are not root to apt-get them"; exit 1; }
    say "installing the Debian packages chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    # another apt-get may hold the lock: wait for it rather than fail
    apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core fonts-wqy-zenhei >&2
fi
find_driver
