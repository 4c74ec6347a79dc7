"""Apply a rules pack to one contact: which indicators fire, on what evidence, and what follows.

Deterministic: the same pack and facts always give the same result, in the same order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from mashdesk.rules.facts import RuleFacts
from mashdesk.rules.negation import LEXICON_VERSION, Analysis, Cue, lowercase
from mashdesk.rules.pack import Conditions, Indicator, Pack
from mashdesk.rules.prefilter import MAX_PREFIX
from mashdesk.rules.re2filter import PackFilter, pack_filter

ENGINE_VERSION = "1"

# Same-length substitutions, so spans stay valid in the original text.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})

_AGE_YEARS = re.compile(
    r"(?<!\w)(\d{1,2})\s?(?:-\s?)?(?:years?|yrs?|y/?o)(?:[\s-]?old)?(?!\w)"
    r"|(?<!\w)aged\s(\d{1,2})(?!\w)"
    r"|(?<!\w)age\s(\d{1,2})(?!\w)"
    r"|\((\d{1,2})\)",
    re.IGNORECASE,
)
_AGE_INFANT = re.compile(
    r"(?<!\w)(\d{1,2})\s?(?:-\s?)?(?:weeks?|wks?|months?|mths?|days?)(?:[\s-]?old)(?!\w)",
    re.IGNORECASE,
)


def ages_in_text(text: str) -> list[int]:
    """Ages written in the text ("12yo", "aged 9", "(7)", "6 week old" = 0), in order."""
    found: list[tuple[int, int]] = []
    for m in _AGE_YEARS.finditer(text):
        value = next(g for g in m.groups() if g is not None)
        found.append((m.start(), int(value)))
    for m in _AGE_INFANT.finditer(text):
        unit = m.group(0).lower()
        n = int(m.group(1))
        if ("month" in unit or "mth" in unit) and n >= 12:
            found.append((m.start(), n // 12))
        else:
            found.append((m.start(), 0))
    return [age for _, age in sorted(found) if age < 19]


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FiredIndicator:
    id: str
    level: int
    domain: str
    clause: str
    description: str
    trigger: str | None
    evidence: Evidence | None
    conditions: tuple[str, ...]
    qualifier: str | None = None  # fired on a qualified statement the indicator accepts

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "level": self.level,
            "domain": self.domain,
            "clause": self.clause,
            "description": self.description,
            "trigger": self.trigger,
            "span": [self.evidence.start, self.evidence.end] if self.evidence else None,
            "text": self.evidence.text if self.evidence else None,
            "conditions": list(self.conditions),
        }
        if self.qualifier:
            d["qualifier"] = self.qualifier
        return d


@dataclass(frozen=True)
class ConsideredIndicator:
    """An indicator whose words appear but only as negated, explained, historic or hypothetical."""

    id: str
    level: int
    clause: str
    trigger: str | None
    evidence: Evidence
    cue: Cue

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "level": self.level,
            "clause": self.clause,
            "trigger": self.trigger,
            "status": self.cue.kind,
            "span": [self.evidence.start, self.evidence.end],
            "text": self.evidence.text,
            "cue": self.cue.to_dict(),
        }


@dataclass
class RulesResult:
    pack_name: str
    pack_version: str
    pack_sha256: str
    level: int
    routing: str
    immediate_protection: bool
    indicators: list[FiredIndicator] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    negated_triggers: list[dict[str, Any]] = field(default_factory=list)
    considered: list[ConsideredIndicator] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "routing": self.routing,
            "immediate_protection": self.immediate_protection,
            "triggers": list(self.triggers),
            "negated_triggers": list(self.negated_triggers),
            "indicators": [i.to_dict() for i in self.indicators],
            "considered": [c.to_dict() for c in self.considered],
            "reasons": list(self.reasons),
            "facts": dict(self.facts),
            "pack": {
                "name": self.pack_name,
                "version": self.pack_version,
                "sha256": self.pack_sha256,
            },
            "engine": {"version": ENGINE_VERSION, "negation": LEXICON_VERSION},
        }


def _conditions_hold(c: Conditions, facts: RuleFacts, text: str, memo: dict[str, Any]) -> bool:
    if c.age_min is not None or c.age_max is not None:
        known = [a for a in facts.child_ages if a is not None]
        if not known and facts.unborn:
            known = [0]  # an unborn child named in the contact is a baby by the time it is read
        if not known:
            if "ages" not in memo:
                memo["ages"] = ages_in_text(text)
            known = memo["ages"]
        if not any((c.age_min is None or a >= c.age_min) and (c.age_max is None or a <= c.age_max) for a in known):
            return False
    if c.unborn is not None and facts.unborn != c.unborn:
        return False
    if c.source_codes is not None and facts.source_code not in c.source_codes:
        return False
    if c.channels is not None and facts.channel not in c.channels:
        return False
    if c.previous_contacts_min is not None and facts.previous_contacts < c.previous_contacts_min:
        return False
    if c.previous_contacts_max is not None and facts.previous_contacts > c.previous_contacts_max:
        return False
    return True


_WORD_START = re.compile(r"(?<!\w)\w")


def _candidates(pack: Pack, lower: str) -> dict[int, list[int]]:
    """Word starts where each indicator could match, from the pack's prefix table."""
    table = _prefix_table(pack)
    found: dict[int, list[int]] = {}
    for m in _WORD_START.finditer(lower):
        pos = m.start()
        key = lower[pos : pos + MAX_PREFIX]
        hits = table.get(key)
        if hits is None:
            hits = table[key] = _hits(pack, key)
        for idx in hits:
            if idx in found:
                found[idx].append(pos)
            else:
                found[idx] = [pos]
    return found


