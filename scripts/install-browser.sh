#!/usr/bin/env bash
# Debian's Chromium for the browser tests (playwright-core drives /usr/bin/chromium; nothing is
# downloaded by playwright), and CJK fonts so screenshots of the Chinese UI show characters.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'noto sans cjk'; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y chromium fonts-noto-cjk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium fonts-noto-cjk >/dev/null; }
chromium --version
