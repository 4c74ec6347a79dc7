from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from mashdesk import resources
from mashdesk.logsetup import configure_logging, current_log_file
from mashdesk.rules.pack import BUILTIN_PACKS, builtin_pack_path

ROOT = Path(__file__).resolve().parents[2]


def test_resources_found_in_the_source_tree():
    assert resources.resource_root() == ROOT
    assert resources.icon_path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for name in BUILTIN_PACKS:
        assert resources.resource_path("mashdesk", "rules", "packs", f"{name}.yaml") == builtin_pack_path(name)


def test_resources_found_under_meipass_when_frozen(tmp_path, monkeypatch):
    bundled = tmp_path / "packaging" / "icons"
    bundled.mkdir(parents=True)
    (bundled / "mashdesk.png").write_bytes(b"bundled icon")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert resources.is_frozen()
    assert resources.icon_path() == bundled / "mashdesk.png"
    assert resources.read_resource("packaging", "icons", "mashdesk.png") == b"bundled icon"


def test_missing_resource_names_the_path(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    with pytest.raises(FileNotFoundError, match=str(tmp_path / "packaging" / "icons" / "nope.png")):
        resources.icon_path("nope.png")


def test_every_resource_the_spec_bundles_exists():
    spec = (ROOT / "packaging" / "mashdesk.spec").read_text(encoding="utf-8")
    for name in ("mashdesk.png", "mashdesk.svg", "mashdesk.ico"):
        assert f'"{name}"' in spec
        assert resources.icon_path(name).stat().st_size > 0


def test_logs_rotate_in_the_data_folder(tmp_path, clean_root_logger):
    log_dir = tmp_path / "data" / "logs"
    log_file = configure_logging(log_dir, max_bytes=2_000, backup_count=2, console=False)
    assert log_file == log_dir / "mashdesk.log"
    assert current_log_file() == log_file
    logger = logging.getLogger("mashdesk.test")
    for i in range(200):
        logger.info("synthetic log line %03d with some padding to fill the file", i)
    names = sorted(p.name for p in log_dir.iterdir())
    assert names == ["mashdesk.log", "mashdesk.log.1", "mashdesk.log.2"]
    assert all((log_dir / n).stat().st_size <= 2_000 for n in names)
    assert "line 199" in log_file.read_text(encoding="utf-8")
    assert "line 000" not in "".join((log_dir / n).read_text(encoding="utf-8") for n in names)


def test_configuring_twice_does_not_double_the_handlers(tmp_path, clean_root_logger):
    configure_logging(tmp_path / "a", console=False)
    log_file = configure_logging(tmp_path / "b", console=False)
    logging.getLogger("mashdesk.test").warning("once")
    assert log_file.read_text(encoding="utf-8").count("once") == 1
    assert (tmp_path / "a" / "mashdesk.log").read_text(encoding="utf-8") == ""


def test_unwritable_log_folder_does_not_stop_the_app(tmp_path, clean_root_logger):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    assert configure_logging(blocker / "logs", console=False) is None
    assert current_log_file() is None


def test_importing_the_app_configures_no_logging():
    code = (
        "import logging, mashdesk.logsetup, mashdesk.resources, mashdesk.cli, ui.app, ui.first_run, ui.crash;"
        "print(len(logging.getLogger().handlers))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert out.stdout.strip() == "0"
