"""Pack validation: every error reported with file, line and a plain message; never loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mashdesk.cli import cli
from mashdesk.domain import TRIGGER_CODES
from mashdesk.rules.pack import InvalidPack, load_pack, validate_pack

HEAD = """\
name: t
version: "1"
levels:
  - {number: 1, name: One, routing: information_advice}
  - {number: 4, name: Four, routing: strategy_discussion}
domains:
  - {id: d, name: Domain}
clauses:
  "1": One
synonyms:
  hit: ['hit', 'kicked']
abbreviations:
  DV: hit
"""


def _triggers() -> str:
    out = ["triggers:"]
    for code in TRIGGER_CODES:
        out.append(f'  - {{code: {code}, clause: "1", examples: ["{code} x"], near_misses: ["no"]}}')
    return "\n".join(out) + "\n"


def _indicators() -> str:
    out = ["indicators:"]
    for i, code in enumerate(TRIGGER_CODES):
        out.append(
            f'  - {{id: t{i}, level: 4, domain: d, clause: "1", trigger: {code}, '
            f'patterns: [\'{code} x\'], examples: ["{code} x"], near_misses: ["nothing"]}}'
        )
    return "\n".join(out) + "\n"


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "pack.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _line_of(text: str, needle: str) -> int:
    for n, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(needle)


def test_minimal_valid_pack_loads(tmp_path: Path) -> None:
    p = _write(tmp_path, HEAD + _triggers() + _indicators())
    assert validate_pack(p) == []
    pack = load_pack(p)
    assert len(pack.indicators) == len(TRIGGER_CODES)
    assert len(pack.sha256) == 64


def test_each_error_has_file_line_and_message(tmp_path: Path) -> None:
    bad = (
        "  - {id: t0, level: 3, domain: d, clause: \"1\", patterns: ['x'], "
        'examples: ["x"], near_misses: ["y"]}\n'
        "  - {id: dup, level: 1, domain: d, clause: \"1\", patterns: ['a'], "
        'examples: ["a"], near_misses: ["b"]}\n'
        "  - {id: dup, level: 1, domain: d, clause: \"1\", patterns: ['b'], "
        'examples: ["b"], near_misses: ["c"]}\n'
        "  - {id: badpat, level: 1, domain: d, clause: \"1\", patterns: ['(unclosed'], "
        'examples: ["a"], near_misses: ["b"]}\n'
        "  - {id: noclause, level: 1, domain: d, patterns: ['q'], "
        'examples: ["q"], near_misses: ["r"]}\n'
        "  - {id: badclause, level: 1, domain: nope, clause: \"9.9\", patterns: ['{nosuch} q'], "
        'examples: ["q"], near_misses: ["r"]}\n'
    )
    text = HEAD + _triggers() + _indicators() + bad
    p = _write(tmp_path, text)
    errors = validate_pack(p)
    by_msg = {e.message: e for e in errors}
    assert all(e.file == str(p) for e in errors)

    def find(fragment: str) -> int:
        hits = [e for m, e in by_msg.items() if fragment in m]
        assert hits, f"no error mentioning {fragment!r} in {list(by_msg)}"
        return hits[0].line

    # Line numbers point at the offending entry.
    assert find("unknown level 3") == _line_of(text, "{id: t0, level: 3")
    assert find("duplicate indicator id 'dup'") == _line_of(text, "patterns: ['b']")
    assert find("bad pattern '(unclosed'") == _line_of(text, "(unclosed")
    assert find("indicator noclause: missing 'clause'") == _line_of(text, "id: noclause")
    assert find("clause '9.9' is not in 'clauses'") == _line_of(text, "id: badclause")
    assert find("unknown domain 'nope'") == _line_of(text, "id: badclause")
    assert find("unknown synonym list {nosuch}") == _line_of(text, "id: badclause")
    with pytest.raises(InvalidPack) as exc:
        load_pack(p)
    assert len(exc.value.errors) == len(errors)


def test_a_bad_or_empty_pattern_among_good_ones_is_named_with_its_own_line(tmp_path: Path) -> None:
    # The patterns are compiled joined first; when that fails or matches empty text, each is
    # compiled alone, so the error names the pattern at fault and its line, not the indicator.
    bad = (
        '  - id: mixed\n    level: 1\n    domain: d\n    clause: "1"\n    patterns:\n'
        "      - 'good one'\n      - 'half (open'\n      - 'fine too'\n      - '(?:maybe)?'\n"
        "      - '(?:left'\n      - 'right)'\n"
        '    examples: ["good one"]\n    near_misses: ["nothing"]\n'
    )
    text = HEAD + _triggers() + _indicators() + bad
    errors = validate_pack(_write(tmp_path, text))
    assert [(e.line, e.message) for e in errors] == [
        (_line_of(text, "half (open"), "indicator mixed: bad pattern 'half (open': missing ), unterminated subpattern"),
        (_line_of(text, "(?:maybe)?"), "indicator mixed: pattern '(?:maybe)?' matches empty text"),
        (_line_of(text, "(?:left"), "indicator mixed: bad pattern '(?:left': missing ), unterminated subpattern"),
        (_line_of(text, "right)"), "indicator mixed: bad pattern 'right)': unbalanced parenthesis"),
    ]


def test_patterns_that_are_bad_alone_but_join_into_a_valid_pattern_are_refused(tmp_path: Path) -> None:
    bad = (
        '  - id: halves\n    level: 1\n    domain: d\n    clause: "1"\n    patterns:\n'
        "      - '(?:left'\n      - 'right)'\n"
        '    examples: ["left"]\n    near_misses: ["nothing"]\n'
    )
    text = HEAD + _triggers() + _indicators() + bad
    errors = validate_pack(_write(tmp_path, text))
    bad_patterns = [e.line for e in errors if "bad pattern" in e.message]
    assert bad_patterns == [_line_of(text, "(?:left"), _line_of(text, "right)")]


def test_missing_and_unknown_triggers(tmp_path: Path) -> None:
    triggers = _triggers().replace("code: fgm,", "code: fgm_typo,")
    text = HEAD + triggers + _indicators()
    errors = validate_pack(_write(tmp_path, text))
    messages = [e.message for e in errors]
    assert "unknown trigger code 'fgm_typo'" in messages
    assert "mandatory trigger 'fgm' is not defined" in messages
    assert any("trigger 'fgm' is not in 'triggers'" in m for m in messages)


def test_unknown_routing_and_bad_abbreviation(tmp_path: Path) -> None:
    text = (
        (HEAD + _triggers() + _indicators())
        .replace("routing: information_advice", "routing: nfa")
        .replace("DV: hit", "DV: nothing_here")
    )
    errors = validate_pack(_write(tmp_path, text))
    lines = {e.message.split(":")[0]: e.line for e in errors}
    assert any("unknown routing code 'nfa'" in e.message for e in errors)
    assert any("abbreviation 'DV' must name a synonym list" in e.message for e in errors)
    assert lines


def test_yaml_syntax_error_reports_line(tmp_path: Path) -> None:
    text = HEAD + 'triggers:\n  - {code: fgm, clause: "1"\nindicators: []\n'
    errors = validate_pack(_write(tmp_path, text))
    assert len(errors) == 1
    assert "not valid YAML" in errors[0].message
    assert errors[0].line >= _line_of(text, "code: fgm")


def test_yaml_errors_read_as_pyyaml_words_them(tmp_path: Path) -> None:
    # libyaml reads packs faster but words some errors more tersely; the message is PyYAML's
    text = HEAD + "triggers: *missing\nindicators: []\n"
    errors = validate_pack(_write(tmp_path, text))
    assert len(errors) == 1
    assert "found undefined alias 'missing'" in errors[0].message
    assert errors[0].line == _line_of(text, "triggers: *missing")


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    text = HEAD.replace('version: "1"\n', 'version: "1"\nversion: "2"\n') + _triggers()
    text += _indicators()
    errors = validate_pack(_write(tmp_path, text))
    assert [e.line for e in errors if "duplicate key 'version'" in e.message] == [3]


def test_every_rule_needs_examples_and_near_misses(tmp_path: Path) -> None:
    text = HEAD + _triggers() + _indicators()
    text += "  - {id: bare, level: 1, domain: d, clause: \"1\", patterns: ['x']}\n"
    messages = [e.message for e in validate_pack(_write(tmp_path, text))]
    assert "indicator bare: missing 'examples' (every rule needs them)" in messages
    assert "indicator bare: missing 'near_misses' (every rule needs them)" in messages


def test_cli_validate_lists_errors_and_exits_1(tmp_path: Path) -> None:
    text = HEAD.replace("level", "level") + _triggers() + _indicators()
    text = text.replace("{id: t0, level: 4", "{id: t0, level: 7")
    p = _write(tmp_path, text)
    res = CliRunner().invoke(cli, ["rules", "validate", str(p)])
    assert res.exit_code == 1
    line = _line_of(text, "{id: t0, level: 7")
    assert f"{p}:{line}: indicator t0: unknown level 7" in res.output


def test_cli_validate_builtin_packs() -> None:
    for name in ("default", "early_help_l3"):
        res = CliRunner().invoke(cli, ["rules", "validate", name])
        assert res.exit_code == 0, res.output
        assert "valid pack" in res.output


def test_default_pack_shape() -> None:
    pack = load_pack("default")
    assert len(pack.indicators) >= 80
    assert sorted(pack.levels) == [1, 2, 3, 4]
    assert set(pack.triggers) == set(TRIGGER_CODES)
    assert len(pack.domains) == 3
    by_level = {lv: sum(1 for i in pack.indicators if i.level == lv) for lv in pack.levels}
    assert all(n > 0 for n in by_level.values())
    assert all(i.clause in pack.clauses for i in pack.indicators)
