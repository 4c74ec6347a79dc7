"""The one background-task runner: a plain callable runs off the GUI thread; its progress,
result and failure arrive as signals on the GUI thread. Workers never touch widgets."""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from mashdesk.progress import Cancelled

log = logging.getLogger(__name__)

# Progress signals are throttled so a tight loop cannot flood the GUI event queue.
_MIN_PROGRESS_INTERVAL = 0.05


class TaskHandle(QObject):
    """One submitted task. Lives in the GUI thread, so its signals are delivered there."""

    progress = Signal(int, object, str)  # done, total (int or None), message
    finished = Signal(object)  # the callable's return value
    failed = Signal(object)  # the exception (with __traceback_text__ set)
    cancelled = Signal()
    done = Signal()  # after finished, failed or cancelled

    # Emitted from the worker thread and re-emitted by slots of this GUI-thread object, so the
    # public signals fire in the GUI thread's event loop, after the caller connected to them.
    # The relays carry no arguments (payloads wait in attributes): PySide6 mis-counts references
    # of Python objects passed through queued `object` signal arguments.
    _progress_relay = Signal()
    _finished_relay = Signal()
    _failed_relay = Signal()
    _cancelled_relay = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_done = False
        self.last_progress: tuple[int, int | None, str] = (0, None, "")
        self._lock = threading.Lock()
        self._pending_progress: tuple[int, int | None, str] | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self._progress_relay.connect(self._relay_progress, queued)
        self._finished_relay.connect(self._relay_finished, queued)
        self._failed_relay.connect(self._relay_failed, queued)
        self._cancelled_relay.connect(self._relay_cancelled, queued)

    @Slot()
    def _relay_progress(self) -> None:
        with self._lock:
            latest = self._pending_progress
            self._pending_progress = None
        if latest is not None:
            self.last_progress = latest
            self.progress.emit(*latest)

    @Slot()
    def _relay_finished(self) -> None:
        self._relay_progress()
        self.finished.emit(self.result)
        self.done.emit()

    @Slot()
    def _relay_failed(self) -> None:
        self.failed.emit(self.error)
        self.done.emit()

    @Slot()
    def _relay_cancelled(self) -> None:
        self.cancelled.emit()
        self.done.emit()

    # -- mashdesk.progress.Progress, called from the worker thread --
    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        now = time.monotonic()
        final = total is not None and done >= total
        if final or now - self._last_emit >= _MIN_PROGRESS_INTERVAL:
            self._last_emit = now
            with self._lock:
                self._pending_progress = (int(done), total, message)
            self._progress_relay.emit()

    def cancelled_requested(self) -> bool:
        return self._cancel.is_set()

    # `Progress.cancelled()` is a method while `cancelled` is our signal: the worker gets an
    # adapter object (see _ProgressAdapter) so the two never clash.
    def cancel(self) -> None:
        self._cancel.set()


class _ProgressAdapter:
    """What the worker callable receives: exactly the mashdesk.progress.Progress protocol."""

    def __init__(self, handle: TaskHandle) -> None:
        self._handle = handle

    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        self._handle.report(done, total, message)

    def cancelled(self) -> bool:
        return self._handle.cancelled_requested()


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable[..., Any], args: tuple, kwargs: dict):
        super().__init__()
        self.setAutoDelete(True)
        self._handle = handle
        self._fn = fn
        self._args = args
        self._kwargs = kwargs

    def run(self) -> None:
        handle = self._handle
        try:
            if handle.cancelled_requested():
                raise Cancelled(f"{handle.name} cancelled before it started")
            result = self._fn(_ProgressAdapter(handle), *self._args, **self._kwargs)
        except Cancelled:
            handle._cancelled_relay.emit()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            log.error("task %s failed:\n%s", handle.name, exc.__traceback_text__)  # type: ignore[attr-defined]
            handle.error = exc
            handle._failed_relay.emit()
        else:
            handle.result = result
            handle._finished_relay.emit()


class TaskRunner(QObject):
    """Runs `fn(progress, *args, **kwargs)` on a thread pool.

    Each worker thread that touches the store gets its own connection (Store is per-thread).
    """

    task_started = Signal(object)  # TaskHandle
    task_done = Signal(object)

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._active: list[TaskHandle] = []

    def submit(self, fn: Callable[..., Any], *args: Any, name: str = "", **kwargs: Any) -> TaskHandle:
        handle = TaskHandle(name or getattr(fn, "__name__", "task"), self)
        handle.done.connect(lambda h=handle: self._finish(h))
        self._active.append(handle)
        self.task_started.emit(handle)
        self._pool.start(_Runnable(handle, fn, args, kwargs))
        return handle

    def _finish(self, handle: TaskHandle) -> None:
        handle.is_done = True
        if handle in self._active:
            self._active.remove(handle)
        self.task_done.emit(handle)

    def active(self) -> list[TaskHandle]:
        return list(self._active)

    def cancel_all(self) -> None:
        for handle in self._active:
            handle.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (shutdown and tests only, never from a slot)."""
        return self._pool.waitForDone(msecs)
