"""The clock every accountable record reads, so tests and the demo can set the time."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator

_local = threading.local()


def now() -> dt.datetime:
    """The current time in UTC (aware), or the time fixed by `at()` on this thread."""
    fixed: dt.datetime | None = getattr(_local, "fixed", None)
    return fixed if fixed is not None else dt.datetime.now(dt.UTC)


def iso(value: dt.datetime) -> str:
    """ISO-8601 UTC text with microseconds, the one format stored for every timestamp here."""
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def now_iso() -> str:
    return iso(now())


def parse(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


@contextlib.contextmanager
def at(moment: dt.datetime) -> Iterator[None]:
    """Fix the clock on this thread (demo history, expiry tests); restores the previous value."""
    if moment.tzinfo is None:
        raise ValueError("clock.at needs an aware datetime")
    previous = getattr(_local, "fixed", None)
    _local.fixed = moment.astimezone(dt.UTC)
    try:
        yield
    finally:
        _local.fixed = previous
