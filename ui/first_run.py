"""First run: choose the data folder, create the administrator, pick a rules pack, demo data or empty.

Watch folders and mailboxes are set later, in settings. The work itself is `apply_first_run`, a
plain function with a progress handle; the wizard runs it off the GUI thread (demo seeding takes
seconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from mashdesk.progress import NullProgress, Progress
from mashdesk.store import Store, open_store
from ui.tasks import TaskHandle, TaskRunner

DB_FILE_NAME = "mashdesk.db"


@dataclass
class FirstRunChoices:
    db_path: Path
    username: str
    full_name: str
    password: str
    rules_pack: str = "default"
    demo: bool = False
    desk: str | None = None
    demo_contacts: int = 400


def needs_first_run(store: Store) -> bool:
    from mashdesk.accounts import has_users

    return not has_users(store)


def validate_admin(username: str, full_name: str, password: str, confirm: str) -> str:
    """The reason the administrator cannot be created, in plain words, or '' when fine."""
    from mashdesk.accounts.passwords import check_strength
    from mashdesk.accounts.users import _validate_new_user

    try:
        _validate_new_user(username, full_name, "administrator")
        check_strength(password)
    except ValueError as exc:
        return str(exc)
    if password != confirm:
        return "The two passwords differ."
    return ""


def available_packs() -> list[tuple[str, str]]:
    """(name, description) of each built-in rules pack that loads; a broken one is left out."""
    from mashdesk.rules.pack import BUILTIN_PACKS, InvalidPack, load_pack

    packs = []
    for name in BUILTIN_PACKS:
        try:
            pack = load_pack(name)
        except InvalidPack:
            continue
        packs.append((name, f"{pack.title} (version {pack.version}, {len(pack.indicators)} indicators)"))
    return packs


def apply_first_run(progress: Progress | None, choices: FirstRunChoices) -> Path:
    """Create the store and its administrator, record the rules pack, optionally seed demo data."""
    from mashdesk import settings
    from mashdesk.accounts import create_first_administrator

    progress = progress or NullProgress()
    choices.db_path.parent.mkdir(parents=True, exist_ok=True)
    progress.report(0, None, "Creating the store")
    store = open_store(choices.db_path)
    try:
        create_first_administrator(store, choices.username, choices.full_name, choices.password, choices.desk)
        settings.put(store, "rules_pack", choices.rules_pack)
        if choices.demo:
            from mashdesk.demo import seed_demo

            seed_demo(store, n=choices.demo_contacts, progress=progress)
    finally:
        store.close()
    return choices.db_path


class DataFolderPage(QWizardPage):
    def __init__(self, default_folder: Path, fixed_db: Path | None) -> None:
        super().__init__()
        self.fixed_db = fixed_db
        self.setTitle("Where MASHdesk keeps its data")
        intro = QLabel(
            "The store (one SQLite file) holds every contact, decision and the audit trail. Keep it on "
            "this computer's own disk or the terminal server's local disk, never on a network share."
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit(str(fixed_db.parent if fixed_db else default_folder))
        self.folder.setAccessibleName("Data folder")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.browse)
        if fixed_db is not None:
            self.folder.setReadOnly(True)
            browse.setEnabled(False)
            intro.setText(intro.text() + f"\n\nThe store was given on the command line: {fixed_db}")
        row = QHBoxLayout()
        row.addWidget(self.folder)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        self.registerField("folder*", self.folder)

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Data folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def db_path(self) -> Path:
        return self.fixed_db or Path(self.folder.text().strip()).expanduser() / DB_FILE_NAME

    def validatePage(self) -> bool:  # noqa: N802
        if getattr(self.wizard(), "opening_existing", False):
            return True
        path = self.db_path()
        if path.is_file():
            store = open_store(path)
            try:
                existing = not needs_first_run(store)
            finally:
                store.close()
            if existing:
                # A team's store already set up there: open it instead of setting up again.
                self.wizard().use_existing(path)
                return False
        return True


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Create the administrator")
        self.setSubTitle("The administrator adds the other users. Choose a long password and keep it safe.")
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.confirm = QLineEdit()
        for edit, name in (
            (self.username, "Administrator username"),
            (self.full_name, "Administrator full name"),
            (self.password, "Administrator password"),
            (self.confirm, "Confirm password"),
        ):
            edit.setAccessibleName(name)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setAccessibleName("Administrator error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #c03030; }")
        form = QFormLayout(self)
        form.addRow("&Username", self.username)
        form.addRow("&Full name", self.full_name)
        form.addRow("&Password", self.password)
        form.addRow("&Confirm password", self.confirm)
        form.addRow(self.error)

    def validatePage(self) -> bool:  # noqa: N802
        problem = validate_admin(
            self.username.text().strip(), self.full_name.text().strip(), self.password.text(), self.confirm.text()
        )
        self.error.setText(problem)
        return not problem


class RulesPackPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Threshold rules pack")
        self.setSubTitle("The rules that suggest a level for each contact. A quality lead can change it later.")
        self.packs = QListWidget()
        self.packs.setAccessibleName("Rules packs")
        for name, description in available_packs():
            item = QListWidgetItem(f"{name}: {description}")
            item.setData(0x0100, name)
            self.packs.addItem(item)
        if self.packs.count():
            self.packs.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.packs)

    def chosen(self) -> str:
        item = self.packs.currentItem()
        return str(item.data(0x0100)) if item is not None else "default"


class StartPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Start empty or with demo data")
        self.setSubTitle("Demo data is for training stores only, never for live work.")
        self.empty = QRadioButton("Start &empty (for real work)")
        self.demo = QRadioButton(
            "Load &synthetic demo data (training only: 400 made-up contacts, demo accounts with password 'demo')"
        )
        self.empty.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.empty)
        group.addButton(self.demo)
        later = QLabel(
            "Watch folders, mailboxes, phone-log profiles and referrer domains are set up afterwards by IT "
            "with the mashdesk command line (settings, mailbox, watch): see docs/deployment.md."
        )
        later.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Setting up")
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.demo)
        layout.addWidget(later)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)


class FirstRunWizard(QWizard):
    """Shown when the store has no account yet. `db_path` is set once it has finished."""

    def __init__(
        self,
        default_folder: Path,
        fixed_db: Path | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up MASHdesk")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.runner = runner or TaskRunner(self)
        self.folder_page = DataFolderPage(default_folder, fixed_db)
        self.admin_page = AdminPage()
        self.pack_page = RulesPackPage()
        self.start_page = StartPage()
        for page in (self.folder_page, self.admin_page, self.pack_page, self.start_page):
            self.addPage(page)
        self.db_path: Path | None = None
        self.task: TaskHandle | None = None

    def choices(self) -> FirstRunChoices:
        a = self.admin_page
        return FirstRunChoices(
            db_path=self.folder_page.db_path(),
            username=a.username.text().strip(),
            full_name=a.full_name.text().strip(),
            password=a.password.text(),
            rules_pack=self.pack_page.chosen(),
            demo=self.start_page.demo.isChecked(),
        )

    def use_existing(self, db_path: Path) -> None:
        self.db_path = db_path
        # Accepting validates the current page again: the flag lets that second check pass.
        self.opening_existing = True
        self.done(QWizard.DialogCode.Accepted)

    def accept(self) -> None:
        if self.task is not None:
            return
        page = self.start_page
        page.progress.setRange(0, 0)
        page.progress.show()
        page.status.setText("Setting up…")
        for which in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(False)
        self.task = self.runner.submit(apply_first_run, self.choices(), name="First run")
        self.task.progress.connect(self._progress)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)

    def _progress(self, done: int, total, message: str) -> None:
        if total:
            self.start_page.progress.setRange(0, int(total))
            self.start_page.progress.setValue(done)
        if message:
            self.start_page.status.setText(message)

    def _finished(self, db_path: Path) -> None:
        self.db_path = db_path
        self.task = None
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.start_page.progress.hide()
        self.start_page.status.setText(f"Setup failed: {exc}")
        for which in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(True)


# -- start-up helpers used by ui.app.main() --


def version_text() -> str:
    from PySide6 import __version__ as pyside_version

    from mashdesk.logsetup import versions

    v = versions()
    return f"MASHdesk {v['MASHdesk']} (Python {v['Python']}, SQLite {v['SQLite']}, PySide6 {pyside_version})"


def app_icon():
    from PySide6.QtGui import QIcon

    from mashdesk.resources import icon_path

    try:
        return QIcon(str(icon_path("mashdesk.png")))
    except FileNotFoundError:
        return QIcon()


def resolve_db_path(cli_db: Path | None, settings, default: Path) -> Path:
    """--db, then MASHDESK_DB, then the folder chosen at first run, then the user data folder."""
    import os

    if cli_db is not None:
        return cli_db
    if os.environ.get("MASHDESK_DB"):
        return default
    saved = settings.value("store/path")
    return Path(str(saved)) if saved else default


def run_first_run_if_needed(db_path: Path, cli_db: Path | None, settings) -> Path | None:
    """The store to open: `db_path` when it has accounts, else what the wizard set up (None: cancelled)."""
    if db_path.exists():
        store = open_store(db_path)
        try:
            if not needs_first_run(store):
                return db_path
        finally:
            store.close()
    fixed = cli_db or (db_path if db_path.exists() else None)
    wizard = FirstRunWizard(default_folder=db_path.parent, fixed_db=fixed)
    if wizard.exec() != QWizard.DialogCode.Accepted or wizard.db_path is None:
        return None
    if cli_db is None:
        settings.setValue("store/path", str(wizard.db_path))
    return wizard.db_path


def smoke_test(db_path: Path, window_class, app) -> int:
    """Checks a (frozen) build end to end without a user: packs, icon, store, sign-in, main window."""
    import logging
    import secrets
    import sys
    import traceback

    from PySide6.QtCore import QSettings, QTimer

    from mashdesk.rules import load_pack, run_pack_tests
    from mashdesk.rules.pack import BUILTIN_PACKS
    from ui.context import CurrentUser, UiContext
    from ui.signin import accounts_sign_in

    def say(line: str) -> None:
        logging.getLogger("mashdesk.smoke").info(line)
        if sys.stdout is not None:
            print(line, flush=True)

    try:
        say(version_text())
        say(f"Qt platform: {app.platformName()}")
        from mashdesk.resources import icon_path

        say(f"icon: {icon_path('mashdesk.png')}")
        for name in BUILTIN_PACKS:
            report = run_pack_tests(load_pack(name))
            if not report.ok:
                raise RuntimeError(f"rules pack {name}: {len(report.failures)} self-test failures")
            say(f"rules pack {name}: {report.checked} examples pass")
        wizard = FirstRunWizard(default_folder=db_path.parent)
        offered = wizard.pack_page.packs.count()
        if offered != len(BUILTIN_PACKS):
            raise RuntimeError(f"first-run wizard offers {offered} of {len(BUILTIN_PACKS)} rules packs")
        wizard.deleteLater()
        say(f"first-run wizard built, offering {offered} rules packs")
        try:
            raise RuntimeError("synthetic error for the smoke test's crash report")
        except RuntimeError as exc:
            from ui.crash import crash_dialog

            dialog = crash_dialog(type(exc), exc, exc.__traceback__)
            if "synthetic error for the smoke test" not in dialog.report_text:
                raise RuntimeError("crash report lacks the traceback") from exc
            frozen_line = next(line for line in dialog.report_text.splitlines() if line.startswith("Frozen"))
            dialog.deleteLater()
        say(f"crash dialog built ({frozen_line})")
        password = secrets.token_urlsafe(18)
        created = False
        if not db_path.exists():
            apply_first_run(None, FirstRunChoices(db_path, "smoke.admin", "Smoke Test (synthetic)", password))
            created = True
        store = open_store(db_path)
        try:
            if created:
                user = accounts_sign_in(store, "smoke.admin", password)
            else:
                user = CurrentUser("smoke.test", "Smoke Test (synthetic)", "social_worker")
            say(f"store: {db_path} ({'created' if created else 'existing'}), signed in as {user.username}")
            ini = QSettings(str(db_path.parent / "smoke-test-settings.ini"), QSettings.Format.IniFormat)
            ctx = UiContext(store=store, runner=TaskRunner(), settings=ini, user=user)
            window = window_class(ctx)
            window.show()
            QTimer.singleShot(300, window.close)
            QTimer.singleShot(400, app.quit)
            code = app.exec()
            say(f"main window opened with {window.tabs.count()} tabs and closed; event loop exit {code}")
        finally:
            store.close()
    except Exception:  # noqa: BLE001 - the smoke test reports every failure and exits non-zero
        say("smoke test FAILED:\n" + traceback.format_exc())
        return 1
    say("smoke test: ok")
    return 0
