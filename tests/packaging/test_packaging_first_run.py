from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWizard

from mashdesk import settings
from mashdesk.accounts import has_users, sign_in
from mashdesk.store import open_store
from ui.first_run import (
    FirstRunChoices,
    FirstRunWizard,
    apply_first_run,
    needs_first_run,
    resolve_db_path,
    run_first_run_if_needed,
    validate_admin,
)

PASSWORD = "synthetic-admin-pass"


def _contacts(store) -> int:
    return store.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]


def test_apply_first_run_empty_store(tmp_path):
    db = tmp_path / "new folder" / "mashdesk.db"
    path = apply_first_run(None, FirstRunChoices(db, "it.admin", "Ida Admin (synthetic)", PASSWORD, "early_help_l3"))
    assert path == db
    store = open_store(db)
    try:
        assert not needs_first_run(store)
        actor = sign_in(store, "it.admin", PASSWORD)
        assert actor.role == "administrator"
        assert settings.get(store, "rules_pack") == "early_help_l3"
        assert _contacts(store) == 0
    finally:
        store.close()


def test_apply_first_run_with_demo_data(tmp_path):
    db = tmp_path / "mashdesk.db"
    choices = FirstRunChoices(db, "it.admin", "Ida Admin (synthetic)", PASSWORD, demo=True, demo_contacts=12)
    apply_first_run(None, choices)
    store = open_store(db)
    try:
        assert _contacts(store) == 12
        assert sign_in(store, "it.admin", PASSWORD).role == "administrator"
        demo_users = store.conn.execute("SELECT count(*) FROM users WHERE synthetic = 1").fetchone()[0]
        assert demo_users >= 5
    finally:
        store.close()


@pytest.mark.parametrize(
    ("username", "full_name", "password", "confirm", "problem"),
    [
        ("it.admin", "Ida Admin", PASSWORD, PASSWORD, ""),
        ("it.admin", "Ida Admin", "short", "short", "at least 10 characters"),
        ("it.admin", "Ida Admin", PASSWORD, PASSWORD + "x", "differ"),
        ("it admin!", "Ida Admin", PASSWORD, PASSWORD, "username"),
        ("it.admin", "  ", PASSWORD, PASSWORD, "full name"),
    ],
)
def test_validate_admin(username, full_name, password, confirm, problem):
    result = validate_admin(username, full_name, password, confirm)
    assert (problem in result) if problem else result == ""
    assert bool(result) == bool(problem)


