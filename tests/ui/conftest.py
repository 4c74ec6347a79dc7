"""UI tests run on the offscreen platform with a temporary store per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from mashdesk.store import open_store  # noqa: E402

# Test accounts per role (cheap password hashing: tests only).
USERNAMES = {
    "social_worker": "sw.demo",
    "manager": "mgr.demo",
    "quality_lead": "ql.demo",
    "administrator": "admin.demo",
}
PASSWORD = "test-password-1"


@pytest.fixture(autouse=True)
def _cheap_hashing(cheap_hashing):
    """Every UI test hashes passwords at the test-only cost."""


@pytest.fixture
def store(tmp_path):
    from mashdesk.accounts import add_user, create_first_administrator, sign_in

    s = open_store(tmp_path / "ui.db")
    create_first_administrator(s, USERNAMES["administrator"], "Admin (synthetic)", PASSWORD)
    admin = sign_in(s, USERNAMES["administrator"], PASSWORD)
    for role in ("social_worker", "manager", "quality_lead"):
        add_user(s, admin, USERNAMES[role], f"{role} (synthetic)", role, PASSWORD)
    add_user(s, admin, "mgr2.demo", "second manager (synthetic)", "manager", PASSWORD)
    yield s
    s.close()


@pytest.fixture
def make_ctx(qapp, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.context import UiContext
    from ui.signin import accounts_sign_in
    from ui.tasks import TaskRunner

    made = []

    def make(store, role="social_worker", clock=None, username=None):
        ctx = UiContext(
            store=store,
            runner=TaskRunner(),
            settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
            user=accounts_sign_in(store, username or USERNAMES[role], PASSWORD),
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
