from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tests.ui.factories import NOW, add_contact
from ui.app import store_source_factory
from ui.queue_model import (
    COL,
    ID_ROLE,
    OBJECT_ROLE,
    PAGE_SIZE,
    SORT_ROLE,
    ListSource,
    QueueFilters,
    QueueModel,
)
from ui.queue_view import QueueView


def _rows(n):
    return [
        {
            "id": i,
            "decision_due": (NOW + dt.timedelta(hours=i - 5)).isoformat(),
            "received_at": (NOW - dt.timedelta(hours=i)).isoformat(),
            "channel": "email" if i % 2 else "phone",
            "referrer": f"Referrer {i}",
            "source_code": "2A",
            "subject": f"Subject {i}",
            "children": "A Child; B Child",
            "group": None,
            "re_referral": i % 3 == 0,
            "status": "new",
            "claimed_by": None,
            "routing": "early_help",
            "triggers": ["fgm"] if i % 4 == 0 else [],
        }
        for i in range(1, n + 1)
    ]


def test_model_passes_qtmodeltester(qtmodeltester):
    model = QueueModel(lambda f: ListSource(_rows(30), f), clock=lambda: NOW)
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_in_pages_on_demand():
    calls = []

    class Counting(ListSource):
        def rows(self, ids):
            calls.append(len(ids))
            return super().rows(ids)

    model = QueueModel(lambda f: Counting(_rows(5 * PAGE_SIZE), f), clock=lambda: NOW)
    assert model.rowCount() == 5 * PAGE_SIZE
    assert model.cached_pages() == 0 and calls == []
    model.data(model.index(3 * PAGE_SIZE + 1, COL["subject"]))
    assert model.cached_pages() == 1 and calls == [PAGE_SIZE]


def test_display_sort_and_object_roles():
    model = QueueModel(lambda f: ListSource(_rows(8), f), clock=lambda: NOW)
    first = model.index(0, COL["due"])
    assert model.data(first).startswith("overdue")  # due 4 hours before NOW
    assert isinstance(model.data(first, SORT_ROLE), dt.datetime)
    assert model.data(first, Qt.ItemDataRole.BackgroundRole) is not None
    trig = next(r for r in range(8) if model.data(model.index(r, 0), OBJECT_ROLE)["triggers"])
    assert "trigger" in model.data(model.index(trig, COL["routing"]))
    assert model.data(model.index(0, COL["children"])) == "A Child, B Child"
    assert model.data(model.index(0, COL["children"]), SORT_ROLE) == 2
    assert model.data(model.index(0, 0), ID_ROLE) == 1


def test_store_backed_queue_filters_search_and_sort(qtbot, store, make_ctx):
    a = add_contact(store, subject="Bruise on baby (synthetic)", body="health visitor saw a bruise",
                    triggers=["injury_non_mobile_baby"], channel="phone")  # fmt: skip
    b = add_contact(store, subject="Attendance (synthetic)", body="school attendance is low",
                    received=NOW - dt.timedelta(hours=30))  # fmt: skip
    add_contact(store, subject="Decided already", status="decided")
    ctx = make_ctx(store, clock=lambda: NOW)
    view = QueueView(store_source_factory(ctx), clock=ctx.clock)
    qtbot.addWidget(view)
    qtmodeltester_ids = [view.model.id_at(r) for r in range(view.model.rowCount())]
    assert sorted(qtmodeltester_ids) == sorted([a, b])  # open contacts only
    view.channel.setCurrentIndex(view.channel.findData("phone"))
    assert [view.model.id_at(0)] == [a] and view.model.rowCount() == 1
    view.channel.setCurrentIndex(0)
    view.trigger.setCurrentIndex(view.trigger.findData("any"))
    assert view.model.rowCount() == 1 and view.model.id_at(0) == a
    view.trigger.setCurrentIndex(0)
    view.search.setText("attend")  # search as you type, debounced
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.id_at(0) == b, timeout=3000)
    assert view.count_label.text() == "1 contact"
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=3000)
    view.model.sort(COL["received"], Qt.SortOrder.AscendingOrder)
    assert view.model.id_at(0) == b
    view.model.sort(COL["received"], Qt.SortOrder.DescendingOrder)
    assert view.model.id_at(0) == a


