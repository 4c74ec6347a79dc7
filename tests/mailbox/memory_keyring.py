"""A keyring backend for tests and headless CI: passwords in this process's memory only.

Select it with PYTHON_KEYRING_BACKEND=tests.mailbox.memory_keyring.MemoryKeyring (the worktree
on PYTHONPATH), or `keyring.set_keyring(MemoryKeyring())`. Never for real passwords.
"""

from __future__ import annotations

from typing import ClassVar

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
