"""The RE2 filter only skips indicators that cannot match: results are the same without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mashdesk.rules import RuleFacts, evaluate, load_pack, re2filter
from mashdesk.rules.engine import TextScan
from mashdesk.rules.facts import facts_from_draft
from mashdesk.rules.re2filter import _Unsupported, entries, loosen
from mashdesk.rules.selftest import example_facts
from mashdesk.synthetic import generate_contacts, to_draft
from tests.rules.test_pack_validation import HEAD, _indicators, _triggers, _write

DATA = Path(__file__).parents[1] / "data" / "rules_eval" / "contacts.jsonl"

pytestmark = pytest.mark.skipif(not re2filter.enabled(), reason="google-re2 is a dependency; CI has it")

# Texts where Python's Unicode-aware, case-insensitive patterns and RE2's ASCII classes differ.
AWKWARD = [
    "Zoë told her teacher that her stepdad hit her with a belt last night.",
    "Renée (5 yrs) has a bruise on her cheek and would not say how she got it.",
    "İBRAHİM said dad hıt him. He has a mark on his arm.",  # Turkish dotted and dotless i
    "Mum\u00a0told\u2003school\x1cthat\x1fher boyfriend kicked the\u2028baby.",
    "He is ٣ years old and was found alone at home for two days.",  # Arabic-Indic digit
    "The \u212aelvin sign and a long \u017f: he \u017faid dad hits him.",
    "Lone surrogate \udcff in a badly decoded message: dad punched him.",
    "\ufeffBOM first: she disclosed that her uncle touched her.",
    "Emoji \U0001f622 then: mum's partner strangled her in front of the kids.",
    "FGM \u2013 discussed at booking; mother says her daughters have not been cut.",
    # Separators RE2 reads as spaces: dashes, ellipses, currency, tabs, a match at either end.
    "OD'd\u2014mum's boyfriend\u2026he owes them \u00a3200\tand dad\u2014hit her\u2014x3 DV.",
    "Child\u2019s step\u2010dad punched him\u203c\u00bfQu\u00e9?\u00a0Dad hit him",
]


def _awkward_and_generated() -> list[RuleFacts]:
    facts = [RuleFacts(t) for t in AWKWARD]
    for template_set in ("train", "heldout", "fresh", "blind"):
        facts += [facts_from_draft(to_draft(c)) for c in generate_contacts(150, 11, template_set)]
    facts += [RuleFacts(json.loads(line)["text"]) for line in DATA.read_text("utf-8").splitlines()]
    return facts


def test_loosen_drops_assertions_widens_classes_and_reads_separators_as_spaces() -> None:
    assert loosen(r"(?<![\w])(?:hit)(?![\w])") == "(?:hit)"
    # In the separated text every non-word character is a space, so a gap is a run of spaces.
    assert loosen(r"(?P<gap0>[^\w.!?]+)x") == r"(?: +)x"
    # An abbreviation stays case-sensitive: RE2 then finds no "DA" in "today" for Python to try.
    assert loosen(r"(?-i:DV)|\bda\b") == "(?-i:DV)|da"
    assert loosen(r"(?s:a.b)(?i:c)(?s-i:D.)") == "(?s:a.b)(?i:c)(?s-i:D.)"
    # an escaped hyphen is a character, not a range; a negated class always admits the space
    assert loosen(r"[0\-9][^a\-z][^\x00-\x7f]") == r"[09 ](?:[^az]| )(?:[^\x{0}-\x{7f}]| )"
    assert loosen(r"a(?#c)*b(?!x)*c") == "a*bc"  # a comment is no atom; an assertion's repeat goes with it
    # a bracket in a comment hides no "|": the look-arounds are then the first and last alternative's
    assert entries(r"(?<![\w])a(?#(x)|b(?![\w])") == [("a", False), ("b", False)]
    assert entries(r"(?<![\w])(?:a(?#(x)|b)(?![\w])") == [(" a ", True), (" b ", True)]
    assert loosen(r"\w+ \d \s\W\S") == r"[\w\x{80}-\x{10FFFF}]+ [\d\x{80}-\x{10FFFF}]   (?s:.)"
    assert loosen(r"[\w'] [^\w.!?][^\w]") == r"[\w\x{80}-\x{10FFFF} ]   "
    assert loosen(r"y/o|b\/f|sh\*t|[-/ ]?£\.") == "y o|b f|sh t| ?  "
    # a negated class keeps its word characters out (and admits the space), unwidened
    assert loosen(r"[^\d][^a-c.][^.!?]") == r"(?:[^\d]| )(?:[^a\x{61}-\x{63}]| )(?s:.)"
    assert loosen(r"a{,3}\u2019\u00e9") == r"a{0,3} \x{e9}"
    assert loosen("xa{,}b") == "xa{0,}b"  # an open repeat, not the text "{,}"
    # a long counted repeat loses its bound (RE2's automaton need not count); short ones keep it
    assert (
        loosen(r"a(?:\w+ ){0,20}?b{2,5}c{1,3}d{4}e{x,y}") == r"a(?:[\w\x{80}-\x{10FFFF}]+ ){0,}?b{2,}c{1,3}d{4}e x y "
    )
    turkish = ("k\u0131l", "x[\u0100-\u017f]y", "[\u0130-\u0131]", r"x\u0130")  # Python's i matches them
    for unsupported in (r"(a)\1", r"(?P<x>a)(?(x)b|c)", r"[^\W]", r"(?x)a b", r"(?>a)", *turkish):
        with pytest.raises(_Unsupported):
            loosen(unsupported)


def test_every_python_match_is_among_the_filters_possibles() -> None:
    pack = load_pack("default")
    flt = re2filter.pack_filter(pack)
    assert flt is not None and not flt.uncovered, "every default indicator should be filtered"
    checked = unfiltered = 0
    for facts in _awkward_and_generated():
        text = TextScan(pack, facts.text).text
        found = flt.text(text)
        if found is None:
            unfiltered += 1
            continue
        possible = found.possible
        for idx, ind in enumerate(pack.indicators):
            if ind.regex is None:
                continue
            expected = [m.span() for m in ind.regex.finditer(text)]
            if expected:
                assert idx in possible, (ind.id, text)
            if idx in possible:
                # searching only the entries RE2 confirmed in this text, and searching them all
                assert [m.span() for m in found.matches(idx, ind.regex)] == expected, (ind.id, text)
                assert [m.span() for m in flt.matches(idx, ind.regex, text)] == expected, (ind.id, text)
            checked += 1
    assert checked > 100_000
    # The Turkish i goes the long way; a lone surrogate is a non-word character, a space to RE2.
    assert unfiltered == 1


def test_results_are_identical_with_and_without_the_filter() -> None:
    pack = load_pack("default")
    facts = _awkward_and_generated()
    facts += [example_facts(ex) for ind in pack.indicators for ex in ind.examples + ind.near_misses]
    facts += [example_facts(ex) for t in pack.triggers.values() for ex in t.examples + t.near_misses]
    fired = 0
    for f in facts:
        plain = evaluate(pack, f, TextScan(pack, f.text, use_filter=False))
        assert evaluate(pack, f, TextScan(pack, f.text)).to_dict() == plain.to_dict(), f.text
        fired += bool(plain.indicators)
    assert len(facts) > 1700 and fired > 1000, (len(facts), fired)


def test_the_filter_skips_most_indicators() -> None:
    pack = load_pack("default")
    texts = [json.loads(line)["text"] for line in DATA.read_text("utf-8").splitlines()[:100]]
    scans = [TextScan(pack, t) for t in texts]
    tried = sum(len(s.order) for s in scans) / len(scans)
    plain = sum(len(TextScan(pack, t, use_filter=False).order) for t in texts) / len(texts)
    assert tried * 5 < plain, (tried, plain)


def test_an_indicator_re2_cannot_take_is_left_unfiltered_and_still_found(tmp_path: Path) -> None:
    indicators = _indicators() + (
        "  - {id: echo, level: 1, domain: d, clause: '1', patterns: ['(\\w+) and \\1'],\n"
        "     examples: [fish and fish], near_misses: [fish and chips]}\n"
        "  - {id: plain, level: 1, domain: d, clause: '1', patterns: ['hit'],\n"
        "     examples: [dad hit me], near_misses: [dad hat]}\n"
    )
    pack = load_pack(_write(tmp_path, HEAD + _triggers() + indicators))
    flt = re2filter.pack_filter(pack)
    assert flt is not None
    echo = [i.id for i in pack.indicators].index("echo")
    assert flt.uncovered == {echo}
    for text, ids in (("fish and fish; dad hit me", ["echo", "plain"]), ("fish and chips", []), ("hit", ["plain"])):
        res = evaluate(pack, RuleFacts(text))
        assert [f.id for f in res.indicators] == ids
        assert res.to_dict() == evaluate(pack, RuleFacts(text), TextScan(pack, text, use_filter=False)).to_dict()


def test_without_google_re2_nothing_is_filtered(monkeypatch: pytest.MonkeyPatch) -> None:
    pack = load_pack("default")
    text = "Mum says her boyfriend kicked the baby. The baby (4 months) has a bruise on his cheek."
    filtered = evaluate(pack, RuleFacts(text, child_ages=[0]))
    assert filtered.triggers
    monkeypatch.setattr(re2filter, "_re2", None)
    monkeypatch.setattr(re2filter, "_FILTERS", {})
    scan = TextScan(pack, text)
    assert scan.filter is None and scan.candidates
    assert evaluate(pack, RuleFacts(text, child_ages=[0]), scan).to_dict() == filtered.to_dict()


def test_matches_follows_finditer_after_an_empty_match() -> None:
    # finditer may find an empty match and then a non-empty one at the same place
    import re

    import re2

    from mashdesk.rules.re2filter import PackFilter, _options, entries

    for pattern, text in (("(?<=a)|b", "ab"), (r"\b(?:ab)?|c", "x c"), ("(?<=-)|\\.\\.", "-..")):
        regex = re.compile(pattern, re.IGNORECASE)
        found = entries(pattern)
        leads = tuple(lead for _, lead in found)
        flt = PackFilter(
            "t", None, (0,) * len(found), {0: tuple(range(len(found)))}, frozenset({0}), frozenset(), leads
        )
        flt.__dict__["_raw"] = tuple(re2.compile(entry, _options())._regexp for entry, _ in found)
        assert [m.span() for m in flt.matches(0, regex, text)] == [m.span() for m in regex.finditer(text)], pattern


def test_alternatives_are_filtered_one_by_one() -> None:
    from mashdesk.rules.re2filter import _alternatives

    assert _alternatives(r"(?:youth[^\w.!?]+offending|YOT)") == [r"youth[^\w.!?]+offending", "YOT"]
    assert _alternatives("(?:a|(?:b|c))|d") == ["a", "b", "c", "d"]
    assert _alternatives("(?:a|b)c|d") == ["(?:a|b)c", "d"]  # a group inside a sequence stays whole
    assert _alternatives("(?:a|b)?") == ["(?:a|b)?"]
    assert _alternatives("(?s:a|b)") == ["(?s:a|b)"]
    assert _alternatives(r"x\|y|[|]") == [r"x\|y", "[|]"]
    # RE2 finds no atoms for a literal alternative beside one with a gap; split, each has atoms
    flt = re2filter.pack_filter(load_pack("default"))
    assert flt is not None
    everywhere = {flt.indicator_of[h] for h in flt.filter.Match("zzzz qqqq", True) or []}
    assert len(everywhere) <= 3, everywhere


def test_a_filtered_text_given_its_hits_does_not_run_the_filter_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    pack = load_pack("default")
    flt = re2filter.pack_filter(pack)
    assert flt is not None
    text = "Mum says her boyfriend kicked the baby. The baby (4 months) has a bruise on his cheek."
    facts = RuleFacts(text, child_ages=[0])
    expected = evaluate(pack, facts).to_dict()
    hits = flt.hits(text)
    assert hits and flt.possible_of(hits) == flt.possible(text)
    real = flt.filter._filter

    class Refuses:
        def __init__(self) -> None:
            self._filter = self

        def Match(self, *args: object) -> None:  # noqa: N802 - the package's name
            raise AssertionError("the filter ran again")

        def GetRE2(self, index: int) -> object:  # noqa: N802 - each entry's automaton is still searched
            return real.GetRE2(index)

    monkeypatch.setitem(re2filter._FILTERS, pack.sha256, dataclasses.replace(flt, filter=Refuses()))
    assert evaluate(pack, facts, TextScan(pack, text, hits=hits)).to_dict() == expected
    assert not evaluate(pack, facts, TextScan(pack, text, hits=frozenset())).indicators  # taken as given
    with pytest.raises(AssertionError, match="ran again"):
        TextScan(pack, text)


# fmt: off
_PIECES = [
    "a", "b", "\u00e9", "-", "'", " ", r"\.", "!", r"\?", "\u00a3", "\u2014", r"[^\w.!?]+", r"[\w']+", r"\w", r"\W",
    r"\s", r"\S", r"\d", "[a-c]", "[^a-c]", "[- ]", "[^.!?]", r"[\w-]", r"[^\w]", r"\b", "(?-i:AB)", ".", "(?:a|b )",
    r"(?<!\w)", r"(?!\w)", r"(?P<g>[^\w.!?]+(?:[\w']+[^\w.!?]+){0,4}?)",
    # what a review found the first version of the separated filter missed
    "\u03b9", "\u0345", r"[^\x00-\x7f]", "[^ -~]", r"[0\-9]", r"[^a\-z]", "(?-i:a(?i:b))", "(?#c)",
    "\U00010400", "[^\U00010400z]", "\U0001d7ce",
]
# fmt: on


@pytest.mark.parametrize("seed", range(4))
def test_loosened_entries_start_wherever_the_python_pattern_matches(seed: int) -> None:
    """Random patterns from the constructs the pack uses, on random texts full of separators:
    searching the entries finds every match finditer finds (so RE2 skips no place)."""
    import random
    import re

    import re2

    from mashdesk.rules.re2filter import PackFilter, _options, _Unsupported, entries

    rng = random.Random(seed)
    alphabet = "abcAB\u00e9\u00c9 1_-'.!?\t\n\u00a3\u2014\u00a0x9z\u03b9\u0399\u0345\U00010428\U00010400\U0001d7ce"
    checked = 0
    for _ in range(250):
        body = "".join(
            rng.choice(_PIECES) + (rng.choice(["", "?", "+", "*", "{0,5}"]) if rng.random() < 0.3 else "")
            for _ in range(rng.randint(1, 5))
        )
        if rng.random() < 0.3:
            body += "|" + rng.choice(_PIECES)
        pattern = r"(?<![\w])(?:" + body + r")(?![\w])" if rng.random() < 0.6 else body
        try:
            regex = re.compile(pattern, re.IGNORECASE)
            found = entries(pattern)
            raw = tuple(re2.compile(entry, _options())._regexp for entry, _ in found)
        except (re.error, re2.error, _Unsupported):  # RE2 refusing one: build() leaves it unfiltered
            continue
        leads = tuple(lead for _, lead in found)
        flt = PackFilter(
            "t", None, (0,) * len(found), {0: tuple(range(len(found)))}, frozenset({0}), frozenset(), leads
        )
        flt.__dict__["_raw"] = raw
        for _ in range(20):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
            expected = [m.span() for m in regex.finditer(text)]
            assert [m.span() for m in flt.matches(0, regex, text)] == expected, (pattern, text)
            checked += bool(expected)
    assert checked > 300, checked
