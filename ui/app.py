"""The desktop app: `mashdesk-gui` or `python -m ui`.

Opens the store, signs the user in and shows the main window: the queue, contacts as tabs,
oversight for managers, the quality view, and intake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QWidget,
)

from mashdesk.store import Store, StoreError, open_store
from ui.context import CurrentUser, UiContext
from ui.queue_model import QueueFilters, QueueSource
from ui.queue_view import QueueView
from ui.tasks import TaskHandle, TaskRunner

log = logging.getLogger("mashdesk.ui")

ORG = "MASHdesk"
APP = "MASHdesk"


def to_store_filter(filters: QueueFilters, username: str | None):
    from mashdesk.store.queue import QueueFilter

    return QueueFilter(
        open_only=filters.status is None,
        status=filters.status,
        channel=filters.channel,
        trigger=filters.trigger,
        claimed_by=(username or "\x00") if filters.mine else None,
        overdue=filters.overdue,
        search=filters.search or None,
        sort=filters.sort,
        descending=filters.descending,
    )


def store_source_factory(ctx: UiContext) -> Callable[[QueueFilters], QueueSource]:
    """Queue queries for the signed-in user, from mashdesk.store.queue."""
    from mashdesk.views import QueueResult

    def make(filters: QueueFilters) -> QueueSource:
        user = ctx.user.username if ctx.user else None
        return QueueResult(ctx.store, to_store_filter(filters, user), filters.rag, ctx.clock())

    return make


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(f"MASHdesk — {ctx.user.label if ctx.user else 'not signed in'} — {ctx.store.path.name}")
        self.setAccessibleName("MASHdesk main window")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Views")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.setCentralWidget(self.tabs)

        self.queue = QueueView(store_source_factory(ctx), clock=ctx.clock, runner=ctx.runner)
        self.queue.open_contact.connect(lambda cid: self.open_contact(cid, to_screen=True))
        self._add_fixed(self.queue, "&Queue")
        self.oversight = None
        self.quality = None
        self.intake = None
        if ctx.user and ctx.user.can("sign_off"):
            from ui.oversight_view import OversightView

            self.oversight = OversightView(ctx)
            self.oversight.open_contact.connect(self.open_contact)
            self._add_fixed(self.oversight, "O&versight")
        if ctx.user and ctx.user.can("read_audit") and ctx.user.role in ("manager", "quality_lead"):
            from ui.quality_view import QualityView

            self.quality = QualityView(ctx)
            self.quality.open_contact.connect(self.open_contact)
            self._add_fixed(self.quality, "Qua&lity")
        from ui.intake_view import IntakeView

        self.intake = IntakeView(ctx)
        self.intake.ingested.connect(self.queue.apply_filters)
        self._add_fixed(self.intake, "&Intake")
        from ui.mailbox_panel import MailboxPanel

        self.mailboxes = MailboxPanel(ctx)
        self.mailboxes.contacts_added.connect(self.queue.apply_filters)
        self._add_fixed(self.mailboxes, "&Mailboxes")
        self.mailboxes.start_polling()

        self._build_menus()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setAccessibleName("Background task progress")
        self.progress.hide()
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel background task")
        self.cancel.hide()
        self.cancel.clicked.connect(ctx.runner.cancel_all)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel)
        self.statusBar().addWidget(QLabel(ctx.user.label if ctx.user else ""))
        ctx.runner.task_started.connect(self._task_started)
        ctx.runner.task_done.connect(self._task_done)
        self.restore_state()

    def _add_fixed(self, widget: QWidget, title: str) -> None:
        i = self.tabs.addTab(widget, title)
        self.tabs.tabBar().setTabButton(i, self.tabs.tabBar().ButtonPosition.RightSide, None)

    def _build_menus(self) -> None:
        go = self.menuBar().addMenu("&Go")
        actions = [
            ("&Next contact", "Ctrl+J", self.next_contact),
            ("&Search", "Ctrl+F", self.focus_search),
            ("&Claim current contact", "Ctrl+Shift+C", self.claim_current),
            ("&Queue", "Ctrl+1", lambda: self.tabs.setCurrentWidget(self.queue)),
            ("Close contact", "Ctrl+W", lambda: self._close_tab(self.tabs.currentIndex())),
            ("&Refresh", "F5", self.queue.apply_filters),
        ]
        for text, keys, slot in actions:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(keys))
            act.triggered.connect(slot)
            go.addAction(act)
        helpm = self.menuBar().addMenu("&Help")
        about = QAction("&About MASHdesk", self)
        about.triggered.connect(
            lambda: QMessageBox.about(
                self,
                "MASHdesk",
                "MASHdesk: one queue for the children's social care front door.\n"
                "Suggestions are advisory; the worker and manager decide and record why.",
            )
        )
        helpm.addAction(about)

    def open_contact(self, contact_id: int, to_screen: bool = False) -> QWidget:
        from ui.contact_view import ContactView

        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if isinstance(w, ContactView) and w.contact_id == contact_id:
                self.tabs.setCurrentIndex(i)
                return w
        view = ContactView(self.ctx, contact_id, to_screen=to_screen)
        i = self.tabs.addTab(view, f"#{contact_id}")
        view.title_changed.connect(lambda t, v=view: self.tabs.setTabText(self.tabs.indexOf(v), t))
        view.claimed.connect(lambda _c: self.queue.apply_filters())
        view.submitted.connect(lambda _c: self.queue.apply_filters())
        self.tabs.setCurrentIndex(i)
        return view

    def current_contact(self):
        from ui.contact_view import ContactView

        w = self.tabs.currentWidget()
        return w if isinstance(w, ContactView) else None

    def next_contact(self) -> None:
        self.tabs.setCurrentWidget(self.queue)
        cid = self.queue.next_contact()
        if cid is not None:
            self.open_contact(cid, to_screen=True)

    def claim_current(self) -> None:
        view = self.current_contact()
        if view is not None:
            view.claim()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.queue)
        self.queue.focus_search()

    def _close_tab(self, index: int) -> None:
        w = self.tabs.widget(index)
        if w in (self.queue, self.oversight, self.quality, self.intake, self.mailboxes) or w is None:
            return
        self.tabs.removeTab(index)
        w.deleteLater()

    def _task_started(self, handle: TaskHandle) -> None:
        if not getattr(handle, "show_progress", False):
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel.show()
        self.statusBar().showMessage(handle.name)
        handle.progress.connect(self._task_progress)

    def _task_progress(self, done: int, total, message: str) -> None:
        if total:
            self.progress.setRange(0, int(total))
            self.progress.setValue(done)
        if message:
            self.statusBar().showMessage(message)

    def _task_done(self, handle: TaskHandle) -> None:
        if not any(getattr(h, "show_progress", False) for h in self.ctx.runner.active()):
            self.progress.hide()
            self.cancel.hide()

    # -- window state --
    def restore_state(self) -> None:
        s = self.ctx.settings
        geometry = s.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = s.value("main/state")
        if state is not None:
            self.restoreState(state)
        header = s.value("queue/header")
        if header is not None:
            self.queue.table.horizontalHeader().restoreState(header)

    def save_state(self) -> None:
        s = self.ctx.settings
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        s.setValue("queue/header", self.queue.table.horizontalHeader().saveState())
        s.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.save_state()
        self.mailboxes.stop_polling()
        self.ctx.runner.cancel_all()
        self.ctx.runner.wait(5_000)
        super().closeEvent(event)


# -- errors --
def install_excepthook(parent_getter: Callable[[], QWidget | None] = lambda: None) -> None:
    """Log every unhandled error and show it in a dialog; the app never exits silently."""

    showing = [False]

    def hook(exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unhandled error:\n%s", text)
        # An error raised while the dialog is up is logged only: no cascade of dialogs.
        if QApplication.instance() is None or showing[0]:
            sys.__excepthook__(exc_type, exc, tb)
            return
        from ui.crash import crash_dialog

        showing[0] = True
        try:
            crash_dialog(exc_type, exc, tb, parent_getter()).exec()
        finally:
            showing[0] = False

    sys.excepthook = hook


def setup_logging(log_dir: Path | None) -> Path | None:
    from mashdesk.logsetup import configure_logging, log_startup

    log_file = configure_logging(log_dir)
    log_startup(log, "desktop app")
    return log_file


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationDisplayName(APP)
    # Fusion follows the system colour scheme (light or dark) and scales cleanly at high DPI.
    app.setStyle("Fusion")
    from ui.first_run import app_icon

    app.setWindowIcon(app_icon())
    # Lets Wayland and the taskbar match windows to packaging/mashdesk.desktop.
    app.setDesktopFileName("mashdesk")
    return app


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="mashdesk-gui", description="MASHdesk desktop app")
    p.add_argument("--db", type=Path, default=None, help="store file (default: user data folder)")
    p.add_argument("--demo", action="store_true", help="seed synthetic demo data into a new store")
    p.add_argument("--user", default="", help="username to pre-fill at sign-in")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the store (set it up with a synthetic administrator if new), show the main window, exit",
    )
    return p.parse_args(argv)


def seed_demo_store(store: Store) -> None:
    from mashdesk.demo import seed_demo

    seed_demo(store)


def main(argv: list[str] | None = None) -> int:
    from mashdesk.paths import default_db_path, log_dir

    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        from ui.first_run import version_text

        print(version_text())
        return 0
    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = make_app(sys.argv[:1])
    setup_logging(log_dir())
    window: list[QWidget | None] = [None]
    install_excepthook(lambda: window[0])
    settings = QSettings(ORG, APP)
    if args.smoke_test:
        from ui.first_run import smoke_test

        return smoke_test(args.db or default_db_path(), MainWindow, app)
    from ui.first_run import resolve_db_path, run_first_run_if_needed

    db_path = resolve_db_path(args.db, settings, default_db_path())
    if not args.demo:
        chosen = run_first_run_if_needed(db_path, args.db, settings)
        if chosen is None:
            return 1
        db_path = chosen
    fresh = not db_path.exists()
    try:
        store = open_store(db_path)
    except StoreError as exc:
        QMessageBox.critical(None, "MASHdesk", f"Cannot open the store:\n{exc}")
        return 2
    if args.demo:
        if not fresh and store.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]:
            log.info("--demo: %s already holds contacts; not seeding again", db_path)
        else:
            seed_demo_store(store)
    ctx = UiContext(store=store, runner=TaskRunner(), settings=settings)
    from ui.signin import SignInDialog

    hint = (
        "Synthetic demo store: sign in as demo.worker1, demo.manager1 or demo.quality (password: demo)."
        if args.demo
        else ""
    )
    dialog = SignInDialog(
        store,
        username=args.user or str(settings.value("signin/user", "")) or ("demo.worker1" if args.demo else ""),
        hint=hint,
    )
    if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.user is None:
        return 1
    ctx.user = dialog.user
    settings.setValue("signin/user", ctx.user.username)
    win = MainWindow(ctx)
    window[0] = win
    win.show()
    return app.exec()


__all__ = ["CurrentUser", "MainWindow", "main", "dt"]
