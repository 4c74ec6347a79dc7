"""End-to-end flows through the real core: claim, screen, the guard, oversight, audit grading."""

from __future__ import annotations

import datetime as dt

from mashdesk import decisions
from mashdesk.accounts import sign_in
from mashdesk.decisions import DecisionInput, NextAction
from tests.ui.conftest import PASSWORD, USERNAMES
from tests.ui.factories import add_contact
from ui.contact_view import ContactView
from ui.oversight_view import OversightView

SUBJECT = "Concern about Ben (synthetic)"
BODY = "Synthetic. Ben (DOB 01/02/2015) told his teacher that dad hit him with a belt last night."


def _status(store, cid):
    return decisions.contact_state(store, cid).status


def _fill(form, routing, level, rag="green", why_not=""):
    form.level.setCurrentIndex(form.level.findData(level))
    form.routing.setCurrentIndex(form.routing.findData(routing))
    form.rag.setCurrentIndex(form.rag.findData(rag))
    form.indicators.setPlainText("child's own account of harm\nparental stress")
    form.history_notes.setPlainText("No previous contacts found (synthetic).")
    form.consent.setCurrentIndex(form.consent.findData("given"))
    form.consent_by.setText("mother (synthetic)")
    form.rationale.setPlainText("Synthetic rationale for the test.")
    form.sd_reason.setPlainText(why_not)
    form.add_action("Call school DSL", "front door", "2026-12-01")


def test_worker_screens_a_triggered_contact_and_meets_the_guard(qtbot, store, make_ctx):
    cid = add_contact(store, subject=SUBJECT, body=BODY, real_rules=True)
    view = ContactView(make_ctx(store, "social_worker"), cid, to_screen=True)
    qtbot.addWidget(view)
    # Opening to screen claims it.
    qtbot.waitUntil(lambda: view.form.widget().isEnabled(), timeout=5000)
    assert decisions.contact_state(store, cid).holder() == USERNAMES["social_worker"]
    form = view.form
    _fill(form, "early_help", 2)
    assert not form.guard.isHidden() and "disclosure physical abuse" in form.guard.text()
    form.submit.click()
    qtbot.waitUntil(lambda: "strategy discussion is not needed" in form.error.text(), timeout=5000)
    assert _status(store, cid) == "in_screening"  # refused by the core, nothing recorded
    form.sd_reason.setPlainText("Belt incident was investigated last year; closed (synthetic).")
    with qtbot.waitSignal(view.submitted, timeout=5000):
        form.submit.click()
    assert _status(store, cid) == "awaiting_oversight"
    assert decisions.current_decision(store, cid)["routing"] == "early_help"


def _submitted_by_worker(store, cid, routing="early_help", why_not="Closed concern (synthetic)."):
    worker = sign_in(store, USERNAMES["social_worker"], PASSWORD)
    decisions.claim(store, worker, cid)
    state = decisions.contact_state(store, cid)
    decision = DecisionInput(
        level=2,
        routing=routing,
        rag="green",
        indicators=["parental stress"],
        history_considered="None found (synthetic).",
        consent_status="given",
        consent_given_by="mother (synthetic)",
        rationale="Synthetic worker rationale.",
        next_actions=[NextAction("Refer to early help", "front door", "2026-12-01")],
        strategy_discussion_considered=True,
        strategy_discussion_why_not=why_not,
    )
    decisions.submit_decision(store, worker, cid, decision, state.version)


def test_manager_changes_a_decision(qtbot, store, make_ctx):
    cid = add_contact(store, subject=SUBJECT, body=BODY, real_rules=True,
                      received=dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC))  # fmt: skip
    _submitted_by_worker(store, cid)
    view = OversightView(make_ctx(store, "manager"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    item = view.model.record(0)
    assert item.contact_id == cid and item.triggers == ("disclosure_physical_abuse",)
    assert any("rules strategy_discussion" in d for d in item.disagreements)
    qtbot.waitUntil(lambda: view.form.item is not None, timeout=5000)
    form = view.form
    form.change.setChecked(True)
    form.routing.setCurrentIndex(form.routing.findData("strategy_discussion"))
    form.level.setCurrentIndex(form.level.findData(4))
    form.rag.setCurrentIndex(form.rag.findData("red"))
    form.summary.setPlainText("Strategy discussion today (synthetic).")
    form.rationale.setPlainText("A disclosure of being hit needs a strategy discussion.")
    form.risk.setPlainText("Risk of further physical harm at home (synthetic).")
    form.set_action(0, "Convene strategy discussion", "duty manager", "today")
    with qtbot.waitSignal(view.recorded, timeout=5000):
        form.submit.click()
    record = decisions.current_oversight(store, cid)
    assert record["outcome"] == "change" and record["routing"] == "strategy_discussion"
    assert _status(store, cid) == "decided"
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)


def test_manager_agreeing_below_strategy_discussion_must_give_the_reason(qtbot, store, make_ctx):
    cid = add_contact(store, subject=SUBJECT, body=BODY, real_rules=True)
    _submitted_by_worker(store, cid)
    view = OversightView(make_ctx(store, "manager"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.form.item is not None, timeout=5000)
    form = view.form
    assert not form.guard_label.isHidden()  # agreeing keeps early help: the guard applies
    form.summary.setPlainText("Agree early help (synthetic).")
    form.rationale.setPlainText("Synthetic.")
    form.risk.setPlainText("Synthetic.")
    form.set_action(0, "Early help referral", "front door", "3 days")
    form.submit.click()
    qtbot.waitUntil(lambda: form.error.text() != "", timeout=5000)
    assert _status(store, cid) == "awaiting_oversight"
