from __future__ import annotations

import json

from PySide6.QtCore import Qt

from mashdesk import quality
from mashdesk.views import OversightItem
from tests.ui.factories import add_contact
from ui.contact_view import ContactView
from ui.list_model import RecordTableModel
from ui.oversight_view import OVERSIGHT_COLUMNS
from ui.quality_view import QualityView
from ui.widgets import SafeTextBrowser, sanitise_html

SUBJECT = "Concern about Ben (synthetic)"
BODY = (
    "Synthetic. Ben (DOB 01/02/2015) told his teacher that dad hit him with a belt last night. "
    "No marks seen on his face. There is no concern about FGM."
)


def _contact(store, **kw):
    return add_contact(
        store,
        subject=SUBJECT,
        body=BODY,
        children=[{"name": "Ben Example", "dob": "2015-02-01", "span_start": 11, "span_end": 14}],
        real_rules=True,
        **kw,
    )


def test_contact_view_shows_evidence_but_never_fills_the_decision(qtbot, store, make_ctx):
    cid = _contact(store, status="in_screening", claimed_by="sw.demo")
    view = ContactView(make_ctx(store), cid)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    panel = view.suggestions
    texts = " ".join(w.text() for w in panel.findChildren(type(view.header)))
    assert "T.PA.adult_hit_child" in texts and "clause 6.1" in texts
    assert "disclosure physical abuse" in texts
    assert "<s>fgm</s>" in texts and "did not fire" in texts  # negated, shown as such
    # The suggestion never fills in the decision.
    values = view.form.value()
    assert values["routing"] is None and values["level"] is None and values["rationale"] == ""
    # Children and evidence spans are highlighted in the message.
    assert view.message.toPlainText() == BODY
    from PySide6.QtGui import QTextCursor

    def background(pos):
        cursor = QTextCursor(view.message.document())
        cursor.setPosition(pos)
        return cursor.charFormat().background().style() != Qt.BrushStyle.NoBrush

    assert background(13)  # inside "Ben"
    assert background(BODY.index("dad hit") + 2)  # the rule's evidence, moved to body offsets
    assert not background(2)


def test_disagreements_weaknesses_and_words_from_a_classifier_result():
    row = {
        "routing": "strategy_discussion",
        "level": 4,
        "triggers_json": '["disclosure_physical_abuse"]',
        "negated_triggers_json": "[]",
        "result_json": json.dumps(
            {
                "rules": {"routing": "strategy_discussion", "indicators": []},
                "classifier": {
                    "model_version": "m1",
                    "probabilities": {"early_help": 0.7, "strategy_discussion": 0.2},
                    "words": {"early_help": [["teacher", 0.4]]},
                    "weaknesses": ["misses casual phrasing of disclosures"],
                },
            }
        ),
    }
    from mashdesk.views import suggestion_from_row

    s = suggestion_from_row(row)
    assert s.classifier[0].label == "early_help" and s.classifier[0].words == (("teacher", 0.4),)
    assert s.weaknesses == ("misses casual phrasing of disclosures",)
    assert any("classifier" in d for d in s.disagreements)


def test_worker_meets_the_guard_in_place(qtbot, store, make_ctx):
    cid = _contact(store, status="in_screening", claimed_by="sw.demo")
    view = ContactView(make_ctx(store), cid)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    form = view.form
    assert form.widget().isEnabled()  # the worker holds the claim
    assert form.guard.isHidden()
    form.routing.setCurrentIndex(form.routing.findData("early_help"))
    assert not form.guard.isHidden()
    assert "disclosure physical abuse" in form.guard.text()
    assert form.sd_considered.isChecked()
    form.routing.setCurrentIndex(form.routing.findData("strategy_discussion"))
    assert form.guard.isHidden()
    # Submitting an incomplete form says what is missing instead of sending it.
    with qtbot.assertNotEmitted(form.submit_requested):
        form.submit.click()
    assert "threshold level" in form.error.text()


def test_others_see_who_holds_a_contact(qtbot, store, make_ctx):
    cid = _contact(store, status="in_screening", claimed_by="someone.else")
    view = ContactView(make_ctx(store), cid)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    assert "someone.else" in view.header.text()
    assert not view.form.widget().isEnabled()


