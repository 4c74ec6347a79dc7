"""Preview entries: `python -m ui.<view>` opens one window on synthetic demo data."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from mashdesk.store import Store, open_store
from ui.context import CurrentUser, UiContext
from ui.tasks import TaskRunner

# Accounts the demo seeder creates (mashdesk.decisions.demo; demo password "demo").
DEMO_USERNAMES = {
    "social_worker": "demo.worker1",
    "manager": "demo.manager1",
    "quality_lead": "demo.quality",
}
DEMO_PASSWORD = "demo"


def sign_in_user(store: Store, username: str, password: str) -> CurrentUser:
    from ui.signin import accounts_sign_in

    return accounts_sign_in(store, username, password)


def demo_store(path: Path, n: int = 120) -> Store:
    """A new store at `path` holding synthetic demo data."""
    from mashdesk.demo import seed_demo

    store = open_store(path)
    seed_demo(store, n=n)
    return store


def demo_context(store: Store, role: str = "social_worker") -> UiContext:
    settings = QSettings(str(store.path.with_suffix(".ini")), QSettings.Format.IniFormat)
    user = sign_in_user(store, DEMO_USERNAMES[role], DEMO_PASSWORD)
    return UiContext(store=store, runner=TaskRunner(), settings=settings, user=user)


def first_contact_ids(store: Store, n: int = 5) -> list[int]:
    """Open contacts with triggers first (the most telling to preview), else any open ones."""
    from mashdesk.store import queue

    return queue.ids(store, queue.QueueFilter(trigger="any"), 0, n) or queue.ids(store, queue.QueueFilter(), 0, n)


def run_preview(build: Callable[[UiContext, list[int]], QWidget], role: str = "social_worker") -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    tmp = tempfile.mkdtemp(prefix="mashdesk-preview-")
    store = demo_store(Path(tmp) / "preview.db")
    ctx = demo_context(store, role)
    widget = build(ctx, first_contact_ids(store))
    widget.resize(1300, 820)
    widget.setWindowTitle(f"MASHdesk preview: {type(widget).__name__} (synthetic data)")
    widget.show()
    sys.exit(app.exec())
