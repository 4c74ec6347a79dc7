import email
import email.policy
import re

import pytest

from mashdesk.domain import ROUTING_CODES, TRIGGER_CODES
from mashdesk.synthetic import (
    CALL_CSV_COLUMNS,
    generate_contacts,
    to_call_row,
    to_draft,
    to_eml_bytes,
)
from mashdesk.synthetic.concerns import CONCERNS
from mashdesk.synthetic.generator import TEMPLATE_SETS


def test_reproducible_from_seed_and_different_across_seeds():
    a = [c.to_dict() for c in generate_contacts(50, seed=7)]
    b = [c.to_dict() for c in generate_contacts(50, seed=7)]
    c = [c.to_dict() for c in generate_contacts(50, seed=8)]
    assert a == b
    assert a != c


@pytest.mark.parametrize("template_set", TEMPLATE_SETS)
def test_labels_follow_the_threshold_levels(template_set):
    contacts = generate_contacts(800, seed=3, template_set=template_set)
    assert {c.routing for c in contacts} == set(ROUTING_CODES)
    assert {c.template_set for c in contacts} == {template_set}
    levels = {c.key: c.level for c in CONCERNS}
    for c in contacts:
        assert c.routing == ROUTING_CODES[c.level - 1]
        assert levels[c.concerns[0]] == c.level
        assert all(levels[k] <= c.level for k in c.concerns if not k.startswith("not:"))
        assert set(c.triggers) <= set(TRIGGER_CODES)
        assert set(c.negated_triggers) <= set(TRIGGER_CODES)
        assert not set(c.triggers) & set(c.negated_triggers)
        if c.triggers:
            assert c.routing == "strategy_discussion"
    assert any(c.negated_triggers and c.level < 4 for c in contacts)
    assert any(c.routing == "strategy_discussion" and not c.triggers for c in contacts)
    assert any(c.children and c.children[0].unborn for c in contacts)


def test_heldout_uses_other_phrasings_than_train():
    for concern in CONCERNS:
        assert not set(concern.train) & set(concern.heldout), concern.key
        assert not set(concern.neg_train) & set(concern.neg_heldout), concern.key
    train_text = " ".join(c.text for c in generate_contacts(300, 1, "train"))
    held_text = " ".join(c.text for c in generate_contacts(300, 1, "heldout"))
    assert "Child's name:" in train_text and "Child's name:" not in held_text
    assert "Name of young person" in held_text and "Name of young person" not in train_text


def test_variety_of_voices_channels_and_shapes():
    contacts = generate_contacts(800, seed=5)
    voices = {c.voice for c in contacts}
    assert {
        "school_dsl",
        "police",
        "gp",
        "health_visitor",
        "midwife",
        "ae_liaison",
        "housing",
        "probation",
        "youth_offending",
        "neighbour",
        "parent",
        "relative",
        "anonymous",
    } <= voices
    assert {c.channel for c in contacts} == {"email", "phone"}
    assert any("Forwarded message" in c.text for c in contacts)
    assert any(c.children[0].unborn and c.children[0].edd for c in contacts)
    assert any(len(c.children) > 1 for c in contacts)
    lengths = sorted(len(c.text) for c in contacts)
    assert lengths[0] < 200 and lengths[-1] > 500


def test_people_are_obviously_fictional():
    for c in generate_contacts(300, seed=11):
        if c.sender_email:
            assert c.sender_email.endswith(".example")
        if c.sender_phone:
            assert re.fullmatch(r"07700 900\d{3}|01632 960\d{3}", c.sender_phone)
        for ch in c.children:
            assert ch.postcode.startswith("ZZ")


def test_eml_round_trips_through_the_email_parser():
    contact = next(c for c in generate_contacts(40, 2) if c.channel == "email")
    raw = to_eml_bytes(contact, "syn-1@test.example")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Message-ID"] == "<syn-1@test.example>"
    assert msg["Subject"] == contact.subject
    assert msg["X-MASHdesk-Synthetic"] == "yes"
    body = msg.get_body().get_content()
    assert contact.text.splitlines()[0] in body
    assert "SYNTHETIC" in body


def test_call_row_has_the_generic_profile_columns():
    contact = next(c for c in generate_contacts(40, 2) if c.channel == "phone")
    row = to_call_row(contact)
    assert tuple(row) == CALL_CSV_COLUMNS
    assert row["notes"] == contact.text
    assert row["call_start"].startswith(contact.received_at.date().isoformat())


def test_draft_carries_children_and_source():
    contact = generate_contacts(1, 4)[0]
    draft = to_draft(contact)
    assert draft.synthetic is True
    assert draft.source_code == contact.source_code
    assert [ch.name for ch in draft.children] == [ch.name for ch in contact.children]


