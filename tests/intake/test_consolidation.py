"""Duplicates are one contact; contacts about the same child are linked, grouped, re-referred."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from mashdesk.intake import ingest_bytes
from mashdesk.store import Store
from mashdesk.store.contacts import get_contact


def _email(msg_id: str, when: str, body: str, sender: str = "dsl@oak.synthetic.sch.uk") -> bytes:
    return (
        f"From: DSL <{sender}>\nTo: mash@council.example\nSubject: Concern\n"
        f"Date: {when}\nMessage-ID: <{msg_id}@synthetic.example>\n\n{body}\n"
    ).encode()


def test_same_bytes_and_same_message_id_are_one_contact(store: Store) -> None:
    data = _email("a1", "Mon, 2 Nov 2026 10:00:00 +0000", "Child's name: Ava Synthetica\nDOB: 03/04/2016")
    first = ingest_bytes(store, data, "a.eml")
    again = ingest_bytes(store, data, "copy-of-a.eml")
    resent = ingest_bytes(store, data.replace(b"Concern", b"Concern (resent)"), "b.eml")
    assert (first.new, again.duplicate, resent.duplicate) == (1, 1, 1)
    assert store.db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1
    seen = get_contact(store, first.contact_ids[0])["duplicates_seen"]
    assert sorted(d["basis"] for d in seen) == ["same Message-ID", "same bytes"]


def test_same_child_links_groups_close_contacts_and_marks_re_referrals(store: Store) -> None:
    body = "Child's name: Ava Synthetica\nDOB: 03/04/2016\nBruise on her arm."
    old = ingest_bytes(store, _email("old", "Mon, 3 Mar 2026 10:00:00 +0000", body), "old.eml").contact_ids[0]
    school = ingest_bytes(store, _email("s", "Mon, 2 Nov 2026 10:00:00 +0000", body), "s.eml").contact_ids[0]
    police_body = "Subject child: Ava Synthetica, DOB 03/04/2016. Domestic incident last night."
    police = ingest_bytes(
        store,
        _email("p", "Mon, 2 Nov 2026 18:00:00 +0000", police_body, "ppn@synth.police.uk"),
        "p.eml",
    ).contact_ids[0]
    typo = ingest_bytes(
        store,
        _email("t", "Tue, 3 Nov 2026 09:00:00 +0000", "Child's name: Ava Synthetika\nDOB: 03/04/2016"),
        "t.eml",
    ).contact_ids[0]
    other = ingest_bytes(
        store,
        _email("o", "Tue, 3 Nov 2026 09:30:00 +0000", "Child's name: Zara Unrelated\nDOB: 09/09/2019"),
        "o.eml",
    ).contact_ids[0]
    c_school, c_police, c_typo, c_old, c_other = (get_contact(store, i) for i in (school, police, typo, old, other))
    assert c_police["group_id"] == c_school["group_id"] == c_typo["group_id"] is not None
    assert c_old["group_id"] is None and c_other["group_id"] is None
    assert c_school["re_referral"] == 1 and c_old["re_referral"] == 0
    assert {link["other_id"] for link in c_police["links"]} == {old, school, typo}
    typo_link = next(link for link in c_typo["links"] if link["other_id"] == school)
    assert typo_link["evidence"]["basis"] == "name and date of birth"
    assert 80 <= typo_link["evidence"]["name_score"] < 100
    assert c_other["links"] == []


def test_history_arriving_late_marks_the_later_contact(store: Store) -> None:
    body = "Child's name: Leo Synthetica\nDOB: 01/01/2018"
    newer = ingest_bytes(store, _email("n", "Mon, 2 Nov 2026 10:00:00 +0000", body), "n.eml").contact_ids[0]
    ingest_bytes(store, _email("h", "Mon, 1 Jun 2026 10:00:00 +0000", body), "h.eml")
    assert get_contact(store, newer)["re_referral"] == 1


def test_decision_due_is_one_working_day_skipping_bank_holidays(store: Store) -> None:
    # Thursday 24 Dec 2026 15:00 London: 25 Dec and 28 Dec (Boxing Day substitute) are holidays.
    cid = ingest_bytes(store, _email("x", "Thu, 24 Dec 2026 15:00:00 +0000", "Worried."), "x.eml").contact_ids[0]
    due = dt.datetime.fromisoformat(get_contact(store, cid)["decision_due"])
    assert due == dt.datetime(2026, 12, 29, 15, 0, tzinfo=dt.UTC)


def test_flags_are_stored_as_json(store: Store) -> None:
    cid = ingest_bytes(store, b"From: a@b.example\nSubject: x\n\nhello", "nodate.eml").contact_ids[0]
    row = store.db.execute("SELECT flags_json, received_at_basis FROM contacts WHERE id = ?", [cid]).fetchone()
    assert "missing_date" in json.loads(row[0]) and row[1] == "file_time"


def test_history_bands_follow_the_packs_previous_contact_conditions(store: Store) -> None:
    from mashdesk import triage

    ctx = triage.suggest_context(None)
    thresholds = [i.conditions.previous_contacts_min for i in ctx.pack.indicators if i.conditions.previous_contacts_min]
    assert thresholds, "the default pack has a previous-contacts condition"
    low = min(thresholds)
    assert ctx.history_bands[0] == (0, low - 1) and ctx.history_bands[-1][1] is None
    body = "Child's name: Ava Synthetica\nDOB: 03/04/2016\nAnother call about the same family."
    for n in range(low + 1):
        ingest_bytes(store, _email(f"h{n}", f"Mon, {n + 2} Nov 2026 10:00:00 +0000", body), f"h{n}.eml")
    rows = store.db.execute(
        "SELECT c.id, s.result_json FROM contacts c JOIN suggestions s ON s.contact_id = c.id AND s.current = 1 "
        "ORDER BY c.received_at"
    ).fetchall()
    fired = [{i["id"] for i in json.loads(r[1])["rules"]["indicators"]} for r in rows]
    assert len(rows) == low + 1
    repeat = {i.id for i in ctx.pack.indicators if i.conditions.previous_contacts_min == low}
    assert not fired[0] & repeat and not fired[low - 1] & repeat
    assert fired[-1] & repeat  # the last contact has enough history for the pack's condition


def test_a_prepared_suggestion_is_the_suggestion_for_every_history() -> None:
    """Workers serialise a contact's suggestion per history band before its links exist; the row
    picked for any number of previous contacts must be exactly what suggesting then would give."""
    from mashdesk import triage
    from mashdesk.synthetic import generate_contacts
    from mashdesk.synthetic.render import to_draft

    ctx = triage.suggest_context(None)
    drafts = [to_draft(c) for c in generate_contacts(40, seed=5)]
    differs = 0
    for draft in drafts:
        prepared = ctx.prepare(draft)
        assert len(prepared.bands) == len(ctx.history_bands)
        for history in (0, 1, 2, 3, 4, 7):
            row = prepared.row(history, ctx)
            assert row == triage.suggestion_row(ctx.suggest(draft, history))
            assert json.loads(row[-1])["rules"]["facts"]["previous_contacts"] == history
        differs += prepared.row(0, ctx)[-1].replace('"previous_contacts": 0', "") != prepared.row(7, ctx)[-1].replace(
            '"previous_contacts": 7', ""
        )
    assert differs == len(drafts)  # the repeat-contacts indicator fires on a long history


def test_a_history_no_band_covers_reuses_what_the_worker_filter_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """The storing process suggests again for a long history: with the prepared suggestion it does
    not run the pack's RE2 filter on the text again, and the result is the same as from scratch."""
    from mashdesk import triage
    from mashdesk.rules import re2filter
    from mashdesk.rules.facts import facts_from_draft
    from mashdesk.synthetic import generate_contacts
    from mashdesk.synthetic.render import to_draft

    if not re2filter.enabled():
        pytest.skip("google-re2 is a dependency; CI has it")
    ctx = triage.suggest_context(None)
    drafts = [to_draft(c) for c in generate_contacts(30, seed=8)]
    prepared = [ctx.prepare(d, 1) for d in drafts]
    assert all(p.hits is not None for p in prepared) and any(p.hits for p in prepared)
    expected = [triage.suggestion_row(ctx.suggest(d, 5)) for d in drafts]
    flt = re2filter.pack_filter(ctx.pack)
    assert flt is not None
    runs: list[frozenset[int] | None] = []
    real = re2filter.PackFilter.text

    def counted(self: re2filter.PackFilter, text: str, hits: frozenset[int] | None = None) -> object:
        runs.append(hits)
        return real(self, text, hits)

    monkeypatch.setattr(re2filter.PackFilter, "text", counted)
    assert [triage.suggestion_row(ctx.suggest(d, 5, p)) for d, p in zip(drafts, prepared, strict=True)] == expected
    assert len(runs) == len(drafts) and None not in runs  # every text filtered by the worker's answer
    other_pack = dataclasses.replace(ctx.pack, sha256="another pack")
    text = facts_from_draft(drafts[0], 5).text
    assert prepared[0].scan_hint(triage.SuggestContext(other_pack), text) is None
    assert prepared[0].scan_hint(triage.SuggestContext(ctx.pack, strategy_raise_at=0.01), text) == prepared[0].hits
    assert prepared[0].scan_hint(ctx, text + " and more") is None  # made for another text


