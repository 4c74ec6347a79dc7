"""Intake patterns sped up with a first-character lookahead find exactly what they did without it."""

from __future__ import annotations

import re

import pytest

from mashdesk.intake import children, email_parse
from mashdesk.synthetic import generate_contacts, to_draft

AWKWARD = [
    "ſchool nurse rang; Deputy DSL aware. Head Teacher: Mrs Ode. PC 4471 attended.",  # long s
    "İs pregnant, EDD 03/04/2027. ıs pregnant? Due date: 1st March 2027",  # Turkish i
    "Mum is ٣ weeks pregnant; \uff11\uff12 weeks pregnant too",  # Arabic-Indic and fullwidth digits
    "UNBORN BABY of Amy Fakes; Expected Date of Delivery is 12.12.2026; \u212aelvin",
    "GP, gp, Gp; MIDWIFE; Youth Offending; safeguarding officer; paediatric liaison",
    "undergone; isn't pregnant; expecting her baby; due on 2026-12-01; dsl",
]


@pytest.mark.parametrize(
    ("fast", "lookahead"),
    [
        (email_parse._ROLE_RE, "(?=[dhsmgpyf])"),
        (children._UNBORN, "(?=[uie\\d])"),
        (children._EDD_FREE, "(?=[ed])"),
    ],
)
def test_a_lookahead_changes_no_match(fast: re.Pattern[str], lookahead: str) -> None:
    assert lookahead in fast.pattern
    plain = re.compile(fast.pattern.replace(lookahead, "", 1), fast.flags)
    texts = AWKWARD + [to_draft(c).body_text for c in generate_contacts(400, 21)]
    assert _texts_matching_alike(fast, plain, texts) >= 6


@pytest.mark.parametrize("fast", [children._FREE_DOB, children._FREE_AGE])
def test_possessive_name_words_change_no_match(fast: re.Pattern[str]) -> None:
    assert "]++" in fast.pattern
    plain = re.compile(fast.pattern.replace("]++", "]+"), fast.flags)
    texts = [
        "Smith-(aged 5) and O'Neil- (DOB 01/02/2015); D’Arcy Lee, aged 7; Anne-Marie Lee (DOB 3rd May 2016)",
        "Ben Adams Aged 7, Ben Adams, aged 7; Zoë Ward (6); MASON GOLBY (12 yrs); Tom (aged 14) Jones",
        "Ava X, DOB 03/04/2016 and Ava X,born 2016-04-03; 'Kai' (9); Kai-(9); Leo--Ray (10 years old)",
    ] + [to_draft(c).body_text for c in generate_contacts(400, 22)]
    assert _texts_matching_alike(fast, plain, texts) >= 50


def _texts_matching_alike(fast: re.Pattern[str], plain: re.Pattern[str], texts: list[str]) -> int:
    """Asserts both patterns find the same matches and groups in every text; how many texts
    had a match."""
    found = 0
    for text in texts:
        matches = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert matches == [(m.span(), m.groups()) for m in plain.finditer(text)], text
        found += bool(matches)
    return found


def test_a_school_is_looked_for_only_where_its_last_word_appears(monkeypatch: pytest.MonkeyPatch) -> None:
    # find_children searches for a school name only in texts holding one of the words every such
    # name ends with: it finds the same children, schools included, as searching every text.
    texts = [
        "Leo Fakes (7) attends Oak Tree Primary School; Ava Fakes (3) goes to St Mary's C of E Nursery.",
        "Kai Ward, aged 9, Harbour Academy and Fakesley College; oak tree primary school (lower case)",
        "Zoe Lee (5) is at the Nursery run by Little Acorns; SCHOOL: none; Schoolhouse Lane",
        "Mia Lee (4) attends Little Acorns Nursery.",  # each word alone
        "Ola Lee (15) is at Riverside Academy.",
        "Sam Lee (17) studies at Fakesley Sixth Form College.",
        "Ben Lee (8) is at Hill Top Primary School.",
    ] + [to_draft(c).body_text for c in generate_contacts(400, 23)]
    skipping = [children.find_children(t) for t in texts]
    monkeypatch.setattr(children, "_SCHOOL_WORDS", ("",))  # "" is in every text: always searched
    assert [children.find_children(t) for t in texts] == skipping
    assert sum(any(c.school for c in found) for found in skipping) >= 20
    assert sum(not any(w in t for w in ("School", "Academy", "College", "Nursery")) for t in texts) >= 100


def test_an_unborn_child_is_looked_for_only_where_one_of_its_words_appears(monkeypatch: pytest.MonkeyPatch) -> None:
    # The same children, unborn ones included, as searching every text for an unborn child.
    texts = [
        "Mum is 28 weeks pregnant; EDD 03/02/2027. Sibling Leo Fakes (7).",
        "Concern for the UNBORN baby of Ms Fakes, due date: 1 March 2027.",
        "She is expecting a baby in the spring and is not engaging with the midwife.",
        "Ms Lee IS PREGNANT with her third child.",
        "Mum says she is expecting her baby in May.",
        "Expecting the police to call back about Kai Ward, aged 9.",  # the word, but no unborn child
    ] + [to_draft(c).body_text for c in generate_contacts(400, 29)]
    skipping = [children.find_children(t) for t in texts]
    assert sum(not children._may_mention_unborn(t) for t in texts) >= 200
    monkeypatch.setattr(children, "_UNBORN_WORDS", ("",))  # "" is in every text: always searched
    assert [children.find_children(t) for t in texts] == skipping
    assert sum(any(c.unborn for c in found) for found in skipping) >= 10