def test_unknown_template_set_is_refused():
    with pytest.raises(ValueError):
        generate_contacts(1, 1, template_set="test")


@pytest.mark.parametrize(
    ("module", "train_name", "neg_name", "min_train"),
    [
        ("concerns_train_third", "TRAIN_THIRD", "NEG_TRAIN_THIRD", 25),
        ("concerns_train_fourth", "TRAIN_FOURTH", "NEG_TRAIN_FOURTH", 20),
        ("concerns_train_fifth", "TRAIN_FIFTH", "NEG_TRAIN_FIFTH", 20),
        ("concerns_train_sixth", "TRAIN_SIXTH", "NEG_TRAIN_SIXTH", 20),
    ],
)
def test_a_later_train_family_covers_every_concern_and_expands(module, train_name, neg_name, min_train):
    import importlib
    import random as _random

    from mashdesk.synthetic.concerns import CONCERNS as _CONCERNS
    from mashdesk.synthetic.generator import _pronouns, _usable, expand

    family = importlib.import_module(f"mashdesk.synthetic.{module}")
    train, neg = getattr(family, train_name), getattr(family, neg_name)
    by_key = {c.key: c for c in _CONCERNS}
    assert set(train) == set(by_key)
    assert {k for k, c in by_key.items() if c.trigger} == set(neg)
    slots = dict(_pronouns("female"), c="Ava", age="12", age_m="4", adult="the lodger", parent="mum", sib="Bo")
    rng = _random.Random(0)
    pools = [(k, p, min_train, False) for k, p in train.items()] + [(k, p, 4, True) for k, p in neg.items()]
    for key, pool, least, negated in pools:
        concern = by_key[key]
        assert len(pool) >= least, key
        assert len(set(pool)) == len(pool), key
        for phrasing in pool:
            assert phrasing in (concern.neg_train if negated else concern.train), phrasing
            text = expand(phrasing, slots, rng)
            assert text.strip() and not re.search(r"[\[\]{}|]", text), phrasing
            assert not concern.unborn or _usable(phrasing, True), phrasing


def test_the_fourth_train_family_adds_no_word_4gram_shared_with_the_evaluation_families():
    # Its wording must not leak into heldout, fresh or blind beyond what the earlier families
    # already shared, so their figures keep measuring unseen wording.
    from mashdesk.synthetic.concerns_train_fourth import NEG_TRAIN_FOURTH, TRAIN_FOURTH
    from tests.synthetic.test_fresh_set import ngrams

    fourth = {p for pools in (TRAIN_FOURTH, NEG_TRAIN_FOURTH) for pool in pools.values() for p in pool}
    earlier = [p for c in CONCERNS for p in c.train + c.neg_train if p not in fourth]
    evaluation = [
        p for c in CONCERNS for p in c.heldout + c.neg_heldout + c.fresh + c.neg_fresh + c.blind + c.neg_blind
    ]
    new = set().union(*(ngrams(p, 4) for p in fourth)) - set().union(*(ngrams(p, 4) for p in earlier))
    assert new, "the fourth family brings word 4-grams of its own"
    assert not new & set().union(*(ngrams(p, 4) for p in evaluation))


@pytest.mark.parametrize(("module", "train_name", "neg_name"), [
    ("concerns_train_fifth", "TRAIN_FIFTH", "NEG_TRAIN_FIFTH"),
    ("concerns_train_sixth", "TRAIN_SIXTH", "NEG_TRAIN_SIXTH"),
])  # fmt: skip
def test_the_fifth_and_sixth_train_families_add_no_word_4gram_shared_with_the_evaluation_families(
    module, train_name, neg_name
):
    # Same guard for the two families written together: neither may bring wording shared with
    # heldout, fresh or blind that the first four families did not already share. Background
    # sentences count too, as they do in the blind and fresh tests.
    import importlib

    from mashdesk.synthetic.concerns import BACKGROUND_HELDOUT, BACKGROUND_TRAIN
    from mashdesk.synthetic.concerns_blind import BACKGROUND_BLIND
    from mashdesk.synthetic.concerns_fresh import BACKGROUND_FRESH
    from mashdesk.synthetic.concerns_train_more import BACKGROUND_TRAIN_MORE
    from tests.synthetic.test_fresh_set import ngrams

    def phrasings(name: str) -> set[str]:
        family = importlib.import_module(f"mashdesk.synthetic.{name}")
        pools = (getattr(family, f"TRAIN_{name.rsplit('_', 1)[1].upper()}"),
                 getattr(family, f"NEG_TRAIN_{name.rsplit('_', 1)[1].upper()}"))  # fmt: skip
        return {p for pool in pools for ps in pool.values() for p in ps}

    family = importlib.import_module(f"mashdesk.synthetic.{module}")
    own = {
        p for pools in (getattr(family, train_name), getattr(family, neg_name)) for pool in pools.values() for p in pool
    }
    later = phrasings("concerns_train_fifth") | phrasings("concerns_train_sixth")
    earlier = [p for c in CONCERNS for p in c.train + c.neg_train if p not in later]
    earlier += list(BACKGROUND_TRAIN + BACKGROUND_TRAIN_MORE)
    evaluation = [
        p for c in CONCERNS for p in c.heldout + c.neg_heldout + c.fresh + c.neg_fresh + c.blind + c.neg_blind
    ]
    evaluation += list(BACKGROUND_HELDOUT + BACKGROUND_FRESH + BACKGROUND_BLIND)
    new = set().union(*(ngrams(p, 4) for p in own)) - set().union(*(ngrams(p, 4) for p in earlier))
    assert new, f"{module} brings word 4-grams of its own"
    assert not new & set().union(*(ngrams(p, 4) for p in evaluation))