def test_prepare_all_filters_every_text_first_and_prepares_as_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's chunk: the filter runs over every text in one pass, each TextScan is handed its
    answer instead of filtering again, and the suggestions are what `prepare` makes one by one,
    including for texts the filter does not take (a Turkish dotless i) and non-ASCII ones."""
    from mashdesk import triage
    from mashdesk.rules import engine, re2filter
    from mashdesk.synthetic import generate_contacts
    from mashdesk.synthetic.render import to_draft

    if not re2filter.enabled():
        pytest.skip("google-re2 is a dependency; CI has it")
    ctx = triage.suggest_context(None)
    drafts = [to_draft(c) for c in generate_contacts(30, seed=11)]
    drafts[3].body_text += " \u0131 dad hit him"  # not filtered: its case folds differently
    drafts[4].body_text = "Café owner rang \u2014 “mum’s boyfriend whacked him”. " + drafts[4].body_text
    expected = [ctx.prepare(d) for d in drafts]
    flt = re2filter.pack_filter(ctx.pack)
    assert flt is not None
    order: list[str] = []
    real_match, real_scan = flt.filter._filter, engine.TextScan.__init__

    class Counted:  # RE2's filter, each run of it recorded
        def Match(self, data: bytes, potential: bool) -> object:  # noqa: N802 (RE2's name)
            order.append("RE2")
            return real_match.Match(data, potential)

        def GetRE2(self, index: int) -> object:  # noqa: N802
            return real_match.GetRE2(index)

    def scanning(self: engine.TextScan, *args: object, **kwargs: object) -> None:
        order.append("scan")
        real_scan(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(flt.filter, "_filter", Counted())
    monkeypatch.setattr(engine.TextScan, "__init__", scanning)
    assert ctx.prepare_all(drafts) == expected
    filtered = len(drafts) - 1  # the dotless-i text is never handed to RE2
    assert order == ["RE2"] * filtered + ["scan"] * len(drafts)


def test_with_a_model_only_no_history_is_prepared() -> None:
    from mashdesk import triage

    ctx = triage.SuggestContext(triage.suggest_context(None).pack, model=object())  # type: ignore[arg-type]
    assert ctx.history_bands == ((0, 0),)


def test_bands_split_at_every_minimum_and_after_every_maximum() -> None:
    from types import SimpleNamespace

    from mashdesk import triage
    from mashdesk.rules.pack import Conditions

    pack = SimpleNamespace(
        indicators=[
            SimpleNamespace(conditions=Conditions(previous_contacts_min=3)),
            SimpleNamespace(conditions=Conditions(previous_contacts_max=5)),
            SimpleNamespace(conditions=Conditions()),
        ]
    )
    ctx = triage.SuggestContext(pack)  # type: ignore[arg-type]
    assert ctx.history_bands == ((0, 2), (3, 5), (6, None))


def test_a_suggestion_that_cannot_be_prepared_is_made_when_stored() -> None:
    """The count's placeholder in the text itself, or another pack or model in the storing
    process: nothing prepared is used, and the storing process suggests."""
    from mashdesk import triage
    from mashdesk.synthetic import generate_contacts
    from mashdesk.synthetic.render import to_draft

    ctx = triage.suggest_context(None)
    draft = to_draft(generate_contacts(1, seed=2)[0])
    assert ctx.prepare(draft).row(0, ctx) is not None
    draft.subject += f" ref {triage._HISTORY_HOLE}"  # the subject is among the stored facts
    assert ctx.prepare(draft).row(0, ctx) is None
    other = triage.SuggestContext(ctx.pack, strategy_raise_at=0.01)
    draft = to_draft(generate_contacts(1, seed=2)[0])
    assert ctx.prepare(draft).row(0, other) is None


def test_linking_works_on_a_store_without_the_linking_indexes(store: Store) -> None:
    """A store opened without its migrations lacks the indexes linking names: it plans itself."""
    store.db.execute("DROP INDEX children_name_nodob")
    store.db.execute("DROP INDEX children_surname_initial_nodob")
    earlier = ingest_bytes(
        store, _email("e", "Mon, 1 Jun 2026 10:00:00 +0000", "Child's name: Ava Synthetica"), "e.eml"
    )
    later = ingest_bytes(
        store, _email("l", "Mon, 2 Nov 2026 10:00:00 +0000", "Child's name: Ava Synthetica\nDOB: 03/04/2016"), "l.eml"
    )
    links = get_contact(store, later.contact_ids[0])["links"]
    assert [link["other_id"] for link in links] == earlier.contact_ids
