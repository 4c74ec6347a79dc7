from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from mashdesk.progress import Cancelled
from ui.tasks import TaskRunner


@pytest.fixture
def runner():
    r = TaskRunner()
    yield r
    r.wait(10_000)  # joins the pool's threads so none outlives the interpreter


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, qapp, runner):
    seen = {}

    def work(progress, n):
        seen["worker_thread"] = threading.current_thread() is threading.main_thread()
        for i in range(n + 1):
            progress.report(i, n, f"step {i}")
        return n * 2

    handle = runner.submit(work, 3, name="double")
    on_gui = []
    handle.progress.connect(lambda d, t, m: on_gui.append(QThread.currentThread() is qapp.thread()))
    handle.finished.connect(lambda v: on_gui.append(QThread.currentThread() is qapp.thread()))
    with qtbot.waitSignal(handle.done, timeout=5000):
        pass
    assert handle.result == 6
    assert seen["worker_thread"] is False
    assert on_gui and all(on_gui)
    assert handle.last_progress[0] == 3  # the final report is never throttled away
    assert runner.active() == []


def test_failure_is_delivered_with_its_traceback(qtbot, runner):

    def boom(progress):
        raise ValueError("bad input file")

    handle = runner.submit(boom)
    with qtbot.waitSignal(handle.failed, timeout=5000) as blocker:
        pass
    exc = blocker.args[0]
    assert isinstance(exc, ValueError) and "bad input file" in str(exc)
    assert "Traceback" in exc.__traceback_text__


def test_cancel_stops_long_work(qtbot, runner):
    started = threading.Event()

    def long_work(progress):
        started.set()
        for i in range(10_000_000):
            if progress.cancelled():
                raise Cancelled(f"stopped at {i}")
        return "finished"

    handle = runner.submit(long_work)
    assert started.wait(5)
    with qtbot.waitSignal(handle.cancelled, timeout=5000):
        handle.cancel()
    qtbot.waitUntil(lambda: handle.is_done, timeout=5000)
    assert handle.result is None


def test_each_worker_thread_gets_its_own_store_connection(qtbot, store, runner):
    main_conn = store.conn
    handle = runner.submit(lambda _p: id(store.conn))
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    assert blocker.args[0] != id(main_conn)


@pytest.mark.parametrize("total", [None, 0])
def test_progress_without_total_is_fine(qtbot, total, runner):
    handle = runner.submit(lambda p: p.report(1, total, "working") or "ok")
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    assert blocker.args[0] == "ok"
