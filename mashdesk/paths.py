"""Where MASHdesk keeps its files. Resolved in main(), never at import."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "MASHdesk"


def data_dir() -> Path:
    override = os.environ.get("MASHDESK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def default_db_path() -> Path:
    override = os.environ.get("MASHDESK_DB")
    return Path(override) if override else data_dir() / "mashdesk.db"


def log_dir() -> Path:
    return data_dir() / "logs"
