"""Rules packs: one council's threshold document as data, validated before it is ever used.

`validate_pack(ref)` lists every problem with file, line and a plain message; `load_pack(ref)`
returns a `Pack` or raises `InvalidPack` with the same list, so an invalid pack never loads.
A ref is a path to a YAML file or the name of a built-in pack ("default", "early_help_l3").
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from mashdesk.domain import ROUTING_CODES, TRIGGER_CODES
from mashdesk.rules.negation import KINDS
from mashdesk.rules.prefilter import literal_prefixes, stands_alone

BUILTIN_PACKS: tuple[str, ...] = ("default", "early_help_l3")

_TOP_KEYS = {
    "name",
    "version",
    "title",
    "description",
    "synthetic",
    "default_level",
    "levels",
    "domains",
    "clauses",
    "synonyms",
    "abbreviations",
    "escalation",
    "triggers",
    "indicators",
}
_INDICATOR_KEYS = {
    "id",
    "level",
    "domain",
    "clause",
    "description",
    "patterns",
    "conditions",
    "trigger",
    "immediate_protection",
    "fires_on",
    "examples",
    "near_misses",
}
_CONDITION_KEYS = {
    "age_min",
    "age_max",
    "unborn",
    "source_codes",
    "channels",
    "previous_contacts_min",
    "previous_contacts_max",
}
_EXAMPLE_FACT_KEYS = {"text", "child_ages", "unborn", "source_code", "channel", "previous_contacts"}
# libyaml's loader when PyYAML has it (the wheels do), ten times faster; a pack it refuses is read
# again by PyYAML's own loader, whose error messages are the ones people see.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_GAP = re.compile(r"\s*<(\d{1,2})>\s*")
_XGAP = re.compile(r"\s*<<(\d{1,2})>>\s*")
# Pattern spaces and gaps cross punctuation and spaces but never a sentence end.
_SEP = r"[^\w.!?]+"
_MAX_EXPANSION_DEPTH = 4


@dataclass(frozen=True)
class PackError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class InvalidPack(Exception):
    def __init__(self, errors: list[PackError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    routing: str


_EMPTY_FIELDS = (None,) * 7


@dataclass(frozen=True)
class Conditions:
    age_min: int | None = None
    age_max: int | None = None
    unborn: bool | None = None
    source_codes: frozenset[str] | None = None
    channels: frozenset[str] | None = None
    previous_contacts_min: int | None = None
    previous_contacts_max: int | None = None

    def is_empty(self) -> bool:
        return _EMPTY_FIELDS == (
            self.age_min,
            self.age_max,
            self.unborn,
            self.source_codes,
            self.channels,
            self.previous_contacts_min,
            self.previous_contacts_max,
        )

    def describe(self) -> list[str]:
        out = []
        if self.age_min is not None:
            out.append(f"child aged {self.age_min} or over")
        if self.age_max is not None:
            out.append(f"child aged {self.age_max} or under")
        if self.unborn is not None:
            out.append("unborn child" if self.unborn else "no unborn child")
        if self.source_codes is not None:
            out.append("referral source " + "/".join(sorted(self.source_codes)))
        if self.channels is not None:
            out.append("channel " + "/".join(sorted(self.channels)))
        if self.previous_contacts_min is not None:
            out.append(f"at least {self.previous_contacts_min} previous contacts")
        if self.previous_contacts_max is not None:
            out.append(f"at most {self.previous_contacts_max} previous contacts")
        return out


@dataclass(frozen=True)
class Example:
    text: str
    line: int
    facts: dict[str, Any] = field(default_factory=dict)


def _prefixes_or_none(source: str) -> frozenset[str] | None:
    try:
        return literal_prefixes(source, re.IGNORECASE)
    except re.error:  # not expected: the pack checked each source stands alone
        return None


@dataclass(frozen=True)
class Indicator:
    id: str
    level: int
    domain: str
    clause: str
    description: str
    patterns: tuple[str, ...]
    regex: re.Pattern[str] | None
    gaps: tuple[str, ...]  # named groups of the `<N>` gaps, where a cue also counts
    conditions: Conditions
    trigger: str | None
    immediate_protection: bool
    fires_on: frozenset[str]
    examples: tuple[Example, ...]
    near_misses: tuple[Example, ...]
    line: int
    # Each pattern's regex source (the indicator's regex is them joined with "|").
    sources: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @functools.cached_property
    def has_conditions(self) -> bool:
        return not self.conditions.is_empty()

    @functools.cached_property
    def branches(self) -> tuple[tuple[str, frozenset[str] | None], ...]:
        """Each pattern's regex source and the lowercase prefixes its matches start with (None:
        any). Worked out when first asked (the prefix table's texts, which RE2 does not filter):
        parsing every source again is a third of a pack's load time."""
        return tuple((src, _prefixes_or_none(src)) for src in self.sources)


@dataclass(frozen=True)
class TriggerDef:
    code: str
    clause: str
    description: str
    examples: tuple[Example, ...]
    near_misses: tuple[Example, ...]
    line: int


@dataclass(frozen=True)
class Escalation:
    from_level: int
    count: int
    to_level: int
    clause: str
    ignore: frozenset[str] = frozenset()  # indicators that are not needs (a request for help)


@dataclass(frozen=True)
class Pack:
    name: str
    version: str
    title: str
    path: str
    sha256: str
    default_level: int
    levels: dict[int, Level]
    domains: dict[str, str]
    clauses: dict[str, str]
    indicators: tuple[Indicator, ...]
    triggers: dict[str, TriggerDef]
    escalation: tuple[Escalation, ...]

    @functools.cached_property
    def _prefix_table(self) -> tuple[dict[str, tuple[int, ...]], frozenset[int]]:
        dispatch: dict[str, list[int]] = {}
        always: set[int] = set()
        for idx, ind in enumerate(self.indicators):
            if ind.regex is None:
                continue
            # The indicator's pattern is its patterns joined with "|": its prefixes are theirs.
            union: set[str] = set()
            for _, prefixes in ind.branches:
                if prefixes is None:
                    always.add(idx)
                    break
                union |= prefixes
            if idx in always:
                continue
            for prefix in sorted(union):
                dispatch.setdefault(prefix, []).append(idx)
        return {k: tuple(v) for k, v in dispatch.items()}, frozenset(always)

    @property
    def dispatch(self) -> dict[str, tuple[int, ...]]:
        """Prefilter: indicator indexes by the lowercase prefix a match must start with."""
        return self._prefix_table[0]

    @property
    def always(self) -> frozenset[int]:
        """Indicators with a pattern whose matches can start with anything: always tried."""
        return self._prefix_table[1]

    def routing_for(self, level: int) -> str:
        return self.levels[level].routing

    def strategy_level(self) -> int:
        """The level a mandatory trigger lifts a contact to: the lowest one routed to s47."""
        s47 = [n for n, lv in self.levels.items() if lv.routing == "strategy_discussion"]
        return min(s47) if s47 else max(self.levels)

    def ref(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version, "sha256": self.sha256}


# --- YAML with line numbers -------------------------------------------------------------------


class _LDict(dict[str, Any]):
    line: int = 0
    key_lines: dict[str, int]


class _LList(list[Any]):
    line: int = 0
    item_lines: list[int]


def _construct(loader: Any, node: yaml.Node, errors: list[PackError], file: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        d = _LDict()
        d.line = node.start_mark.line + 1
        d.key_lines = {}
        for k_node, v_node in node.value:
            key = _construct(loader, k_node, errors, file)
            key_s = str(key)
            line = k_node.start_mark.line + 1
            if key_s in d:
                errors.append(PackError(file, line, f"duplicate key '{key_s}'"))
            d[key_s] = _construct(loader, v_node, errors, file)
            d.key_lines[key_s] = line
        return d
    if isinstance(node, yaml.SequenceNode):
        lst = _LList()
        lst.line = node.start_mark.line + 1
        lst.item_lines = []
        for item in node.value:
            lst.append(_construct(loader, item, errors, file))
            lst.item_lines.append(item.start_mark.line + 1)
        return lst
    return loader.construct_object(node, deep=True)


def _line(obj: Any, key: str | None = None, default: int = 1) -> int:
    if isinstance(obj, _LDict):
        if key is not None and key in obj.key_lines:
            return obj.key_lines[key]
        return obj.line
    if isinstance(obj, _LList):
        return obj.line
    return default


# --- resolving and reading ---------------------------------------------------------------------


def builtin_pack_path(name: str) -> Path:
    return Path(str(resources.files("mashdesk.rules").joinpath("packs", f"{name}.yaml")))


def resolve(ref: str | Path) -> Path:
    if isinstance(ref, str) and ref in BUILTIN_PACKS:
        return builtin_pack_path(ref)
    return Path(ref)


def _is_int(v: Any) -> TypeGuard[int]:
    return isinstance(v, int) and not isinstance(v, bool)


class _Validator:
    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[PackError] = []

    def err(self, line: int, message: str) -> None:
        self.errors.append(PackError(self.file, line, message))

    def text(self, d: _LDict, key: str, where: str, required: bool = True) -> str:
        v = d.get(key)
        if v is None:
            if required:
                self.err(_line(d), f"{where}: missing '{key}'")
            return ""
        if not isinstance(v, str | int | float) or isinstance(v, bool) or str(v).strip() == "":
            self.err(_line(d, key), f"{where}: '{key}' must be non-empty text")
            return ""
        return str(v)

    def unknown_keys(self, d: _LDict, allowed: set[str], where: str) -> None:
        for key in d:
            if key not in allowed:
                self.err(_line(d, key), f"{where}: unknown key '{key}'")

    def mapping(self, v: Any, line: int, where: str) -> _LDict | None:
        if not isinstance(v, _LDict):
            self.err(line, f"{where} must be a mapping")
            return None
        return v

    def sequence(self, v: Any, line: int, where: str) -> _LList | None:
        if not isinstance(v, _LList):
            self.err(line, f"{where} must be a list")
            return None
        return v


def _expand(pattern: str, synonyms: dict[str, str], v: _Validator, line: int, where: str, depth: int = 0) -> str | None:
    bad = [n for n in _REF.findall(pattern) if n not in synonyms]
    if bad:
        v.err(line, f"{where}: pattern '{pattern}' uses unknown synonym list {{{bad[0]}}}")
        return None
    out = _REF.sub(lambda m: synonyms[m.group(1)], pattern)
    if _REF.search(out):
        if depth >= _MAX_EXPANSION_DEPTH:
            v.err(line, f"{where}: synonym lists refer to each other too deeply (a cycle?)")
            return None
        return _expand(out, synonyms, v, line, where, depth + 1)
    return out


def _to_regex(expanded: str, gap_names: list[str]) -> str:
    """Spaces outside character classes become separators; `<N>` gaps become named groups."""
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(expanded):
        ch = expanded[i]
        if ch == "\\":
            out.append(expanded[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif (m := _XGAP.match(expanded, i)) is not None:
            # `<<N>>` may cross into the next sentence: an injury and its (missing) explanation.
            name = f"gap{len(gap_names)}"
            gap_names.append(name)
            n = int(m.group(1))
            words = f"(?:[\\w']+{_SEP}){{0,{n}}}?"
            # At most one sentence end inside the gap: the next sentence, not the next topic.
            out.append(f"(?P<{name}>{_SEP}{words}(?:(?:[\\w']+)?[.!?]+{_SEP}{words})?)")
            i = m.end()
            continue
        elif (m := _GAP.match(expanded, i)) is not None:
            name = f"gap{len(gap_names)}"
            gap_names.append(name)
            out.append(f"(?P<{name}>{_SEP}(?:[\\w']+{_SEP}){{0,{int(m.group(1))}}}?)")
            i = m.end()
            continue
        elif ch == " ":
            # " ?" means an optional separator ("no ?one"), not a lazy one.
            out.append(f"(?:{_SEP})" if expanded[i + 1 : i + 2] == "?" else _SEP)
        else:
            out.append(ch)
        i += 1
    body = "".join(out)
    return rf"(?<![\w])(?:{body})(?![\w])"


def _examples(v: _Validator, owner: _LDict, key: str, where: str) -> tuple[Example, ...]:
    raw = owner.get(key)
    if raw is None:
        v.err(_line(owner), f"{where}: missing '{key}' (every rule needs them)")
        return ()
    seq = v.sequence(raw, _line(owner, key), f"{where}: '{key}'")
    if seq is None:
        return ()
    if not seq:
        v.err(_line(owner, key), f"{where}: '{key}' is empty")
    out = []
    for item, line in zip(seq, seq.item_lines, strict=True):
        if isinstance(item, str) and item.strip():
            out.append(Example(item, line))
        elif isinstance(item, _LDict):
            v.unknown_keys(item, _EXAMPLE_FACT_KEYS, f"{where}: {key} item")
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                v.err(line, f"{where}: {key} item needs non-empty 'text'")
                continue
            facts = {k: val for k, val in item.items() if k != "text"}
            out.append(Example(text, line, facts))
        else:
            v.err(line, f"{where}: each of '{key}' must be text or a mapping with 'text'")
    return tuple(out)


def _conditions(v: _Validator, raw: Any, line: int, where: str) -> Conditions:
    d = v.mapping(raw, line, f"{where}: 'conditions'")
    if d is None:
        return Conditions()
    v.unknown_keys(d, _CONDITION_KEYS, f"{where}: conditions")
    kw: dict[str, Any] = {}
    for key in ("age_min", "age_max", "previous_contacts_min", "previous_contacts_max"):
        if key in d:
            if not _is_int(d[key]) or d[key] < 0:
                v.err(_line(d, key), f"{where}: condition '{key}' must be a whole number >= 0")
            else:
                kw[key] = d[key]
    if "unborn" in d:
        if not isinstance(d["unborn"], bool):
            v.err(_line(d, "unborn"), f"{where}: condition 'unborn' must be true or false")
        else:
            kw["unborn"] = d["unborn"]
    for key in ("source_codes", "channels"):
        if key in d:
            seq = d[key]
            if not isinstance(seq, list) or not seq or not all(isinstance(x, str) for x in seq):
                v.err(_line(d, key), f"{where}: condition '{key}' must be a list of codes")
            else:
                kw[key] = frozenset(seq)
    if "source_codes" in kw:
        from mashdesk.domain import REFERRAL_SOURCES

        for code in kw["source_codes"]:
            if code not in REFERRAL_SOURCES:
                v.err(_line(d, "source_codes"), f"{where}: unknown referral source code '{code}'")
    if "channels" in kw:
        from mashdesk.domain import CHANNELS

        for ch in kw["channels"]:
            if ch not in CHANNELS:
                v.err(_line(d, "channels"), f"{where}: unknown channel '{ch}'")
    return Conditions(**kw)


def _load(loader_class: Any, text: str, errors: list[PackError], file: str) -> Any:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return _construct(loader, node, errors, file) if node is not None else None
    finally:
        loader.dispose()


def _parse(path: Path, data: bytes) -> tuple[Pack | None, list[PackError]]:
    file = str(path)
    v = _Validator(file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [PackError(file, 1, f"not UTF-8 text ({exc})")]
    try:
        try:
            root = _load(_Loader, text, v.errors, file)
        except yaml.YAMLError:
            if _Loader is yaml.SafeLoader:
                raise
            v.errors.clear()
            root = _load(yaml.SafeLoader, text, v.errors, file)  # PyYAML's own wording of the error
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        return None, [PackError(file, line, f"not valid YAML: {exc.problem or exc}")]
    except yaml.YAMLError as exc:
        return None, [PackError(file, 1, f"not valid YAML: {exc}")]
    if not isinstance(root, _LDict):
        return None, [PackError(file, 1, "a pack must be a YAML mapping (name, version, ...)")]

    v.unknown_keys(root, _TOP_KEYS, "pack")
    name = v.text(root, "name", "pack")
    version = v.text(root, "version", "pack")
    title = str(root.get("title") or name)

    # levels
    levels: dict[int, Level] = {}
    seq = v.sequence(root.get("levels"), _line(root, "levels"), "'levels'")
    for item, line in zip(seq or [], (seq.item_lines if seq else []), strict=True):
        d = v.mapping(item, line, "each level")
        if d is None:
            continue
        v.unknown_keys(d, {"number", "name", "routing", "description"}, "level")
        num = d.get("number")
        if not _is_int(num):
            v.err(_line(d, "number"), "level: 'number' must be a whole number")
            continue
        if num in levels:
            v.err(_line(d, "number"), f"duplicate level number {num}")
        routing = v.text(d, "routing", f"level {num}")
        if routing and routing not in ROUTING_CODES:
            v.err(
                _line(d, "routing"),
                f"level {num}: unknown routing code '{routing}' (use one of " + ", ".join(ROUTING_CODES) + ")",
            )
        levels[num] = Level(num, v.text(d, "name", f"level {num}"), routing)
    if seq is not None and not levels:
        v.err(_line(root, "levels"), "the pack defines no levels")

    default_level = root.get("default_level", min(levels) if levels else 1)
    if levels and default_level not in levels:
        v.err(_line(root, "default_level"), f"default_level {default_level} is not a level")

    # domains
    domains: dict[str, str] = {}
    seq = v.sequence(root.get("domains"), _line(root, "domains"), "'domains'")
    for item, line in zip(seq or [], (seq.item_lines if seq else []), strict=True):
        d = v.mapping(item, line, "each domain")
        if d is None:
            continue
        v.unknown_keys(d, {"id", "name"}, "domain")
        did = v.text(d, "id", "domain")
        if did in domains:
            v.err(_line(d, "id"), f"duplicate domain id '{did}'")
        domains[did] = v.text(d, "name", f"domain {did}")

    # clauses
    clauses: dict[str, str] = {}
    cl = v.mapping(root.get("clauses"), _line(root, "clauses"), "'clauses'")
    for key, title_ in (cl or {}).items():
        if not isinstance(title_, str) or not title_.strip():
            v.err(_line(cl, key), f"clause {key}: needs a title")
        clauses[str(key)] = str(title_)

    # synonyms and abbreviations, as regex alternations
    synonyms: dict[str, str] = {}
    raw_syn: dict[str, list[str]] = {}
    syn = root.get("synonyms")
    if syn is not None:
        sd = v.mapping(syn, _line(root, "synonyms"), "'synonyms'")
        for key, terms in (sd or {}).items():
            if not re.fullmatch(r"[a-z_][a-z0-9_]*", key):
                v.err(_line(sd, key), f"synonym list name '{key}' must be lower_snake_case")
                continue
            if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
                v.err(_line(sd, key), f"synonym list '{key}' must be a non-empty list of terms")
                continue
            raw_syn[key] = [t.strip() for t in terms]
    abbr = root.get("abbreviations")
    if abbr is not None:
        ad = v.mapping(abbr, _line(root, "abbreviations"), "'abbreviations'")
        for key, target in (ad or {}).items():
            if not re.fullmatch(r"[A-Za-z0-9]+", key):
                v.err(_line(ad, key), f"abbreviation '{key}' must be letters and digits only")
            elif not isinstance(target, str) or target not in raw_syn:
                v.err(
                    _line(ad, key),
                    f"abbreviation '{key}' must name a synonym list (got '{target}')",
                )
            else:
                # Abbreviations match in capitals only: "DA" is domestic abuse, "da" is not.
                raw_syn[target].append(f"(?-i:{key})")
    for key, terms in raw_syn.items():
        synonyms[key] = "(?:" + "|".join(sorted(terms, key=len, reverse=True)) + ")"

    def compile_patterns(
        d: _LDict, where: str
    ) -> tuple[tuple[str, ...], re.Pattern[str] | None, tuple[str, ...], tuple[str, ...]]:
        raw = d.get("patterns")
        if raw is None:
            return (), None, (), ()
        pseq = v.sequence(raw, _line(d, "patterns"), f"{where}: 'patterns'")
        if pseq is None:
            return (), None, (), ()
        expanded_all: list[tuple[str, int, str]] = []
        for p, line in zip(pseq, pseq.item_lines, strict=True):
            if not isinstance(p, str) or not p.strip():
                v.err(line, f"{where}: each pattern must be non-empty text")
                continue
            expanded = _expand(p, synonyms, v, line, where)
            if expanded is not None:
                expanded_all.append((p, line, expanded))
        # Usually every pattern is good, and compiling them joined shows it: one compile each, not
        # two (most of a pack's load time). Otherwise each is compiled alone to say which is bad.
        gap_names: list[str] = []
        sources = [_to_regex(expanded, gap_names) for _, _, expanded in expanded_all]
        combined: re.Pattern[str] | None = None
        joined_error: re.error | None = None
        try:
            combined = re.compile("|".join(sources), re.IGNORECASE) if sources else None
        except re.error as exc:
            joined_error = exc
        # Each source must stand alone too ("a(" and ")b" join into a valid pattern).
        if combined is not None and not combined.search("") and all(map(stands_alone, sources)):
            return tuple(p for p, _, _ in expanded_all), combined, tuple(gap_names), tuple(sources)
        parts: list[str] = []
        pats: list[str] = []
        gap_names = []
        for p, line, expanded in expanded_all:
            n_before = len(gap_names)
            rx = _to_regex(expanded, gap_names)
            try:
                compiled = re.compile(rx, re.IGNORECASE)
            except re.error as exc:
                v.err(line, f"{where}: bad pattern '{p}': {exc.msg}")
                del gap_names[n_before:]
                continue
            if compiled.search(""):
                v.err(line, f"{where}: pattern '{p}' matches empty text")
                del gap_names[n_before:]
                continue
            parts.append(rx)
            pats.append(p)
        if expanded_all and len(parts) == len(expanded_all):  # each is fine alone: never drop them silently
            why = f": {joined_error.msg}" if joined_error is not None else ""
            v.err(_line(d, "patterns"), f"{where}: patterns cannot be combined{why}")
        return tuple(pats), None, (), ()

    # triggers
    triggers: dict[str, TriggerDef] = {}
    seq = v.sequence(root.get("triggers"), _line(root, "triggers"), "'triggers'")
    for item, line in zip(seq or [], (seq.item_lines if seq else []), strict=True):
        d = v.mapping(item, line, "each trigger")
        if d is None:
            continue
        v.unknown_keys(d, {"code", "clause", "description", "examples", "near_misses"}, "trigger")
        code = v.text(d, "code", "trigger")
        where = f"trigger {code}"
        if code and code not in TRIGGER_CODES:
            v.err(_line(d, "code"), f"unknown trigger code '{code}'")
        if code in triggers:
            v.err(_line(d, "code"), f"duplicate trigger '{code}'")
        clause = v.text(d, "clause", where)
        if clause and clause not in clauses:
            v.err(_line(d, "clause"), f"{where}: clause '{clause}' is not in 'clauses'")
        triggers[code] = TriggerDef(
            code,
            clause,
            str(d.get("description", "")),
            _examples(v, d, "examples", where),
            _examples(v, d, "near_misses", where),
            line,
        )
    if seq is not None:
        for code in TRIGGER_CODES:
            if code not in triggers:
                v.err(_line(root, "triggers"), f"mandatory trigger '{code}' is not defined")

    # indicators
    indicators: list[Indicator] = []
    ids: set[str] = set()
    seq = v.sequence(root.get("indicators"), _line(root, "indicators"), "'indicators'")
    for item, line in zip(seq or [], (seq.item_lines if seq else []), strict=True):
        d = v.mapping(item, line, "each indicator")
        if d is None:
            continue
        v.unknown_keys(d, _INDICATOR_KEYS, "indicator")
        iid = v.text(d, "id", "indicator")
        where = f"indicator {iid or '(no id)'}"
        if iid in ids:
            v.err(_line(d, "id"), f"duplicate indicator id '{iid}'")
        ids.add(iid)
        level: Any = d.get("level")
        if not _is_int(level):
            v.err(_line(d, "level"), f"{where}: 'level' must be a level number")
            level = 0
        elif level not in levels:
            v.err(_line(d, "level"), f"{where}: unknown level {level}")
        domain = v.text(d, "domain", where)
        if domain and domain not in domains:
            v.err(_line(d, "domain"), f"{where}: unknown domain '{domain}'")
        clause = v.text(d, "clause", where)
        if clause and clause not in clauses:
            v.err(_line(d, "clause"), f"{where}: clause '{clause}' is not in 'clauses'")
        pats, regex, gaps, sources = compile_patterns(d, where)
        conds = _conditions(v, d["conditions"], _line(d, "conditions"), where) if "conditions" in d else Conditions()
        if not pats and conds.is_empty():
            v.err(_line(d), f"{where}: needs 'patterns' or 'conditions' (or both)")
        trig = d.get("trigger")
        if trig is not None and (not isinstance(trig, str) or trig not in TRIGGER_CODES):
            v.err(_line(d, "trigger"), f"{where}: unknown trigger code '{trig}'")
            trig = None
        elif trig is not None and triggers and trig not in triggers:
            v.err(_line(d, "trigger"), f"{where}: trigger '{trig}' is not in 'triggers'")
        ip = d.get("immediate_protection", False)
        if not isinstance(ip, bool):
            v.err(_line(d, "immediate_protection"), f"{where}: must be true or false")
            ip = False
        fires_on_raw = d.get("fires_on", [])
        fires_on: set[str] = set()
        if not isinstance(fires_on_raw, list):
            v.err(_line(d, "fires_on"), f"{where}: 'fires_on' must be a list")
        else:
            for k in fires_on_raw:
                if k not in KINDS or k == "negated":
                    v.err(
                        _line(d, "fires_on"),
                        f"{where}: fires_on '{k}' must be one of explained, hypothetical, historic",
                    )
                else:
                    fires_on.add(k)
        indicators.append(
            Indicator(
                id=iid,
                level=level,
                domain=domain,
                clause=clause,
                description=str(d.get("description", "")),
                patterns=pats,
                regex=regex,
                gaps=gaps,
                conditions=conds,
                trigger=trig,
                immediate_protection=ip,
                fires_on=frozenset(fires_on),
                examples=_examples(v, d, "examples", where),
                near_misses=_examples(v, d, "near_misses", where),
                line=line,
                sources=sources,
            )
        )
    for code, tdef in triggers.items():
        if code in TRIGGER_CODES and not any(i.trigger == code for i in indicators):
            v.err(tdef.line, f"trigger {code}: no indicator raises it")

    # escalation: several needs at one level together meet the next
    escalation: list[Escalation] = []
    esc = root.get("escalation")
    if esc is not None:
        eseq = v.sequence(esc, _line(root, "escalation"), "'escalation'")
        for item, line in zip(eseq or [], (eseq.item_lines if eseq else []), strict=True):
            d = v.mapping(item, line, "each escalation rule")
            if d is None:
                continue
            v.unknown_keys(d, {"from_level", "count", "to_level", "clause", "ignore"}, "escalation")
            f, c, t = (d.get(k) for k in ("from_level", "count", "to_level"))
            if not (_is_int(f) and _is_int(c) and _is_int(t)):
                v.err(line, "escalation: from_level, count and to_level must be whole numbers")
                continue
            for lv in (f, t):
                if lv not in levels:
                    v.err(line, f"escalation: unknown level {lv}")
            clause = v.text(d, "clause", "escalation")
            if clause and clause not in clauses:
                v.err(_line(d, "clause"), f"escalation: clause '{clause}' is not in 'clauses'")
            ignore = d.get("ignore", [])
            if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
                v.err(_line(d, "ignore"), "escalation: 'ignore' must be a list of indicator ids")
                ignore = []
            for iid in ignore:
                if iid not in ids:
                    v.err(_line(d, "ignore"), f"escalation: unknown indicator '{iid}'")
            escalation.append(Escalation(f, c, t, clause, frozenset(ignore)))

    if v.errors:
        return None, sorted(v.errors, key=lambda e: e.line)
    pack = Pack(
        name=name,
        version=version,
        title=title,
        path=file,
        sha256=hashlib.sha256(data).hexdigest(),
        default_level=int(default_level),
        levels=dict(sorted(levels.items())),
        domains=domains,
        clauses=clauses,
        indicators=tuple(indicators),
        triggers=triggers,
        escalation=tuple(escalation),
    )
    return pack, []


def validate_pack(ref: str | Path) -> list[PackError]:
    path = resolve(ref)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [PackError(str(path), 0, f"cannot read the pack: {exc.strerror or exc}")]
    return _parse(path, data)[1]


_CACHE: dict[tuple[str, str], Pack] = {}


def load_pack(ref: str | Path) -> Pack:
    path = resolve(ref)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidPack([PackError(str(path), 0, f"cannot read the pack: {exc.strerror or exc}")]) from exc
    key = (str(path), hashlib.sha256(data).hexdigest())
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    pack, errors = _parse(path, data)
    if pack is None:
        raise InvalidPack(errors)
    _CACHE[key] = pack
    return pack


def default_pack() -> Pack:
    return load_pack("default")
