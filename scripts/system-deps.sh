#!/bin/sh
# The Debian packages the tests need beyond PyPI: Chromium for the browser tests (driven by
# Playwright at /usr/bin/chromium, never a downloaded browser) and CJK fonts for exports.
# Installs only what is missing; needs root or sudo.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0
echo "installing Debian packages:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
