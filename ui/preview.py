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

DEMO_USERS = {
    "social_worker": CurrentUser("sw.demo", "Sam Worker (synthetic)", "social_worker"),
    "manager": CurrentUser("mgr.demo", "Morgan Manager (synthetic)", "manager"),
    "quality_lead": CurrentUser("ql.demo", "Quinn Quality (synthetic)", "quality_lead"),
}


def demo_store(path: Path) -> Store:
    """A new store at `path` holding synthetic demo data."""
    store = open_store(path)
    from mashdesk.demo import seed_demo

    seed_demo(store)
    return store


def demo_context(store: Store, role: str = "social_worker") -> UiContext:
    settings = QSettings(str(store.path.with_suffix(".ini")), QSettings.Format.IniFormat)
    return UiContext(store=store, runner=TaskRunner(), settings=settings, user=DEMO_USERS[role])


def first_contact_ids(store: Store, n: int = 5) -> list[int]:
    from mashdesk.views import BasicQueue
    from ui.queue_model import QueueFilters

    q = BasicQueue(store, QueueFilters(trigger="any"), None, "")
    return q.ids(0, n) or BasicQueue(store, QueueFilters(), None, "").ids(0, n)


def run_preview(
    build: Callable[[UiContext, list[int]], QWidget], role: str = "social_worker"
) -> None:
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
