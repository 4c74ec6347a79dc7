"""UI tests run on the offscreen platform with a temporary store per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from mashdesk.store import open_store  # noqa: E402


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "ui.db")
    yield s
    s.close()


@pytest.fixture
def make_ctx(qapp, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.context import UiContext
    from ui.preview import DEMO_USERS
    from ui.tasks import TaskRunner

    made = []

    def make(store, role="social_worker", clock=None):
        ctx = UiContext(
            store=store,
            runner=TaskRunner(),
            settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
            user=DEMO_USERS[role],
        )
        if clock is not None:
            ctx.clock = clock
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.runner.wait(10_000)


@pytest.fixture(autouse=True)
def _release_qt_objects(qapp):
    """Delete each test's Qt objects while Python is fully alive, not at interpreter exit."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()
    gc.collect()