_TABLES: dict[str, dict[str, tuple[int, ...]]] = {}


def _prefix_table(pack: Pack) -> dict[str, tuple[int, ...]]:
    # Memo of MAX_PREFIX-character keys to indicators, per pack content; bounded by the text seen.
    table = _TABLES.get(pack.sha256)
    if table is None or len(table) > 200_000:
        table = _TABLES[pack.sha256] = {}
        _BY_KEY.pop(pack.sha256, None)
    return table


def _hits(pack: Pack, key: str) -> tuple[int, ...]:
    out: set[int] = set()
    for n in range(1, MAX_PREFIX + 1):
        out.update(pack.dispatch.get(key[:n], ()))
    return tuple(sorted(out))


_UNTARGETED: dict[str, frozenset[int]] = {}


def _untargeted(pack: Pack) -> frozenset[int]:
    found = _UNTARGETED.get(pack.sha256)
    if found is None:
        found = _UNTARGETED[pack.sha256] = frozenset(
            idx for idx, ind in enumerate(pack.indicators) if ind.regex is None or idx in pack.always
        )
    return found


_UNTARGETED_UNCOVERED: dict[tuple[str, frozenset[int]], frozenset[int]] = {}


def _untargeted_unfiltered(pack: Pack, flt: PackFilter) -> frozenset[int]:
    """Of the indicators judged in every text (`_untargeted`), those the filter does not cover:
    asked without working out the prefix table when the filter covers every pattern."""
    key = (pack.sha256, flt.uncovered)  # a filter built otherwise (a test's) covers otherwise
    found = _UNTARGETED_UNCOVERED.get(key)
    if found is None:
        found = _UNTARGETED_UNCOVERED[key] = frozenset(
            idx
            for idx, ind in enumerate(pack.indicators)
            if ind.regex is None or (idx in flt.uncovered and idx in pack.always)
        )
    return found


_WORD_BEFORE_NOT = r"(?<![\w])"
_UNCOMPILED: Any = object()
_AT_WORD_START: dict[str, list[Any]] = {}