def test_rag_and_overdue_filters(qtbot, store, make_ctx):
    late = add_contact(store, subject="late", due=NOW - dt.timedelta(hours=1))
    soon = add_contact(store, subject="soon", due=NOW + dt.timedelta(hours=6))
    later = add_contact(store, subject="later", due=NOW + dt.timedelta(hours=40))
    ctx = make_ctx(store, clock=lambda: NOW)
    view = QueueView(store_source_factory(ctx), clock=ctx.clock)
    qtbot.addWidget(view)
    ids = lambda: [view.model.id_at(r) for r in range(view.model.rowCount())]  # noqa: E731
    view.rag.setCurrentIndex(view.rag.findData("red"))
    assert ids() == [late]
    view.rag.setCurrentIndex(view.rag.findData("amber"))
    assert ids() == [soon]
    view.rag.setCurrentIndex(view.rag.findData("green"))
    assert ids() == [later]
    view.rag.setCurrentIndex(0)
    view.overdue.setChecked(True)
    assert ids() == [late]


def test_mine_filter_uses_the_signed_in_user(qtbot, store, make_ctx):
    mine = add_contact(store, subject="mine", status="in_screening", claimed_by="sw.demo")
    add_contact(store, subject="theirs", status="in_screening", claimed_by="someone.else")
    ctx = make_ctx(store, clock=lambda: NOW)
    view = QueueView(store_source_factory(ctx), clock=ctx.clock)
    qtbot.addWidget(view)
    view.mine.setChecked(True)
    assert view.model.rowCount() == 1 and view.model.id_at(0) == mine
    assert view.model.data(view.model.index(0, COL["claimed_by"])) == "sw.demo"


def test_next_contact_walks_the_queue(qtbot, store, make_ctx):
    first = add_contact(store, subject="one", due=NOW + dt.timedelta(hours=1))
    second = add_contact(store, subject="two", due=NOW + dt.timedelta(hours=2))
    ctx = make_ctx(store, clock=lambda: NOW)
    view = QueueView(store_source_factory(ctx), clock=ctx.clock)
    qtbot.addWidget(view)
    assert view.next_contact() == first
    assert view.next_contact() == second
    assert view.next_contact() is None


def test_filters_default_to_open_queue_sorted_by_due():
    f = QueueFilters()
    assert f.sort == "due" and not f.descending and f.status is None


def test_queries_run_off_the_gui_thread_and_the_newest_wins(qtbot, store, make_ctx):
    import threading

    a = add_contact(store, subject="Bruise seen (synthetic)", body="bruise on arm")
    b = add_contact(store, subject="Attendance (synthetic)", body="attendance low")
    ctx = make_ctx(store, clock=lambda: NOW)
    threads = []
    factory = store_source_factory(ctx)

    def recording_factory(filters):
        threads.append(threading.current_thread() is threading.main_thread())
        return factory(filters)

    view = QueueView(recording_factory, clock=ctx.clock, runner=ctx.runner)
    qtbot.addWidget(view)
    threads.clear()
    view.search.setText("attendance")
    view.apply_filters()  # superseded by the next one before it is shown
    view.search.setText("bruise")
    with qtbot.waitSignal(view.results_shown, timeout=5000):
        view.apply_filters()
    qtbot.waitUntil(lambda: not ctx.runner.active(), timeout=5000)
    assert [view.model.id_at(r) for r in range(view.model.rowCount())] == [a]
    assert threads and not any(threads)  # every query ran on a worker thread
    with qtbot.waitSignal(view.results_shown, timeout=5000):
        view.model.sort(COL["received"], Qt.SortOrder.DescendingOrder)  # sorting too
    assert view.model.filters.sort == "received" and b not in [view.model.id_at(0)]
