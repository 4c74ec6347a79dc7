"""The "fresh" template set: complete, labelled like the others, and worded apart from train/heldout."""

import random
import re

import pytest

from mashdesk.synthetic import TEMPLATE_SETS, generate_contacts
from mashdesk.synthetic.concerns import BACKGROUND_HELDOUT, BACKGROUND_TRAIN, CONCERNS
from mashdesk.synthetic.concerns_fresh import BACKGROUND_FRESH, FRESH, NEG_FRESH
from mashdesk.synthetic.concerns_train_more import BACKGROUND_TRAIN_MORE
from mashdesk.synthetic.generator import _pronouns, expand

_ALT = re.compile(r"\[([^\[\]]*)\]")
_TOKEN = re.compile(r"\{\w+\}|[a-z0-9£%#&]+(?:'[a-z]+)?")


def _segments(template: str) -> list[list[list[str]]]:
    """The template as a lattice: each segment lists its alternatives' word tokens."""
    segs, pos = [], 0
    for m in _ALT.finditer(template):
        segs.append([_TOKEN.findall(template[pos : m.start()].lower())])
        segs.append([_TOKEN.findall(a.lower()) for a in m.group(1).split("|")])
        pos = m.end()
    segs.append([_TOKEN.findall(template[pos:].lower())])
    return segs


def ngrams(template: str, n: int) -> set[tuple[str, ...]]:
    """Every word n-gram any expansion of the template can produce (slots kept as tokens)."""
    segs = _segments(template)
    out: set[tuple[str, ...]] = set()

    def extend(i: int, acc: list[str]) -> None:
        for alt in segs[i] if i < len(segs) else ():
            need = n - len(acc)
            if len(alt) >= need:
                out.add(tuple(acc + alt[:need]))
            else:
                extend(i + 1, acc + alt)

    for i, seg in enumerate(segs):
        for alt in seg:
            for k in range(len(alt)):
                rest = alt[k:]
                if len(rest) >= n:
                    out.add(tuple(rest[:n]))
                else:
                    extend(i + 1, list(rest))
    return out


def _old_phrasings() -> list[str]:
    old = [p for c in CONCERNS for p in c.train + c.heldout + c.neg_train + c.neg_heldout]
    return old + list(BACKGROUND_TRAIN + BACKGROUND_HELDOUT + BACKGROUND_TRAIN_MORE)


def _fresh_phrasings() -> list[str]:
    return [p for c in CONCERNS for p in c.fresh + c.neg_fresh] + list(BACKGROUND_FRESH)


def test_ngrams_cover_every_expansion():
    grams = ngrams("{c} [hit|kicked] [|hard] him", 3)
    assert grams == {
        ("{c}", "hit", "him"),
        ("{c}", "kicked", "him"),
        ("{c}", "hit", "hard"),
        ("{c}", "kicked", "hard"),
    } | {
        ("hit", "hard", "him"),
        ("kicked", "hard", "him"),
    }


def test_fresh_is_a_template_set():
    assert TEMPLATE_SETS[:3] == ("train", "heldout", "fresh")


def test_every_concern_has_fresh_phrasings_and_negations_where_the_others_do():
    assert set(FRESH) == {c.key for c in CONCERNS}
    assert set(NEG_FRESH) <= set(FRESH)
    for c in CONCERNS:
        assert len(c.fresh) >= 4, c.key
        if c.neg_heldout or c.neg_train:
            assert len(c.neg_fresh) >= 2, c.key
        if c.neg_fresh:
            assert c.trigger, f"{c.key}: a negation only means something for a trigger concern"


def test_fresh_phrasings_expand_with_the_generator_slots():
    rng = random.Random(0)
    for gender in ("female", "male"):
        slots = _pronouns(gender) | {
            "c": "Ava",
            "age": "9",
            "age_m": "4",
            "adult": "step-dad",
            "parent": "mam",
            "sib": "Leo",
        }
        for p in _fresh_phrasings():
            text = expand(p, slots, rng)
            assert "{" not in text and "[" not in text and "|" not in text, p


def test_no_phrasing_string_is_shared_with_train_or_heldout():
    old = {p.lower() for p in _old_phrasings()}
    fresh = _fresh_phrasings()
    assert len(set(fresh)) == len(fresh), "a fresh phrasing is repeated"
    assert not {p.lower() for p in fresh} & old


def test_fresh_wording_overlaps_little_with_train_and_heldout():
    # Bound: no word 5-gram in common with any train/heldout expansion, under 2% of fresh word
    # 4-grams in common overall and at most a quarter of any one phrasing's 4-grams.
    old5 = set().union(*(ngrams(p, 5) for p in _old_phrasings()))
    old4 = set().union(*(ngrams(p, 4) for p in _old_phrasings()))
    shared4 = total4 = 0
    for p in _fresh_phrasings():
        assert not ngrams(p, 5) & old5, p
        grams = ngrams(p, 4)
        common = grams & old4
        assert len(common) <= len(grams) / 4, (p, sorted(common))
        shared4 += len(common)
        total4 += len(grams)
    assert shared4 / total4 < 0.02


def test_the_bound_would_catch_a_copied_phrasing():
    old4 = set().union(*(ngrams(p, 4) for p in _old_phrasings()))
    copied = CONCERNS[0].heldout[0].replace("During break", "At lunch")
    assert len(ngrams(copied, 4) & old4) > len(ngrams(copied, 4)) / 4


@pytest.mark.parametrize("marker", ["Inter-agency request for support", "CHILD COMING TO NOTICE", "PHONE LOG"])
def test_fresh_frames_are_its_own(marker):
    fresh = " ".join(c.text for c in generate_contacts(400, 1, "fresh"))
    others = " ".join(c.text for ts in ("train", "heldout") for c in generate_contacts(400, 1, ts))
    assert marker in fresh
    assert marker not in others
    assert "Child's name:" not in fresh and "Name of young person" not in fresh


def test_fresh_sentences_come_from_the_fresh_phrasings():
    # A concern sentence of a fresh contact never equals a train or heldout phrasing.
    old = {p.rstrip(".").lower() for p in _old_phrasings() if "{" not in p and "[" not in p}
    text = " ".join(c.text.lower() for c in generate_contacts(300, 9, "fresh"))
    assert not [p for p in old if p in text]
