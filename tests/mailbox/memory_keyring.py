"""A keyring backend for tests and headless CI: passwords in this process's memory only.

Select it with PYTHON_KEYRING_BACKEND=tests.mailbox.memory_keyring.MemoryKeyring (the worktree
on PYTHONPATH), or `keyring.set_keyring(MemoryKeyring())`. Never for real passwords.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1  # only used when chosen explicitly

    store: ClassVar[dict[tuple[str, str], str]] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(f"no password for {username!r}")


def use_memory_keyring(monkeypatch: Any) -> Iterator[MemoryKeyring]:
    """Body of the autouse fixtures: a fresh in-memory keyring, the machine's one restored after."""
    previous = keyring.get_keyring()
    MemoryKeyring.store.clear()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.mailbox.memory_keyring.MemoryKeyring")
    yield backend
    MemoryKeyring.store.clear()
    keyring.set_keyring(previous)
