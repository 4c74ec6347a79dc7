"""The crash dialog: what went wrong, and a report the user can copy for the IT team."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mashdesk.logsetup import current_log_file, versions


def qt_versions() -> dict[str, str]:
    import PySide6
    from PySide6.QtCore import qVersion

    platform_name = QGuiApplication.platformName() if QGuiApplication.instance() else "none"
    return {"PySide6": PySide6.__version__, "Qt": qVersion(), "Qt platform": platform_name}


def crash_report(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    log_file: Path | None = None,
    now: dt.datetime | None = None,
) -> str:
    """Plain text for the IT team: when, versions, where the log is, and the traceback."""
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
    lines = ["MASHdesk crash report", f"Time (UTC): {when}"]
    lines += [f"{k}: {v}" for k, v in (versions() | qt_versions()).items()]
    lines.append(f"Log file: {log_file if log_file else 'not configured'}")
    lines.append("")
    lines.append("".join(traceback.format_exception(exc_type, exc, tb)).rstrip())
    return "\n".join(lines) + "\n"


class CrashDialog(QDialog):
    def __init__(self, report: str, summary: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("MASHdesk: something went wrong")
        self.setAccessibleName("Crash report")
        self.report_text = report
        self.log_file = log_file
        heading = QLabel(
            f"<b>{_escape(summary)}</b><br>Work already saved is safe in the store. "
            "The error was written to the log. Copy the report below and send it to your IT team; "
            "check first that it holds no names or case details."
        )
        heading.setWordWrap(True)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Crash report text")
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setMinimumSize(640, 300)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy report")
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_logs = QPushButton("Open &log folder")
        self.open_logs.setEnabled(log_file is not None)
        self.open_logs.clicked.connect(self.open_log_folder)
        buttons.addButton(self.open_logs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.report)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text)
        self.status.setText("Report copied to the clipboard.")

    def open_log_folder(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def crash_dialog(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> CrashDialog:
    log_file = current_log_file()
    report = crash_report(exc_type, exc, tb, log_file=log_file)
    return CrashDialog(report, f"{exc_type.__name__}: {exc}", log_file, parent)