def test_html_is_sanitised_and_nothing_remote_loads(qtbot):
    dirty = (
        '<p onclick="x()">Hi<script>alert(1)</script><img src="http://track.example/p.gif">'
        '<a href="http://evil.example">link</a></p>'
    )
    clean = sanitise_html(dirty)
    assert "script" not in clean and "img" not in clean and "http" not in clean
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    assert browser.loadResource(2, __import__("PySide6.QtCore").QtCore.QUrl("http://x/y")) is None
    assert browser.blocked_loads == ["http://x/y"]


def test_quality_lead_samples_and_grades(qtbot, store, make_ctx):
    for i in range(6):
        add_contact(store, subject=f"decided {i}", status="decided")
    view = QualityView(make_ctx(store, role="quality_lead"))
    qtbot.addWidget(view)
    view.sample_size.setValue(4)
    view.draw_button.click()
    assert view.audit_model.rowCount() == 4
    view.audit_table.selectRow(0)
    view.grade.setCurrentIndex(view.grade.findData("inadequate"))
    view.save_grade.click()
    assert "needs comments" in view.audit_error.text()  # below good needs a reason
    view.audit_table.selectRow(0)
    view.comments.setPlainText("No rationale for NFA; history not checked.")
    view.save_grade.click()
    assert view.audit_error.text() == ""
    graded = [i for i in view.audit_model.records if i.grade]
    assert [g.grade for g in graded] == ["inadequate"]
    assert graded[0].comments.startswith("No rationale")
    over_time = quality.grades_over_time(store)
    assert over_time[-1].counts["inadequate"] == 1
    qtbot.waitUntil(lambda: view.chart_grades.series.get("Inadequate") == [1], timeout=5000)


def test_record_models_pass_qtmodeltester(qtmodeltester):
    model: RecordTableModel[OversightItem] = RecordTableModel(OVERSIGHT_COLUMNS)
    model.set_records(
        [
            OversightItem(
                i,
                f"2026-11-2{i}T10:00",
                "2026-11-25T17:00",
                "email",
                f"s{i}",
                "w",
                "t",
                "early_help",
                2,
                "strategy_discussion",
                None,
                ("fgm",) if i % 2 else (),
                ("x",) if i % 2 else (),
            )  # fmt: skip
            for i in range(1, 6)
        ]
    )
    qtmodeltester.check(model, force_py=True)
    model.sort(0)
    assert [r.contact_id for r in model.records] == [1, 2, 3, 4, 5]


def test_quality_core_refuses_bad_grades(store):
    cid = add_contact(store, status="decided")
    sid = quality.draw_sample(store, 3, "ql.demo", seed=1)
    assert [i.contact_id for i in quality.sample_items(store, sid)] == [cid]
    for bad in ("excellent", ""):
        try:
            quality.grade(store, sid, cid, bad, "x", "ql.demo")
        except quality.QualityError:
            pass
        else:
            raise AssertionError("accepted an unknown grade")
    try:
        quality.grade(store, sid, cid + 99, "good", "", "ql.demo")
    except quality.QualityError as exc:
        assert "not in audit sample" in str(exc)
    else:
        raise AssertionError("graded a contact outside the sample")
    assert json.dumps([s.size for s in quality.samples(store)]) == "[1]"


def test_history_lists_earlier_contacts_about_the_same_child(store):
    import datetime as dt

    from mashdesk.views import contact_detail
    from tests.ui.factories import NOW

    kid = {"name": "Ben Example", "name_key": "ben example", "dob": "2015-02-01"}
    first = add_contact(store, children=[dict(kid)], received=NOW - dt.timedelta(days=90))
    add_contact(store, children=[{**kid, "dob": "2016-03-03"}], received=NOW - dt.timedelta(days=9))
    later = add_contact(store, children=[dict(kid)], received=NOW)
    history = contact_detail(store, later).history
    assert [h.id for h in history] == [first]  # a different date of birth is another child
    assert history[0].relation == "same child: Ben Example"
