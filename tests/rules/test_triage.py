"""Suggestions: combining, storing with the pack reference, resuggest, suggest/diff commands."""

from __future__ import annotations

import json
import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from mashdesk import intake, triage
from mashdesk.cli import cli
from mashdesk.domain import ROUTING_CODES
from mashdesk.rules import RuleFacts, evaluate, load_pack
from mashdesk.store import open_store

BODIES = [
    (
        "Concern about Leah",
        "Leah (Y6) said her mum's boyfriend whacked her round the head with a "
        "slipper on Saturday. No marks seen today.",
    ),
    (
        "Attendance",
        "Sam's attendance has dropped to 88% this term. Mum asked for a parenting "
        "course. No concerns about home; he says his dad never hits him.",
    ),
]


def _message(subject: str, body: str, n: int) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "DSL Oakfield Primary <dsl@oakfield.school.example>"
    msg["To"] = "mash@council.example"
    msg["Subject"] = subject
    msg["Date"] = f"Mon, 02 Nov 2026 09:{10 + n}:00 +0000"
    msg["Message-ID"] = f"<t{n}@oakfield.school.example>"
    msg.set_content(body + "\n\nSYNTHETIC TEST DATA")
    return msg


@pytest.fixture()
def eml(tmp_path: Path) -> Path:
    p = tmp_path / "leah.eml"
    p.write_bytes(bytes(_message(*BODIES[0], 0)))
    return p


@pytest.fixture()
def mbox(tmp_path: Path) -> Path:
    p = tmp_path / "two.mbox"
    box = mailbox.mbox(str(p))
    for n, (subject, body) in enumerate(BODIES):
        box.add(mailbox.mboxMessage(_message(subject, body, n + 1)))
    box.flush()
    box.close()
    return p


def test_suggest_json_contract(eml: Path, mbox: Path) -> None:
    res = CliRunner().invoke(cli, ["suggest", str(eml), str(mbox), "--json"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in res.output.splitlines()]
    assert [r["source"] for r in lines] == [str(eml), f"{mbox}#1", f"{mbox}#2"]
    pack = load_pack("default")
    for r in lines:
        assert set(r) == {
            "source",
            "routing",
            "level",
            "triggers",
            "negated_triggers",
            "immediate_protection",
            "rules",
            "classifier",
            "rules_pack",
        }
        assert r["routing"] in ROUTING_CODES
        assert r["classifier"] is None
        assert r["rules_pack"] == {
            "name": "default",
            "version": pack.version,
            "sha256": pack.sha256,
        }
        assert isinstance(r["rules"]["indicators"], list)
    leah, _, sam = lines
    assert leah["routing"] == "strategy_discussion"
    assert leah["triggers"] == ["disclosure_physical_abuse"]
    assert sam["triggers"] == []
    assert [n["code"] for n in sam["negated_triggers"]] == ["disclosure_physical_abuse"]
    assert sam["negated_triggers"][0]["cue"]["text"].lower() == "never"
    assert sam["routing"] == "early_help"


def test_suggest_human_output(eml: Path) -> None:
    res = CliRunner().invoke(cli, ["suggest", str(eml)])
    assert res.exit_code == 0
    assert res.output.startswith(f"{eml}: strategy_discussion (level 4); triggers ")


def test_intake_stores_suggestion_and_resuggest_keeps_history(tmp_path: Path, eml: Path, mbox: Path) -> None:
    store = open_store(tmp_path / "s.db")
    report = intake.ingest([eml, mbox], store)
    assert report.new == 3
    rows = store.conn.execute(
        "SELECT contact_id, routing, triggers_json, pack_sha256, result_json FROM suggestions "
        "WHERE current = 1 ORDER BY contact_id"
    ).fetchall()
    assert len(rows) == 3
    pack = load_pack("default")
    assert {r[3] for r in rows} == {pack.sha256}
    leah = [r for r in rows if "disclosure_physical_abuse" in json.loads(r[2])]
    assert len(leah) == 2  # the eml and the same text in the mbox
    assert json.loads(rows[0][4])["rules"]["pack"]["sha256"] == pack.sha256

    early = load_pack("early_help_l3")
    assert triage.resuggest(store, early) == 3
    counts = dict(store.conn.execute("SELECT current, count(*) FROM suggestions GROUP BY current").fetchall())
    assert counts == {0: 3, 1: 3}
    current = {r[0] for r in store.conn.execute("SELECT pack_name FROM suggestions WHERE current = 1").fetchall()}
    assert current == {"early_help_l3"}
    store.close()


def test_record_suggestion_joins_callers_transaction(tmp_path: Path, eml: Path) -> None:
    store = open_store(tmp_path / "s.db")
    intake.ingest([eml], store)
    cid = store.conn.execute("SELECT id FROM contacts").fetchone()[0]
    s = triage.suggest_facts(RuleFacts("Suspected FGM."))
    with pytest.raises(RuntimeError), store.write():
        triage.record_suggestion(store, cid, s)
        raise RuntimeError("caller fails after recording")
    n = store.conn.execute("SELECT count(*) FROM suggestions WHERE contact_id = ?", [cid])
    assert n.fetchone()[0] == 1  # only intake's own row; the rolled-back one is gone
    store.close()


def test_combine_classifier_only_raises() -> None:
    pack = load_pack("default")
    rules = evaluate(pack, RuleFacts("He is being bullied."))
    assert rules.routing == "early_help"
    up = {"probabilities": {"child_and_family_assessment": 0.7, "early_help": 0.3}}
    down = {"probabilities": {"information_advice": 0.9, "early_help": 0.1}}
    unsure = {"probabilities": {"strategy_discussion": 0.4, "early_help": 0.35}}
    assert triage.combine(rules, up) == "child_and_family_assessment"
    assert triage.combine(rules, down) == "early_help"
    assert triage.combine(rules, unsure) == "early_help"
    assert triage.combine(rules, None) == "early_help"


def test_rules_diff_command(tmp_path: Path, eml: Path, mbox: Path) -> None:
    db = tmp_path / "s.db"
    store = open_store(db)
    intake.ingest([eml, mbox], store)
    store.close()
    res = CliRunner().invoke(cli, ["--db", str(db), "rules", "diff", "default", "early_help_l3", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["contacts"] == 3
    assert sum(m["count"] for m in out["moves"]) == 3
    text = CliRunner().invoke(cli, ["--db", str(db), "rules", "diff", "default", "default", "--since", "2026-01-01"])
    assert text.exit_code == 0, text.output
    assert "3 contacts replayed, 0 would move" in text.output
    none = CliRunner().invoke(
        cli,
        ["--db", str(db), "rules", "diff", "default", "default", "--since", "2027-01-01", "--json"],
    )
    assert json.loads(none.output)["contacts"] == 0


def test_import_order_keeps_intake_hooked_and_core_qt_free() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tempfile, pathlib, mashdesk.rules, mashdesk.triage, mashdesk.cli.rules_cmds\n"
        "from mashdesk.store import open_store\n"
        "from mashdesk.intake import ingest_bytes\n"
        "s = open_store(pathlib.Path(tempfile.mkdtemp()) / 's.db')\n"
        "ingest_bytes(s, b'From: a@b.example\\nSubject: x\\n\\nHe hit me, says Ava.', 'x.eml')\n"
        "n = s.db.execute('SELECT count(*) FROM suggestions').fetchone()[0]\n"
        "assert n == 1, 'intake stored no suggestion'\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