def _fill_and_finish(qtbot, wizard: FirstRunWizard, folder: Path | None, pack: str, demo: bool) -> None:
    qtbot.addWidget(wizard)
    wizard.show()
    if folder is not None:
        wizard.folder_page.folder.setText(str(folder))
    wizard.next()
    page = wizard.admin_page
    assert wizard.currentPage() is page
    page.username.setText("it.admin")
    page.full_name.setText("Ida Admin (synthetic)")
    page.password.setText(PASSWORD)
    page.confirm.setText("not the same password")
    wizard.next()
    assert wizard.currentPage() is page, "a mismatched confirmation must keep the wizard on the admin page"
    assert "differ" in page.error.text()
    page.confirm.setText(PASSWORD)
    wizard.next()
    assert wizard.currentPage() is wizard.pack_page
    names = [wizard.pack_page.packs.item(i).data(0x0100) for i in range(wizard.pack_page.packs.count())]
    assert {"default", "early_help_l3"} <= set(names)
    wizard.pack_page.packs.setCurrentRow(names.index(pack))
    wizard.next()
    assert wizard.currentPage() is wizard.start_page
    wizard.start_page.demo.setChecked(demo)
    with qtbot.waitSignal(wizard.accepted, timeout=20_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def test_wizard_creates_admin_and_store(qtbot, tmp_path):
    folder = tmp_path / "chosen data folder"
    wizard = FirstRunWizard(default_folder=tmp_path / "default")
    _fill_and_finish(qtbot, wizard, folder, "early_help_l3", demo=False)
    assert wizard.db_path == folder / "mashdesk.db"
    store = open_store(wizard.db_path)
    try:
        assert sign_in(store, "it.admin", PASSWORD).role == "administrator"
        assert settings.get(store, "rules_pack") == "early_help_l3"
        assert _contacts(store) == 0
    finally:
        store.close()
    assert not (tmp_path / "default").exists()


def test_wizard_with_a_fixed_db_keeps_that_path(qtbot, tmp_path):
    db = tmp_path / "server" / "team.db"
    wizard = FirstRunWizard(default_folder=tmp_path / "elsewhere", fixed_db=db)
    assert wizard.folder_page.folder.isReadOnly()
    _fill_and_finish(qtbot, wizard, None, "default", demo=False)
    assert wizard.db_path == db
    store = open_store(db)
    try:
        assert has_users(store)
    finally:
        store.close()


def test_existing_store_with_accounts_skips_the_wizard(tmp_path, qapp):
    db = tmp_path / "mashdesk.db"
    apply_first_run(None, FirstRunChoices(db, "it.admin", "Ida Admin (synthetic)", PASSWORD))
    ini = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert run_first_run_if_needed(db, None, ini) == db


def test_store_path_resolution(tmp_path, monkeypatch, qapp):
    monkeypatch.delenv("MASHDESK_DB", raising=False)
    ini = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    default = tmp_path / "default.db"
    assert resolve_db_path(None, ini, default) == default
    ini.setValue("store/path", str(tmp_path / "chosen.db"))
    assert resolve_db_path(None, ini, default) == tmp_path / "chosen.db"
    assert resolve_db_path(tmp_path / "cli.db", ini, default) == tmp_path / "cli.db"
    monkeypatch.setenv("MASHDESK_DB", str(default))
    assert resolve_db_path(None, ini, default) == default


def test_version_flag(capsys):
    from mashdesk import __version__
    from ui.app import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith(f"MASHdesk {__version__} (Python 3.")


def test_smoke_test_mode_opens_a_new_store_and_exits(qapp, tmp_path, capsys, clean_root_logger):
    from ui.app import MainWindow
    from ui.first_run import smoke_test

    assert smoke_test(tmp_path / "smoke.db", MainWindow, qapp) == 0
    out = capsys.readouterr().out
    assert "rules pack default:" in out and "examples pass" in out
    assert "signed in as smoke.admin" in out
    assert out.rstrip().endswith("smoke test: ok")


def test_choosing_a_folder_that_holds_a_set_up_store_opens_it(qtbot, tmp_path):
    folder = tmp_path / "team"
    apply_first_run(None, FirstRunChoices(folder / "mashdesk.db", "it.admin", "Ida Admin (synthetic)", PASSWORD))
    wizard = FirstRunWizard(default_folder=tmp_path / "default")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.folder_page.folder.setText(str(folder))
    with qtbot.waitSignal(wizard.accepted, timeout=5_000):
        wizard.next()
    assert wizard.db_path == folder / "mashdesk.db"
    store = open_store(wizard.db_path)
    try:
        assert store.conn.execute("SELECT count(*) FROM users").fetchone()[0] == 1
    finally:
        store.close()


def test_pack_chosen_at_first_run_is_the_one_intake_suggests_with(tmp_path):
    from mashdesk.intake import ingest_bytes

    db = tmp_path / "mashdesk.db"
    apply_first_run(None, FirstRunChoices(db, "it.admin", "Ida Admin (synthetic)", PASSWORD, "early_help_l3"))
    store = open_store(db)
    try:
        eml = (
            b"From: duty@school.sch.uk\nSubject: Synthetic concern\nMessage-ID: <fr-1@synthetic.example>\n"
            b"Date: Mon, 23 Nov 2026 09:00:00 +0000\n\nSYNTHETIC. Pupil Test Child (age 9) came to school hungry.\n"
        )
        assert ingest_bytes(store, eml, "synthetic.eml").new == 1
        packs = store.conn.execute("SELECT DISTINCT pack_name FROM suggestions").fetchall()
        assert packs == [("early_help_l3",)]
    finally:
        store.close()
