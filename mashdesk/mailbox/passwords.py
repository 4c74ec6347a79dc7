"""Mailbox passwords, kept in the operating system's keyring and nowhere else.

The backend is whatever `keyring` chooses (Windows Credential Locker, macOS Keychain, Secret
Service on Linux desktops). `PYTHON_KEYRING_BACKEND` overrides it, which is how tests and
headless machines supply one; with no usable backend we refuse rather than fall back to a file.
"""

from __future__ import annotations

import os

import keyring
import keyring.errors
from keyring.backends import fail

SERVICE = "MASHdesk mailbox"


class KeyringUnavailable(Exception):
    """No usable OS keyring; the message tells the user what to do."""


def _backend() -> keyring.backend.KeyringBackend:
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 - e.g. PYTHON_KEYRING_BACKEND names a missing class
        chosen = os.environ.get("PYTHON_KEYRING_BACKEND")
        where = f" (PYTHON_KEYRING_BACKEND={chosen})" if chosen else ""
        raise KeyringUnavailable(f"the keyring backend could not be loaded{where}: {exc}") from exc
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailable(
            "no operating-system keyring is available to hold the mailbox password "
            "(on Linux start a Secret Service such as GNOME Keyring or KWallet; on a "
            "headless machine set PYTHON_KEYRING_BACKEND to a keyring backend class)"
        )
    return backend


def keyring_description() -> str:
    """Which keyring backend is in use, for support questions."""
    backend = _backend()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def set_password(mailbox_name: str, password: str) -> None:
    try:
        _backend().set_password(SERVICE, mailbox_name, password)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"the keyring refused to store the password: {exc}") from exc


def get_password(mailbox_name: str) -> str | None:
    try:
        return _backend().get_password(SERVICE, mailbox_name)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"the keyring could not be read: {exc}") from exc


def delete_password(mailbox_name: str) -> bool:
    try:
        _backend().delete_password(SERVICE, mailbox_name)
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"the keyring could not delete the password: {exc}") from exc
    return True
