"""Logging to the data folder, rotated. Configured by a front end's main(), never at import."""

from __future__ import annotations

import logging
import platform
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "mashdesk.log"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(process)d %(threadName)s %(name)s: %(message)s"

# Marks the handlers this module installed, so configuring twice replaces them instead of doubling.
_OURS = "_mashdesk_logsetup"


def _remove_ours(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()


def configure_logging(
    log_dir: Path | None,
    *,
    level: int = logging.INFO,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
    console: bool = True,
) -> Path | None:
    """Send log records to `log_dir/mashdesk.log` (rotated) and to stderr when there is one.

    Returns the log file, or None when the folder cannot be written (logging then goes to stderr
    only and a warning says why: a read-only profile must not stop the app from starting)."""
    root = logging.getLogger()
    _remove_ours(root)
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    log_file: Path | None = None
    problem = ""
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            log_file = log_dir / LOG_FILE_NAME
            handlers.append(
                RotatingFileHandler(log_file, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8")
            )
        except OSError as exc:
            problem = f"cannot write logs to {log_dir}: {exc}"
            log_file = None
    # A windowed Windows build has no stderr at all.
    if console and sys.stderr is not None:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    if problem:
        logging.getLogger("mashdesk").warning(problem)
    return log_file


def current_log_file() -> Path | None:
    """The file the configured rotating handler writes to, if any (for crash reports)."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, _OURS, False) and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def versions() -> dict[str, str]:
    """Versions worth naming in a log header or a crash report (no personal data)."""
    import sqlite3

    from mashdesk import __version__
    from mashdesk.resources import is_frozen

    return {
        "MASHdesk": __version__,
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "Platform": platform.platform(),
        "Frozen bundle": "yes" if is_frozen() else "no",
    }


def log_startup(logger: logging.Logger, what: str) -> None:
    logger.info("%s starting: %s", what, ", ".join(f"{k} {v}" for k, v in versions().items()))
