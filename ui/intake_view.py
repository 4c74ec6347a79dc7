"""Intake from the app: add files or folders, drag and drop, and watch folders set here.
Ingest runs on the task runner with progress and cancel; the window never freezes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.context import UiContext
from ui.tasks import TaskHandle

WATCH_KEY = "intake/watch_folders"
WATCH_INTERVAL_KEY = "intake/watch_minutes"


def run_ingest(progress, store, paths: list[Path]):
    """Worker-thread body: the core ingest with the runner's progress handle."""
    from mashdesk.intake import ingest

    return ingest(paths, store, progress)


def describe_report(report) -> str:
    fields = ("new", "duplicate", "linked", "quarantined")
    return ", ".join(f"{getattr(report, f, 0)} {f}" for f in fields)


class IntakeView(QWidget):
    ingested = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Intake")
        self.setAcceptDrops(True)
        self.current: TaskHandle | None = None
        self.watcher = None
        add_files = QPushButton("Add &files…")
        add_files.setAccessibleName("Add files to ingest")
        add_files.clicked.connect(self.choose_files)
        add_folder = QPushButton("Add f&older…")
        add_folder.setAccessibleName("Add a folder to ingest")
        add_folder.clicked.connect(self.choose_folder)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Intake progress")
        self.cancel = QPushButton("Cancel")
        self.cancel.setAccessibleName("Cancel intake")
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(lambda: self.current and self.current.cancel())
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setAccessibleName("Intake log")
        self.watch_list = QListWidget()
        self.watch_list.setAccessibleName("Watched folders")
        self.watch_list.addItems(self._watched())
        add_watch = QPushButton("Watch a folder…")
        add_watch.setAccessibleName("Add a watched folder")
        add_watch.clicked.connect(self.add_watch)
        remove_watch = QPushButton("Stop watching")
        remove_watch.setAccessibleName("Remove the selected watched folder")
        remove_watch.clicked.connect(self.remove_watch)
        self.interval = QSpinBox()
        self.interval.setRange(1, 120)
        self.interval.setSuffix(" min")
        self.interval.setAccessibleName("Watch interval in minutes")
        self.interval.setValue(int(ctx.settings.value(WATCH_INTERVAL_KEY, 5)))
        self.interval.valueChanged.connect(self._interval_changed)

        row = QHBoxLayout()
        row.addWidget(add_files)
        row.addWidget(add_folder)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel)
        watch_row = QHBoxLayout()
        watch_row.addWidget(add_watch)
        watch_row.addWidget(remove_watch)
        watch_row.addWidget(QLabel("Check every"))
        watch_row.addWidget(self.interval)
        watch_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Drop .eml, .msg, mbox or call CSV files or folders here, or add them:"))
        layout.addLayout(row)
        layout.addWidget(self.log, 2)
        layout.addWidget(QLabel("Watched folders (checked while the app is open):"))
        layout.addWidget(self.watch_list, 1)
        layout.addLayout(watch_row)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_watched)
        self._interval_changed(self.interval.value())

    # -- sources --
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add files to ingest")
        if files:
            self.ingest([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder to ingest")
        if folder:
            self.ingest([Path(folder)])

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.ingest(paths)

    # -- watched folders --
    def _watched(self) -> list[str]:
        value = self.ctx.settings.value(WATCH_KEY, [])
        return [value] if isinstance(value, str) else list(value or [])

    def _save_watched(self) -> None:
        folders = [self.watch_list.item(i).text() for i in range(self.watch_list.count())]
        self.ctx.settings.setValue(WATCH_KEY, folders)

    def add_watch(self, folder: str | None = None) -> None:
        folder = folder or QFileDialog.getExistingDirectory(self, "Watch a folder")
        if folder and folder not in self._watched():
            self.watch_list.addItem(folder)
            self._save_watched()

    def remove_watch(self) -> None:
        for item in self.watch_list.selectedItems():
            self.watch_list.takeItem(self.watch_list.row(item))
        self._save_watched()

    def _interval_changed(self, minutes: int) -> None:
        self.ctx.settings.setValue(WATCH_INTERVAL_KEY, minutes)
        self.timer.start(minutes * 60_000)

    def check_watched(self) -> TaskHandle | None:
        """One pass of the core's FolderWatcher (a file is taken once it stops growing)."""
        from mashdesk.intake.watch import FolderWatcher

        folders = [Path(f) for f in self._watched()]
        if not folders or self.current is not None:
            return None
        if self.watcher is None or self.watcher.folders != folders:
            self.watcher = FolderWatcher(self.ctx.store, folders)
        watcher = self.watcher
        return self._start(lambda _p: watcher.poll(), "watched folders", quiet=True)

    # -- work --
    def ingest(self, paths: list[Path]) -> TaskHandle | None:
        self.log.appendPlainText("Ingesting " + ", ".join(str(p) for p in paths))
        store = self.ctx.store
        return self._start(lambda p: run_ingest(p, store, paths), "intake")

    def _start(self, fn, name: str, quiet: bool = False) -> TaskHandle | None:
        if self.current is not None:
            if not quiet:
                self.log.appendPlainText("Intake already running; wait for it or cancel it.")
            return None
        handle = self.ctx.runner.submit(fn, name=name)
        handle.show_progress = not quiet
        self.current = handle
        self.cancel.setEnabled(True)
        self.progress.setRange(0, 0)
        handle.progress.connect(self._progress)
        handle.finished.connect(self._finished)
        handle.failed.connect(lambda exc: self.log.appendPlainText(f"Intake failed: {exc}"))
        handle.cancelled.connect(lambda: self.log.appendPlainText("Intake cancelled; items already stored are kept."))
        handle.done.connect(self._done)
        return handle

    def _progress(self, done: int, total, message: str) -> None:
        if total:
            self.progress.setRange(0, int(total))
            self.progress.setValue(done)
        if message:
            self.progress.setFormat(f"%v/%m {message[:40]}")

    def _finished(self, report) -> None:
        if report.new or report.duplicate or report.quarantined:
            self.log.appendPlainText("Done: " + describe_report(report))
        self.ingested.emit(report)

    def _done(self) -> None:
        self.current = None
        self.cancel.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)


def main() -> None:
    from ui.preview import run_preview

    run_preview(lambda ctx, ids: IntakeView(ctx))


if __name__ == "__main__":
    main()
