#!/bin/sh
# The Debian packages the tests need beyond PyPI: Chromium for the browser tests (driven by
# Playwright at /usr/bin/chromium, never a downloaded browser) and CJK fonts for exports.
# Java 17 for Apache Spark (pulse.lake builds the rollups with pyspark in local mode in the
# tests). Installs only what is missing; needs root or sudo.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$missing fonts-noto-cjk"
# any Java 17 or newer will do for Spark 4; Debian's headless 17 JRE when there is none
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || missing="$missing openjdk-17-jre-headless"
[ -z "$missing" ] && exit 0
echo "installing Debian packages:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