def _at_word_start(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The indicator's pattern without each alternative's leading "no word character before":
    tried only at word starts (where that always holds), its alternatives fail on their first
    letter instead of each first testing the character before."""
    source = regex.pattern
    if source.startswith(_WORD_BEFORE_NOT):
        joint = "(?![\\w])|" + _WORD_BEFORE_NOT
        source = source[len(_WORD_BEFORE_NOT) :].replace(joint, "(?![\\w])|")
    return re.compile(source, regex.flags)


def warm(pack: Pack) -> None:
    """Build what evaluating with this pack needs first (the RE2 filter, about 0.3 s for the
    default pack), so that intake workers forked afterwards share it instead of each building it
    again. The word-start patterns of the prefix path are compiled per indicator when a text
    first needs them (texts the filter does not take, indicators it does not cover)."""
    flt = pack_filter(pack)
    if flt is None:
        _untargeted(pack)
    else:
        _untargeted_unfiltered(pack, flt)


def _word_start_pattern(pack: Pack, idx: int) -> re.Pattern[str] | None:
    patterns = _AT_WORD_START.get(pack.sha256)
    if patterns is None:
        patterns = _AT_WORD_START[pack.sha256] = [_UNCOMPILED] * len(pack.indicators)
    found: re.Pattern[str] | None = patterns[idx]
    if found is _UNCOMPILED:
        regex = pack.indicators[idx].regex
        found = patterns[idx] = None if regex is None else _at_word_start(regex)
    return found


def _word_start_patterns(pack: Pack) -> list[re.Pattern[str] | None]:
    """Every indicator's word-start pattern (compiled now where not yet)."""
    return [_word_start_pattern(pack, idx) for idx in range(len(pack.indicators))]


_BRANCHES: dict[tuple[str, int, tuple[int, ...]], re.Pattern[str]] = {}
_BY_KEY: dict[str, list[dict[str, re.Pattern[str]]]] = {}


def _branch_regex(pack: Pack, idx: int, key: str) -> re.Pattern[str]:
    """The indicator's word-start pattern cut down to the patterns that can start with `key`
    (a word's first MAX_PREFIX lowercase characters): the others would fail there anyway, and
    the order of those kept is unchanged, so the first match is the same."""
    ind = pack.indicators[idx]
    full = _word_start_pattern(pack, idx)
    assert full is not None
    keep = tuple(
        i
        for i, (_, prefixes) in enumerate(ind.branches)
        if prefixes is None or any(key.startswith(p) for p in prefixes)
    )
    if not keep or len(keep) == len(ind.branches):
        return full
    cache_key = (pack.sha256, idx, keep)
    rx = _BRANCHES.get(cache_key)
    if rx is None:
        # Each pattern's source starts with "no word character before", which holds at a word start.
        n = len(_WORD_BEFORE_NOT)
        source = "|".join(
            src[n:] if src.startswith(_WORD_BEFORE_NOT) else src for src in (ind.branches[i][0] for i in keep)
        )
        rx = _BRANCHES[cache_key] = re.compile(source, re.IGNORECASE)
    return rx


def _by_key(pack: Pack) -> list[dict[str, re.Pattern[str]]]:
    # Per indicator, a memo of word keys to its cut-down pattern, emptied with the prefix table.
    tables = _BY_KEY.get(pack.sha256)
    if tables is None:
        tables = _BY_KEY[pack.sha256] = [{} for _ in pack.indicators]
    return tables


def _matches(
    ind: Indicator,
    at_word_start: re.Pattern[str] | None,
    text: str,
    positions: list[int] | None,
    after: int = -1,
    keyed: tuple[Pack, int, str] | None = None,
) -> Iterator[re.Match[str]]:
    """Non-overlapping matches at the candidate positions (all of the text without them), from
    `after` on. With `keyed` (pack, indicator index, lowercase text) each position is tried with
    only the patterns that can start with its word."""
    assert ind.regex is not None
    if positions is None or at_word_start is None:
        yield from ind.regex.finditer(text, max(after, 0))
        return
    match = at_word_start.match
    last = after
    if keyed is not None:
        pack, idx, lower = keyed
        table = _by_key(pack)[idx]
        for pos in positions:
            if pos < last:
                continue
            key = lower[pos : pos + MAX_PREFIX]
            rx = table.get(key)
            if rx is None:
                rx = table[key] = _branch_regex(pack, idx, key)
            m = rx.match(text, pos)
            if m is not None:
                last = m.end()
                yield m
        return
    for pos in positions:  # ascending and distinct, as _candidates builds them
        if pos < last:
            continue
        m = match(text, pos)
        if m is not None:
            last = m.end()
            yield m


def _match(
    ind: Indicator,
    at_word_start: re.Pattern[str] | None,
    text: str,
    analysis: Analysis,
    positions: list[int] | None,
    keyed: tuple[Pack, int, str] | None = None,
    given: Iterator[re.Match[str]] | None = None,
) -> tuple[Evidence | None, str | None, ConsideredIndicator | None]:
    """First affirmed match (with the qualifier it was accepted under), else the first qualified.
    `given`: the indicator's matches, in order, found by the caller."""
    considered: ConsideredIndicator | None = None
    if given is not None:
        found: Iterator[re.Match[str]] = given
    elif positions is not None and at_word_start is not None:
        # The common case, without a generator: try the word starts until the first match.
        if keyed is not None:
            pack, idx, lower = keyed
            table = _by_key(pack)[idx]
            for pos in positions:
                key = lower[pos : pos + MAX_PREFIX]
                rx = table.get(key)
                if rx is None:
                    rx = table[key] = _branch_regex(pack, idx, key)
                if (first := rx.match(text, pos)) is not None:
                    break
            else:
                return None, None, None
        else:
            match = at_word_start.match
            for pos in positions:
                if (first := match(text, pos)) is not None:
                    break
            else:
                return None, None, None
        found = itertools.chain((first,), _matches(ind, at_word_start, text, positions, first.end(), keyed))
    else:
        found = _matches(ind, at_word_start, text, positions)
    for m in found:
        ev = Evidence(m.start(), m.end(), m.group(0))
        cue = analysis.qualify(m.start(), m.end())
        if cue is None:
            groups = m.re.groupindex
            for gap in ind.gaps:
                if gap not in groups:
                    continue
                g_start, g_end = m.span(gap)
                if g_start >= 0 and (cue := analysis.within(g_start, g_end)) is not None:
                    break
        if cue is None:
            return ev, None, considered
        if cue.kind in ind.fires_on:
            return ev, cue.kind, considered
        if considered is None:
            considered = ConsideredIndicator(ind.id, ind.level, ind.clause, ind.trigger, ev, cue)
    return None, None, considered


def scan_hints(pack: Pack, texts: Sequence[str]) -> list[frozenset[int] | None]:
    """What `TextScan(pack, text).hits` is for each text, the pack's filter run over all of
    them in one pass: a caller about to scan many texts (an intake worker's chunk) hands each
    TextScan its hint. RE2's automata then stay in the CPU's caches from one text to the next
    instead of being pushed out by the Python patterns run between them."""
    flt = pack_filter(pack)
    if flt is None:
        return [None] * len(texts)
    return [flt.hits(text.translate(_FOLD)) for text in texts]


class TextScan:
    """What a pack finds in one text, whatever the facts: the word starts each indicator could
    match at, and each tried indicator's match. Evaluating the same text again under other facts
    (another number of previous contacts, say) reuses it, so only the facts are judged again."""

    def __init__(self, pack: Pack, text: str, use_filter: bool = True, hits: frozenset[int] | None = None) -> None:
        """`hits`: what the pack's filter found for this text before (an intake worker's
        TextScan.hits, from `scan_hints`), so the filter is not run again; None runs it."""
        self.pack_sha256 = pack.sha256
        self.source = text
        self.text = text.translate(_FOLD)
        lower = self.lower = lowercase(self.text)
        self.analysis = Analysis(self.text, lower)
        flt = pack_filter(pack) if use_filter else None
        filtered = None if flt is None else flt.text(self.text, hits)
        # Indicators RE2 says can match (filtered is None: this text is not filtered), and the
        # filter entries it confirmed. Each indicator is tried with Python's pattern only where
        # one of its confirmed entries starts a match (FilteredText.matches).
        self.possible: frozenset[int] | None = None if filtered is None else filtered.possible
        self.hits: frozenset[int] | None = None if filtered is None else filtered.hits
        self.filter = filtered
        if filtered is None:
            self.candidates = _candidates(pack, lower)
            # The indicators to judge, in pack order: those with a candidate word start, and
            # those tried everywhere or matched on facts alone.
            self.order = sorted(self.candidates.keys() | _untargeted(pack))
        else:
            assert flt is not None
            uncovered = flt.uncovered
            self.candidates = _candidates(pack, lower) if uncovered else {}
            self.order = sorted(
                filtered.possible
                | {idx for idx in self.candidates if idx in uncovered}
                | _untargeted_unfiltered(pack, flt)
            )
        self.memo: dict[str, Any] = {}
        self.matches: dict[int, tuple[Evidence | None, str | None, ConsideredIndicator | None]] = {}

    def match(self, pack: Pack, idx: int) -> tuple[Evidence | None, str | None, ConsideredIndicator | None]:
        found = self.matches.get(idx)
        if found is None:
            ind = pack.indicators[idx]
            if self.filter is not None and idx in self.filter.possible:
                assert ind.regex is not None
                given = self.filter.matches(idx, ind.regex)
                found = _match(ind, None, self.text, self.analysis, None, None, given)
            else:
                positions = None if idx in pack.always else self.candidates[idx]
                found = _match(
                    ind, _word_start_pattern(pack, idx), self.text, self.analysis, positions, (pack, idx, self.lower)
                )
            self.matches[idx] = found
        return found


def evaluate(pack: Pack, facts: RuleFacts, scan: TextScan | None = None) -> RulesResult:
    """The pack's result for these facts. `scan` (of the same pack and text) is reused and
    filled in: a second evaluation under other facts then costs no pattern matching."""
    if scan is None or scan.pack_sha256 != pack.sha256 or scan.source != facts.text:
        scan = TextScan(pack, facts.text)
    text = scan.text
    memo = scan.memo
    fired: list[FiredIndicator] = []
    considered: list[ConsideredIndicator] = []
    immediate = False
    indicators = pack.indicators
    for idx in scan.order:
        ind = indicators[idx]
        if ind.has_conditions and not _conditions_hold(ind.conditions, facts, text, memo):
            continue
        evidence: Evidence | None = None
        qualifier: str | None = None
        if ind.regex is not None:
            evidence, qualifier, cons = scan.match(pack, idx)
            if evidence is None:
                if cons is not None:
                    considered.append(cons)
                continue
        fired.append(
            FiredIndicator(
                ind.id,
                ind.level,
                ind.domain,
                ind.clause,
                ind.description,
                ind.trigger,
                evidence,
                tuple(ind.conditions.describe()),
                qualifier,
            )
        )
        immediate = immediate or ind.immediate_protection

    reasons: list[str] = []
    level = pack.default_level
    for f in fired:
        level = max(level, f.level)
    for esc in pack.escalation:
        distinct = {f.id for f in fired if f.level == esc.from_level and f.id not in esc.ignore}
        if len(distinct) >= esc.count and esc.to_level > level:
            level = esc.to_level
            reasons.append(
                f"{len(distinct)} level {esc.from_level} indicators together meet level "
                f"{esc.to_level} (clause {esc.clause})"
            )
    triggers = sorted({f.trigger for f in fired if f.trigger}, key=_trigger_order)
    routing = pack.routing_for(level)
    if triggers:
        level = max(level, pack.strategy_level())
        routing = "strategy_discussion"
        reasons.append("mandatory trigger: " + ", ".join(triggers))
    negated: dict[str, dict[str, Any]] = {}
    for c in considered:
        if c.trigger and c.trigger not in triggers and c.trigger not in negated:
            negated[c.trigger] = {
                "code": c.trigger,
                "indicator": c.id,
                "status": c.cue.kind,
                "span": [c.evidence.start, c.evidence.end],
                "text": c.evidence.text,
                "cue": c.cue.to_dict(),
            }
    return RulesResult(
        pack_name=pack.name,
        pack_version=pack.version,
        pack_sha256=pack.sha256,
        level=level,
        routing=routing,
        immediate_protection=immediate,
        indicators=fired,
        triggers=triggers,
        negated_triggers=sorted(negated.values(), key=lambda d: _trigger_order(d["code"])),
        considered=considered,
        reasons=reasons,
        facts=facts.to_dict(),
    )


def _trigger_order(code: str) -> int:
    from mashdesk.domain import TRIGGER_CODES

    return TRIGGER_CODES.index(code) if code in TRIGGER_CODES else len(TRIGGER_CODES)
