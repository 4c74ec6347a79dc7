from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import PASSWORD, USERNAMES
from ui.app import MainWindow, install_excepthook
from ui.signin import SignInDialog


def test_unhandled_errors_are_logged_and_shown(qtbot, monkeypatch, caplog):
    from ui.crash import CrashDialog

    shown = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: shown.append(self.report_text) or 0)
    old = sys.excepthook
    try:
        install_excepthook()
        with caplog.at_level(logging.ERROR, logger="mashdesk.ui"):
            try:
                raise RuntimeError("store went away")
            except RuntimeError:
                sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    assert shown and "store went away" in shown[0]
    assert "store went away" in caplog.text


def test_sign_in_refuses_a_wrong_password_then_accepts(qtbot, store):
    dialog = SignInDialog(store, username=USERNAMES["manager"])
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    dialog.try_sign_in()
    assert dialog.user is None and "wrong password" in dialog.error.text().lower()
    dialog.password.setText(PASSWORD)
    dialog.try_sign_in()
    assert dialog.user is not None and dialog.user.role == "manager"
    assert dialog.result() == SignInDialog.DialogCode.Accepted


def test_main_window_tabs_follow_the_role_and_state_is_remembered(qtbot, store, make_ctx):
    worker = MainWindow(make_ctx(store, "social_worker"))
    qtbot.addWidget(worker)
    assert worker.oversight is None and worker.quality is None
    manager_ctx = make_ctx(store, "manager")
    manager = MainWindow(manager_ctx)
    qtbot.addWidget(manager)
    assert manager.oversight is not None and manager.quality is not None
    manager.resize(640, 480)
    manager.save_state()
    again = MainWindow(manager_ctx)
    qtbot.addWidget(again)
    assert again.size().width() == 640
    unnamed = [
        w
        for w in manager.findChildren(QMessageBox.__mro__[2])  # QWidget
        if not w.accessibleName() and w.objectName() != "qt_spinbox_lineedit"
        and type(w).__name__ in ("QComboBox", "QLineEdit", "QCheckBox", "QPushButton")
    ]  # fmt: skip
    assert unnamed == [], [type(w).__name__ + ":" + getattr(w, "text", lambda: "")() for w in unnamed]


def test_main_opens_seeds_signs_in_and_shows_the_window(qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    import ui.app as app_module

    monkeypatch.setenv("MASHDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(app_module, "QSettings", lambda *a: QSettings(ini, QSettings.Format.IniFormat))
    monkeypatch.setattr(app_module, "seed_demo_store", lambda store: seeded.append(store.path))
    seeded: list = []
    users: list = []

    def fake_exec(dialog):
        users.append(dialog.username.text())
        dialog.user = app_module.CurrentUser("demo.worker1", "Demo", "social_worker")
        return SignInDialog.DialogCode.Accepted

    monkeypatch.setattr(SignInDialog, "exec", fake_exec)
    shown: list = []
    monkeypatch.setattr(QApplication, "exec", lambda self=None: shown.append(True) or 0)
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self))
    assert app_module.main(["--db", str(tmp_path / "d.db"), "--demo"]) == 0
    assert seeded == [tmp_path / "d.db"] and users == ["demo.worker1"]
    windows = [w for w in shown if isinstance(w, MainWindow)]
    assert windows and windows[0].ctx.user.username == "demo.worker1"
    windows[0].close()
