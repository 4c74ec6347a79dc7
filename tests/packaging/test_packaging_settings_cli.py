from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from mashdesk import settings
from mashdesk.cli import cli
from mashdesk.store import open_store
from ui.first_run import FirstRunChoices, apply_first_run

PASSWORD = "synthetic-admin-pass"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "mashdesk.db"
    apply_first_run(None, FirstRunChoices(path, "it.admin", "Ida Admin (synthetic)", PASSWORD))
    return path


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args], env={"MASHDESK_PASSWORD": PASSWORD})


def test_list_shows_every_setting_with_its_value(db):
    result = run(db, "settings", "list", "--json")
    assert result.exit_code == 0, result.output
    values = json.loads(result.output)
    assert set(values) == set(settings.SETTINGS)
    assert values["rules_pack"] == "default"


def test_admin_sets_referrer_domains_and_phone_profiles_with_an_audit_event(db, tmp_path):
    domains = {"ourtown.gov.uk": "5B", "ourtown-police.example": "4"}
    assert run(db, "settings", "set", "referrer_domains", json.dumps(domains), "--user", "it.admin").exit_code == 0
    profile = str(tmp_path / "profiles" / "switchboard.toml")
    assert run(db, "settings", "set", "call_profile_paths", json.dumps([profile]), "--user", "it.admin").exit_code == 0
    store = open_store(db)
    try:
        assert settings.get(store, "referrer_domains") == domains
        assert settings.call_profile_paths(store) == [tmp_path / "profiles" / "switchboard.toml"]
        rows = store.conn.execute(
            "SELECT entity_id FROM audit_events WHERE action = 'settings.change' ORDER BY seq"
        ).fetchall()
        assert [r[0] for r in rows] == ["referrer_domains", "call_profile_paths"]
    finally:
        store.close()
    assert run(db, "settings", "reset", "referrer_domains", "--user", "it.admin").exit_code == 0
    assert json.loads(run(db, "settings", "list", "--json").output)["referrer_domains"] == {}


def test_wrong_types_and_unknown_packs_are_refused_before_sign_in(db):
    assert run(db, "settings", "set", "claim_minutes", '"an hour"', "--user", "it.admin").exit_code == 2
    assert run(db, "settings", "set", "claim_minutes", "-5", "--user", "it.admin").exit_code == 2
    assert run(db, "settings", "set", "rules_pack", "no_such_pack", "--user", "it.admin").exit_code == 2
    assert run(db, "settings", "set", "retention_years", "3", "--user", "it.admin").exit_code == 2


def test_the_rules_pack_belongs_to_quality_not_it(db):
    result = run(db, "settings", "set", "rules_pack", "early_help_l3", "--user", "it.admin")
    assert result.exit_code != 0
    assert "not allowed to change rules packs" in result.output
