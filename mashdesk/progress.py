"""Progress handles for long work: plain functions take one and report through it.

The CLI passes a click progress bar, the GUI a Qt adapter, tests a recorder.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def report(self, done: int, total: int | None = None, message: str = "") -> None: ...

    def cancelled(self) -> bool: ...


class NullProgress:
    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return False


class Cancelled(Exception):
    """Raised by long work when its progress handle asks it to stop; finished items are kept."""
