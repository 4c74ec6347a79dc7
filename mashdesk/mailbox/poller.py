"""A background poller for the desktop app: polls every mailbox at an interval on its own thread.

No Qt here. The GUI wraps `on_update` in a signal (it is called on the poller's thread) or reads
`snapshot()`, which never touches the store.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from mashdesk.mailbox import queries as q
from mashdesk.mailbox.model import Mailbox, PollResult
from mashdesk.mailbox.poll import poll_all
from mashdesk.store import Store

log = logging.getLogger(__name__)


class _StopProgress:
    def __init__(self, stop: threading.Event) -> None:
        self._stop = stop

    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return self._stop.is_set()


class MailboxPoller:
    """Polls all enabled mailboxes every `interval` seconds on a daemon thread.

    Failing mailboxes wait out their backoff (stored on their row) before the next attempt.
    `stop()` ends the thread after the message being ingested, keeping everything fetched.
    """

    def __init__(
        self,
        store: Store,
        *,
        interval: float = 60.0,
        on_update: Callable[[list[Mailbox], list[PollResult]], None] | None = None,
        **poll_kwargs: Any,
    ) -> None:
        self.store = store
        self.interval = interval
        self.on_update = on_update
        self._poll_kwargs = poll_kwargs
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._force = False
        self._lock = threading.Lock()
        self._snapshot: list[Mailbox] = []
        self._results: dict[str, PollResult] = {}
        self._thread: threading.Thread | None = None
        self.rounds = 0

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="mashdesk-mailbox-poller", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = 30.0) -> bool:
        """Ask the thread to finish; True when it has ended within `timeout`."""
        self._stop.set()
        self._wake.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def poll_now(self) -> None:
        """Poll every mailbox at once, ignoring backoff (the user pressed 'check now')."""
        with self._lock:
            self._force = True
        self._wake.set()

    def snapshot(self) -> list[Mailbox]:
        """Each mailbox as of the latest round: status, last_success_at, last_error, ..."""
        with self._lock:
            return list(self._snapshot)

    def last_results(self) -> dict[str, PollResult]:
        with self._lock:
            return dict(self._results)

    def _run(self) -> None:
        try:
            self._refresh([])
            while not self._stop.is_set():
                self._wake.clear()  # before taking the flag, so a poll_now() now is not lost
                with self._lock:
                    force, self._force = self._force, False
                try:
                    results = poll_all(
                        self.store,
                        _StopProgress(self._stop),
                        respect_backoff=not force,
                        **self._poll_kwargs,
                    )
                except Exception:  # noqa: BLE001 - e.g. the store is locked; try again next round
                    log.exception("mailbox poller round failed")
                    results = []
                self.rounds += 1
                self._refresh(results)
                self._wake.wait(self._seconds_to_next())
        finally:
            self.store.close()

    def _refresh(self, results: list[PollResult]) -> None:
        try:
            mailboxes = q.list_mailboxes(self.store)
        except Exception:  # noqa: BLE001 - keep the previous snapshot
            log.exception("mailbox poller could not read mailboxes")
            return
        with self._lock:
            self._snapshot = mailboxes
            for r in results:
                self._results[r.mailbox] = r
        if self.on_update is not None:
            try:
                self.on_update(mailboxes, results)
            except Exception:  # noqa: BLE001 - a faulty listener must not stop polling
                log.exception("mailbox poller listener failed")

    def _seconds_to_next(self) -> float:
        """The interval, or sooner when a mailbox's backoff ends before it."""
        wait = self.interval
        now = q.utcnow()
        for mailbox in self.snapshot():
            if mailbox.enabled and mailbox.next_attempt_at:
                due = dt.datetime.fromisoformat(mailbox.next_attempt_at)
                wait = min(wait, max((due - now).total_seconds(), 0.0))
        return max(wait, 0.05)
