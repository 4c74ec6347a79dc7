"""The prefix prefilter never changes what a pattern finds; it only skips hopeless positions."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mashdesk.rules import RuleFacts, evaluate, load_pack
from mashdesk.rules.engine import _candidates, _matches, _word_start_patterns
from mashdesk.rules.negation import lowercase
from mashdesk.rules.prefilter import literal_prefixes, stands_alone

DATA = Path(__file__).parents[1] / "data" / "rules_eval" / "contacts.jsonl"


def test_literal_prefixes() -> None:
    assert literal_prefixes(re.compile(r"(?<!\w)(?:dad|mum(?:my)?)\b", re.I)) == {"dad", "mum", "mummy"}
    assert literal_prefixes(re.compile(r"(?:a |the )?man", re.I)) == {"a ", "the ", "man"}
    assert literal_prefixes(re.compile(r"\d{1,2} ?wk")) == set("0123456789")
    assert literal_prefixes(re.compile(r"\w+ hit")) is None
    assert literal_prefixes(re.compile(r"(?-i:DV)", re.I)) == {"dv"}


def test_stands_alone_tells_which_alternatives_of_a_valid_joined_pattern_are_valid_alone() -> None:
    # Each pair joins with "|" into a valid pattern; the check must agree with compiling each alone.
    pairs = [("a(", ")b"), ("[a", "b]"), ("a\\", "b"), ("(?#x", "y)"), ("(?P<g>a)", "(?P=g)"), ("(a)", "(?(1)b|c)")]
    sources = [src for pair in pairs for src in pair]
    sources += ["(a)\\1", "[]a]", "[^]]x", r"[\]]", r"\(", "(?:a|b)(?![\\w])", "a)", "a(?#see (note)[x)b"]
    for src in sources:
        try:
            re.compile(src)
            valid = True
        except re.error:
            valid = False
        assert stands_alone(src) == valid, src
    for first, second in pairs:
        re.compile(first + "|" + second)  # the joined pattern is valid
    pack = load_pack("default")
    assert all(stands_alone(src) for ind in pack.indicators for src in ind.sources)


def test_a_pattern_with_brackets_in_a_comment_keeps_its_indicator(tmp_path: Path) -> None:
    from tests.rules.test_pack_validation import HEAD, _indicators, _triggers, _write

    indicators = _indicators() + (
        "  - {id: noted, level: 1, domain: d, clause: '1', patterns: ['milestone(?#see[1]and(a)s'],\n"
        "     examples: [milestones met], near_misses: [weather fine]}\n"
    )
    pack = load_pack(_write(tmp_path, HEAD + _triggers() + indicators))
    noted = next(i for i in pack.indicators if i.id == "noted")
    assert noted.regex is not None
    assert [f.id for f in evaluate(pack, RuleFacts("The weather was fine.")).indicators] == []
    assert "noted" in [f.id for f in evaluate(pack, RuleFacts("Milestones met.")).indicators]


def test_prefilter_finds_the_same_first_match_as_a_full_scan() -> None:
    pack = load_pack("default")
    assert not pack.always, "every default-pack indicator should have literal prefixes (speed)"
    texts = [json.loads(line)["text"] for line in DATA.read_text("utf-8").splitlines()[:150]]
    checked = 0
    at_word_start = _word_start_patterns(pack)
    for text in texts:
        cands = _candidates(pack, lowercase(text))
        for idx, ind in enumerate(pack.indicators):
            if ind.regex is None:
                continue
            full = next(ind.regex.finditer(text), None)
            positions = None if idx in pack.always else cands.get(idx, [])
            fast = next(_matches(ind, at_word_start[idx], text, positions), None)
            assert (full and full.span()) == (fast and fast.span()), (ind.id, text)
            checked += 1
    assert checked > 10_000


def test_trying_only_the_patterns_a_word_can_start_finds_the_same_matches() -> None:
    pack = load_pack("default")
    texts = [json.loads(line)["text"] for line in DATA.read_text("utf-8").splitlines()[:150]]
    at_word_start = _word_start_patterns(pack)
    checked = 0
    for text in texts:
        lower = lowercase(text)
        cands = _candidates(pack, lower)
        for idx, positions in cands.items():
            ind = pack.indicators[idx]
            whole = [m.span() for m in _matches(ind, at_word_start[idx], text, positions)]
            keyed = [m.span() for m in _matches(ind, at_word_start[idx], text, positions, keyed=(pack, idx, lower))]
            assert whole == keyed, (ind.id, text)
            checked += 1
    assert checked > 5_000


def test_cross_sentence_gap_and_its_cues() -> None:
    pack = load_pack("default")
    yes = evaluate(pack, RuleFacts("Bruises on his back. He would not say how he got them."))
    assert "unexplained_injury" in yes.triggers
    # a cue whose scope a clause-starting comma ends does not qualify the account
    mid = evaluate(
        pack,
        RuleFacts("Bruises on his back. No concerns about school, mum doesn't know how."),
    )
    assert "unexplained_injury" in mid.triggers
    baby = RuleFacts("Baby (6 weeks) seen at clinic. No bruising was found.", child_ages=[0])
    no = evaluate(pack, baby)
    assert "injury_non_mobile_baby" not in no.triggers
    assert [n["code"] for n in no.negated_triggers] == ["injury_non_mobile_baby"]


def test_escalation_ignores_requests_for_help() -> None:
    pack = load_pack("default")
    res = evaluate(pack, RuleFacts("He is being bullied. Mum would like a parenting course."))
    assert res.level == 2


def test_prefixes_are_worked_out_only_when_the_prefix_table_is_used(tmp_path: Path) -> None:
    from mashdesk.rules import re2filter
    from mashdesk.rules.engine import TextScan, warm
    from mashdesk.rules.pack import resolve

    copy = tmp_path / "pack.yaml"
    copy.write_bytes(resolve("default").read_bytes())
    pack = load_pack(copy)
    warm(pack)
    if re2filter.enabled():  # the filter covers every default pattern: no prefix is needed
        assert not any("branches" in vars(ind) for ind in pack.indicators)
        evaluate(pack, RuleFacts("Dad hit him with a belt."))
        assert not any("branches" in vars(ind) for ind in pack.indicators)
    assert TextScan(pack, "Dad hit him with a belt.", use_filter=False).candidates
    # (the word-start table is memoised per pack content, so ask the pack itself)
    assert pack.dispatch and not pack.always
    assert all("branches" in vars(ind) for ind in pack.indicators if ind.regex is not None)
