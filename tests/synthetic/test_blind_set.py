"""The "blind" template set: complete, labelled like the others, worded apart from all three others.

Nobody tunes on this set, so these tests check only its shape, its labels' consistency with the
concern levels, its distance from the other families' wording and that its output never moves.
"""

import hashlib
import json
import random
from collections import Counter

import pytest

from mashdesk.synthetic import TEMPLATE_SETS, generate_contacts
from mashdesk.synthetic.concerns import CONCERNS
from mashdesk.synthetic.concerns_blind import BACKGROUND_BLIND, BLIND, NEG_BLIND
from mashdesk.synthetic.concerns_fresh import BACKGROUND_FRESH
from mashdesk.synthetic.generator import _pronouns, _usable, expand
from tests.synthetic.test_fresh_set import _old_phrasings, ngrams

# Pinned when the blind set was written; it must never move, or the one final measurement on it
# is no longer comparable with anything.
BLIND_DIGESTS = {
    ("blind", 1): "30ac3faf76f84cc05a126c146765c8daf25da1c13bd0fe40c9cfcbde0f12176a",
    ("blind", 2026): "05bb5fda0790b7dd3cbfe4127bf2249decbfd2a73a16b432304007b5b56e225d",
}
# the 4-gram share measured when the set was written, with a little headroom
MAX_SHARED_4GRAM_SHARE = 0.025


def _train_heldout_fresh() -> list[str]:
    fresh = [p for c in CONCERNS for p in c.fresh + c.neg_fresh] + list(BACKGROUND_FRESH)
    return _old_phrasings() + fresh


def _blind_phrasings() -> list[str]:
    return [p for c in CONCERNS for p in c.blind + c.neg_blind] + list(BACKGROUND_BLIND)


@pytest.mark.parametrize(("template_set", "seed"), sorted(BLIND_DIGESTS))
def test_blind_output_is_pinned(template_set, seed):
    h = hashlib.sha256()
    for c in generate_contacts(400, seed, template_set):
        h.update(json.dumps(c.to_dict(), sort_keys=True).encode())
    assert h.hexdigest() == BLIND_DIGESTS[(template_set, seed)]


def test_blind_is_the_fourth_template_set():
    assert TEMPLATE_SETS == ("train", "heldout", "fresh", "blind")


def test_every_concern_has_enough_blind_phrasings():
    assert set(BLIND) == {c.key for c in CONCERNS}
    for c in CONCERNS:
        assert c.blind == BLIND[c.key]
        assert len(c.blind) >= (10 if c.level == 4 else 8), c.key
        if c.trigger:
            assert len(c.neg_blind) >= 3, c.key
        else:
            assert not c.neg_blind, f"{c.key}: a negation only means something for a trigger concern"
    assert sum(len(v) for v in NEG_BLIND.values()) >= 40


def test_concerns_that_need_a_born_child_name_one():
    # An unborn contact may draw a phrasing without child slots from any concern as its main one,
    # so concerns about school-age children must always name the child.
    for c in CONCERNS:
        if c.unborn:
            assert all(_usable(p, True) for p in c.blind), c.key
        elif c.ages[0] > 0 or c.ages == (0, 0):
            # these few read as well before a birth (an older sister at risk, parents' drug use, a split)
            allowed = c.key in ("fgm", "parental_substance", "separation")
            loose = [p for p in c.blind if _usable(p, True)]
            assert allowed or not loose, (c.key, loose)


def test_blind_phrasings_expand_with_the_generator_slots():
    rng = random.Random(0)
    for gender in ("female", "male"):
        slots = _pronouns(gender) | {"c": "Ava", "age": "9", "age_m": "4", "adult": "grandpa", "parent": "the mum"}
        slots["sib"] = "Leo"
        for p in _blind_phrasings():
            text = expand(p, slots, rng)
            assert "{" not in text and "[" not in text and "|" not in text, p


def test_no_phrasing_string_is_shared_with_the_other_families():
    blind = _blind_phrasings()
    assert len(set(blind)) == len(blind), "a blind phrasing is repeated"
    assert not {p.lower() for p in blind} & {p.lower() for p in _train_heldout_fresh()}


def test_blind_wording_overlaps_little_with_train_heldout_and_fresh():
    # No word 5-gram in common with any train, heldout or fresh expansion; at most a quarter of
    # any one phrasing's 4-grams, and a bounded share overall.
    others = _train_heldout_fresh()
    old5 = set().union(*(ngrams(p, 5) for p in others))
    old4 = set().union(*(ngrams(p, 4) for p in others))
    shared4 = total4 = 0
    for p in _blind_phrasings():
        assert not ngrams(p, 5) & old5, (p, sorted(ngrams(p, 5) & old5))
        grams = ngrams(p, 4)
        common = grams & old4
        assert len(common) <= len(grams) / 4, (p, sorted(common))
        shared4 += len(common)
        total4 += len(grams)
    assert shared4 / total4 < MAX_SHARED_4GRAM_SHARE


def test_the_bound_would_catch_a_copied_fresh_phrasing():
    old5 = set().union(*(ngrams(p, 5) for p in _train_heldout_fresh()))
    copied = CONCERNS[0].fresh[1].replace("10.40", "11.15")
    assert ngrams(copied, 5) & old5


def test_every_concern_is_drawn_in_blind_contacts():
    drawn = Counter(k for c in generate_contacts(3000, 5, "blind") for k in c.concerns)
    assert {c.key for c in CONCERNS} <= set(drawn)
    assert {k[4:] for k in drawn if k.startswith("not:")} == set(NEG_BLIND)


@pytest.mark.parametrize(
    "marker", ["PUBLIC PROTECTION NOTIFICATION", "Telephone contact record", "REQUEST FOR HELP - children's front door"]
)
def test_blind_frames_are_its_own(marker):
    blind = " ".join(c.text for c in generate_contacts(400, 1, "blind"))
    others = " ".join(c.text for ts in ("train", "heldout", "fresh") for c in generate_contacts(400, 1, ts))
    assert marker in blind
    assert marker not in others
    for other_marker in ("Child's name:", "Name of young person", "Inter-agency request for support", "PHONE LOG"):
        assert other_marker not in blind


def test_blind_sentences_come_from_the_blind_phrasings():
    old = {p.rstrip(".").lower() for p in _train_heldout_fresh() if "{" not in p and "[" not in p}
    text = " ".join(c.text.lower() for c in generate_contacts(300, 9, "blind"))
    assert not [p for p in old if p in text]
