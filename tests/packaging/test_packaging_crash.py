from __future__ import annotations

import logging
import sys

from mashdesk import __version__
from mashdesk.logsetup import configure_logging
from ui.crash import CrashDialog, crash_dialog, crash_report


def _raise_synthetic():
    raise ValueError("synthetic failure for the crash test")


def _exc_info():
    try:
        _raise_synthetic()
    except ValueError:
        return sys.exc_info()
    raise AssertionError("no exception")


def test_report_holds_traceback_versions_and_log_path(qapp, tmp_path):
    exc_type, exc, tb = _exc_info()
    report = crash_report(exc_type, exc, tb, log_file=tmp_path / "logs" / "mashdesk.log")
    assert report.startswith("MASHdesk crash report\n")
    assert f"MASHdesk: {__version__}" in report
    assert "Python: 3." in report
    assert "Qt platform: offscreen" in report
    assert f"Log file: {tmp_path / 'logs' / 'mashdesk.log'}" in report
    assert "in _raise_synthetic" in report
    assert report.rstrip().endswith("ValueError: synthetic failure for the crash test")


def test_dialog_copies_the_report(qtbot, tmp_path, clean_root_logger):
    log_file = configure_logging(tmp_path / "logs", console=False)
    dialog = crash_dialog(*_exc_info())
    qtbot.addWidget(dialog)
    assert f"Log file: {log_file}" in dialog.report.toPlainText()
    assert dialog.open_logs.isEnabled()
    dialog.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == dialog.report_text
    assert "copied" in dialog.status.text()


def test_excepthook_logs_and_shows_the_crash_dialog(qtbot, monkeypatch, tmp_path, clean_root_logger):
    from ui.app import install_excepthook

    log_file = configure_logging(tmp_path / "logs", console=False)
    shown: list[str] = []

    def fake_exec(self):
        shown.append(self.report_text)
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    sys.excepthook(*_exc_info())
    assert len(shown) == 1 and "synthetic failure for the crash test" in shown[0]
    logging.getLogger().handlers[0].flush()
    assert "unhandled error" in log_file.read_text(encoding="utf-8")
