#!/usr/bin/env bash
# The Debian packages the test suite needs (a real browser, feed reader and validators).
# Installs the missing ones when this machine allows it (root, or sudo without a password);
# otherwise says in one message which apt command to run, and fails.
set -euo pipefail

declare -A package_of=(
    [chromium]=chromium             # the browser tests (driven by Playwright)
    [java]=openjdk-17-jre-headless  # the Nu HTML Checker (vnu.jar) and jing
    [jing]=jing                     # Atom feeds against RFC 4287's RELAX NG schema
    [newsboat]=newsboat             # a real feed reader loading every feed
    [openssl]=openssl               # a certificate for the SMTP server the STARTTLS test runs
    [npm]=npm                       # node and npm, for the all-contributors CLI (tests/npm)
)
missing=()
for tool in chromium java jing newsboat openssl npm; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${package_of[$tool]}")
done
((${#missing[@]})) || exit 0

install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if command -v apt-get >/dev/null 2>&1; then
    if [[ $(id -u) == 0 ]]; then
        as_root=()
    elif sudo -n true 2>/dev/null; then
        as_root=(sudo -n)
    fi
    if [[ -v as_root ]]; then
        echo "installing the Debian packages the tests need: ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        "${as_root[@]}" apt-get update -qq
        "${as_root[@]}" "${install[@]}"
        exit 0
    fi
fi
echo "make test needs Debian packages that are missing: ${missing[*]}." >&2
echo "Install them, then run make test again:" >&2
echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
exit 1
