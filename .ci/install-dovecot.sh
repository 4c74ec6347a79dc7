#!/usr/bin/env bash
# Install the Dovecot IMAP server used by the tests in tests/mailbox (marker `imap`).
# Idempotent: does nothing when a dovecot binary is already there.
set -euo pipefail

if command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; then
    echo "install-dovecot: dovecot already installed ($( (/usr/sbin/dovecot --version || dovecot --version) 2>/dev/null ))"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    else
        echo "install-dovecot: not root and no sudo; cannot install dovecot-imapd" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
# The tests start their own dovecot as a plain process; the packaged service is never needed,
# so a policy-rc.d refusal (containers without an init system) must not fail the install.
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends dovecot-core dovecot-imapd
echo "install-dovecot: installed $(/usr/sbin/dovecot --version)"