def test_the_dev_family_covers_every_concern_expands_and_replaces_only_the_concern_sentences():
    import random as _random

    from mashdesk.synthetic.concerns import CONCERNS as _CONCERNS
    from mashdesk.synthetic.concerns_dev import DEV, NEG_DEV
    from mashdesk.synthetic.generator import _pronouns, _usable, dev_concerns, expand, phrasing_digest

    by_key = {c.key: c for c in _CONCERNS}
    assert set(DEV) == set(by_key)
    assert set(NEG_DEV) == {k for k, c in by_key.items() if c.trigger}
    slots = dict(_pronouns("male"), c="Leo", age="13", age_m="5", adult="the lodger", parent="Dad", sib="Bo")
    rng = _random.Random(0)
    for key, pool in [*DEV.items(), *NEG_DEV.items()]:
        concern = by_key[key]
        least = 6 if pool is NEG_DEV.get(key) else (24 if concern.level == 4 else 8)
        assert len(pool) >= least and len(set(pool)) == len(pool), key
        for phrasing in pool:
            assert phrasing not in concern.train + concern.heldout + concern.fresh + concern.blind, phrasing
            text = expand(phrasing, slots, rng)
            assert text.strip() and not re.search(r"[\[\]{}|]", text), phrasing
            assert not concern.unborn or _usable(phrasing, True), phrasing
    dev = {c.key: c for c in dev_concerns()}
    assert all(dev[k].train == DEV[k] and dev[k].heldout == by_key[k].heldout for k in by_key)
    contacts = generate_contacts(300, 5, "train", concerns=dev_concerns())
    dev_digests = {phrasing_digest(p) for pool in DEV.values() for p in pool}
    assert all(c.extra["phrasing"] in dev_digests for c in contacts)
    assert {c.routing for c in contacts} == set(ROUTING_CODES)


def test_newest_dev_writers_replace_only_the_level_4_phrasings_and_cover_every_one():
    # dev_newest must measure only those two writers' level 4 wording, in the train layouts.
    from mashdesk.synthetic.concerns_dev import NEG_NEWEST, NEWEST
    from mashdesk.synthetic.generator import dev_concerns, phrasing_digest

    level4 = {c.key for c in CONCERNS if c.level == 4}
    assert set(NEWEST) == level4 and all(len(NEWEST[k]) >= 16 for k in level4)
    assert set(NEG_NEWEST) == {c.key for c in CONCERNS if c.level == 4 and c.trigger}
    from mashdesk.synthetic.concerns_dev import DEV, NEG_DEV

    tuned = {p for pool in (*DEV.values(), *NEG_DEV.values()) for p in pool}
    assert not tuned & {p for pool in (*NEWEST.values(), *NEG_NEWEST.values()) for p in pool}  # not tuned on
    newest = {c.key: c for c in dev_concerns(newest_only=True)}
    by_key = {c.key: c for c in CONCERNS}
    for key, concern in newest.items():
        expected = NEWEST[key] if key in level4 else by_key[key].train
        assert concern.train == expected, key
    contacts = generate_contacts(400, 9, "train", concerns=tuple(newest.values()))
    digests = {phrasing_digest(p) for pool in NEWEST.values() for p in pool}
    sd = [c for c in contacts if c.level == 4]
    assert sd and all(c.extra["phrasing"] in digests for c in sd)
