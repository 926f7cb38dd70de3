#!/usr/bin/env bash
# Installs the Debian packages named as arguments when any of them is missing.
# Used by `make run` and `make test` so a fresh machine needs nothing else.
set -euo pipefail
missing=()
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
# Debian starts the packaged servers as services; the tests start their own.
for service in redis-server memcached; do
    if printf '%s\n' "${missing[@]}" | grep -qx "$service"; then
        (service "$service" stop || systemctl stop "$service" || true) >/dev/null 2>&1
    fi
done
