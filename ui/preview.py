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


def demo_store(path: Path, n: int = 120) -> Store:
    """A new store at `path` holding synthetic demo data."""
    store = open_store(path)
    try:
        from mashdesk.demo import seed_demo
    except ImportError:
        seed_synthetic_emails(store, n)
    else:
        seed_demo(store)
    return store


def seed_synthetic_emails(store: Store, n: int, seed: int = 7) -> None:
    """Synthetic contacts through the real intake (used until mashdesk.demo is present)."""
    import datetime as dt

    from mashdesk.intake import ingest_bytes
    from mashdesk.synthetic import generate_contacts, to_eml_bytes

    now = dt.datetime.now(dt.UTC)
    for i, contact in enumerate(generate_contacts(n, seed)):
        when = now - dt.timedelta(minutes=37 * (n - i))
        ingest_bytes(
            store, to_eml_bytes(contact, f"demo-{seed}-{i}@mashdesk.invalid", when), f"demo#{i}"
        )


def demo_context(store: Store, role: str = "social_worker") -> UiContext:
    settings = QSettings(str(store.path.with_suffix(".ini")), QSettings.Format.IniFormat)
    return UiContext(store=store, runner=TaskRunner(), settings=settings, user=DEMO_USERS[role])


def first_contact_ids(store: Store, n: int = 5) -> list[int]:
    """Open contacts with triggers first (the most telling to preview), else any open ones."""
    from mashdesk.store import queue

    return queue.ids(store, queue.QueueFilter(trigger="any"), 0, n) or queue.ids(
        store, queue.QueueFilter(), 0, n
    )


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
