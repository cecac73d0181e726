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
    [npm]=npm                       # node and npm, for the npm tools the tests drive (tests/npm)
)
missing=()
for tool in chromium java jing newsboat openssl npm; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${package_of[$tool]}")
done
((${#missing[@]})) || exit 0

# How to run a command as root here: nothing in front when we are root, `sudo -n` when sudo
# needs no password; `none` when neither. (A flag, not an empty array: bash 5.2's `-v` says an
# empty array is unset, which once hid the root case.)
how=none
if command -v apt-get >/dev/null 2>&1; then
    if [[ $(id -u) == 0 ]]; then
        how=root
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        how=sudo
    fi
fi
as_root() {
    if [[ $how == sudo ]]; then
        sudo -n env DEBIAN_FRONTEND=noninteractive "$@"
    else
        DEBIAN_FRONTEND=noninteractive "$@"
    fi
}
if [[ $how != none ]]; then
    echo "installing the Debian packages the tests need: ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
    exit 0
fi
echo "make test needs Debian packages that are missing: ${missing[*]}." >&2
echo "Install them, then run make test again:" >&2
echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
exit 1
