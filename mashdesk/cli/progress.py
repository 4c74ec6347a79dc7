"""A progress handle for the terminal: a bar on stderr when interactive, quiet otherwise."""

from __future__ import annotations

import sys
from typing import Any

import click


class CliProgress:
    def __init__(self, label: str) -> None:
        self.label = label
        self._bar: Any = None
        self._done = 0
        self._interactive = sys.stderr.isatty()

    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        if not self._interactive or not total:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True, show_eta=True)
            self._bar.__enter__()
        self._bar.update(done - self._done)
        self._done = done

    def cancelled(self) -> bool:
        return False

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
