"""What the classifier sees: the contact's words plus structured facts, as one plain dict.

A record is `{"text": str, "structured": dict[str, float]}`. The structured part holds the
channel, the census referral source, the youngest child's age band, unborn, previous contacts,
and (when a rules result is given) the levels the rules fired and the triggers they found, so
the same record shape serves training, evaluation and live suggestions.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from mashdesk.intake.model import ContactDraft


class Record(TypedDict):
    text: str
    structured: dict[str, float]


class PreparedRecord(TypedDict):
    words: str
    chars: str
    structured: dict[str, float]


AGE_BANDS: tuple[str, ...] = ("unborn", "under_1", "1_4", "5_10", "11_15", "16_17", "unknown")

_NEGATION_CUES: frozenset[str] = frozenset(
    {
        "no",
        "not",
        "nobody",
        "nothing",
        "never",
        "none",
        "neither",
        "nor",
        "denies",
        "denied",
        "deny",
        "without",
        "cannot",
        "isn",
        "wasn",
        "didn",
        "doesn",
        "don",
        "hasn",
        "haven",
        "nil",
    }
)
_WORD = re.compile(r"[^\W\d_]+|[.;:!?\n]")  # digit runs are dropped by the pattern itself
# Things that identify people and places but never carry a concern: removed before vectorising
# so the model cannot lean on them (spans in explanations still index the original text).
_IDENTIFIERS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # email addresses
    r"|\bhttps?://\S+|\bwww\.\S+"  # links
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # postcodes
    # ages ("9 years old", "aged 15", "6 y/o", "3/12 old"): the age band is a structured fact, and
    # "old" shared character n-grams with "older men" (exploitation), a strategy_discussion cue
    r"|\b(?:aged[ \t]+)?\d+(?:/12)?[ \t]*-?[ \t]*"
    r"(?:years?|yrs?|y/?o|months?|mths?|weeks?|wks?|/12)?(?:[ \t-]*old)?\b(?!/)"
    r"|\b(?:years?|months?|weeks?)[ \t-]+old\b"
)
# A capitalised word that does not open a sentence or a line is nearly always a name (child,
# adult, street, school, month); these domain words are kept even when capitalised.
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:['\u2019-][A-Za-z]+)*\b")
KEEP_CAPITALISED: frozenset[str] = frozenset(
    """mum mum's mummy mother dad dad's daddy father parent parents nan nana nanny gran granny
    grandma grandad grandmother grandfather aunt auntie uncle brother sister stepdad stepmum carer
    baby child children young person girl boy police officer constable sergeant detective prevent
    channel early help social care services service worker team front door school nursery college
    academy hospital ward emergency department court family families health visitor midwife
    mental camhs domestic abuse violence operation encompass marac mappa youth offending justice
    housing council universal credit benefits food bank foodbank citizens advice gp doctor nurse
    paediatrician paediatric consultant safeguarding lead designated referral concern urgent
    allegation disclosure disclosed child's protection plan looked after sen senco ehcp send
    probation prison custody cse cce county lines nrm fgm honour forced marriage internet online
    snapchat instagram tiktok whatsapp facebook""".split()
)
_OPENERS = frozenset(".!?\n")
_CLAUSE_END = frozenset(".;:!?\n")
_NEG_WINDOW = 6
# Function words carry no concern but pick up spurious weights from the training templates, so
# they are dropped (negation cues are kept: they change what the following words mean).
STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) - frozenset(
    {
        "no",
        "not",
        "nobody",
        "nothing",
        "never",
        "none",
        "without",
        "cannot",
        "against",
        "alone",
    }
) | frozenset({"s", "t", "re", "ve", "ll", "d"})
# Gendered pronouns are dropped too: the girls-only concerns (FGM, forced marriage) made "her" a
# strategy_discussion cue, and a child's gender should never move a routing. So are reporting
# verbs ("told", "said"): who told whom is how every contact is written, at every level.
STOP_WORDS = STOP_WORDS | frozenset(
    "told tell tells telling said say says saying mentioned stated states reported reports".split()
)


def contact_text(subject: str, body: str) -> str:
    """The text the classifier reads; the same layout the rules use, so spans line up."""
    return f"{subject}\n{body}" if subject else body


def _mask_name(m: re.Match[str]) -> str:
    word = m.group(0)
    if word.lower() in KEEP_CAPITALISED:
        return word
    text, i = m.string, m.start() - 1
    while i >= 0 and text[i] in " \t\r\"'(":
        i -= 1
    if i < 0 or text[i] in _OPENERS:  # opens the text, a sentence or a line: an ordinary word
        return word
    return " "


def mask_identifiers(text: str) -> str:
    """`text` without email addresses, links, postcodes and mid-sentence capitalised names."""
    return _CAPITALISED.sub(_mask_name, _IDENTIFIERS.sub(" ", text))


def prepare_text(text: str) -> tuple[str, str]:
    """One pass over `text` giving the word-model string and the character-model string.

    Identifiers (names, emails, postcodes, numbers) are dropped first (mask_identifiers). Both
    strings are lower-cased without function words. In the word string up to six words after a
    negation cue get a `neg_` prefix ("no marks seen" -> "no neg_marks neg_seen"), so a negated
    concern does not count as the concern itself; the character string keeps plain words.
    """
    words: list[str] = []
    chars: list[str] = []
    remaining = 0
    for tok in _WORD.findall(mask_identifiers(text).lower()):
        if tok in _CLAUSE_END:
            remaining = 0
            continue
        if tok in _NEGATION_CUES:
            remaining = _NEG_WINDOW
            words.append(tok)
            chars.append(tok)
            continue
        if tok in STOP_WORDS:
            continue
        chars.append(tok)
        if remaining > 0:
            words.append("neg_" + tok)
            remaining -= 1
        else:
            words.append(tok)
    return " ".join(words), " ".join(chars)


def mark_negation(text: str) -> str:
    return prepare_text(text)[0]


def prepare_records(records: Sequence[Record]) -> list[PreparedRecord]:
    """Records with their text prepared once for both n-gram blocks (first pipeline step)."""
    out: list[PreparedRecord] = []
    for r in records:
        words, chars = prepare_text(r["text"])
        out.append({"words": words, "chars": chars, "structured": r["structured"]})
    return out


def select_words(records: Sequence[PreparedRecord]) -> list[str]:
    return [r["words"] for r in records]


def select_chars(records: Sequence[PreparedRecord]) -> list[str]:
    return [r["chars"] for r in records]


def select_structured(records: Sequence[PreparedRecord]) -> list[dict[str, float]]:
    return [r["structured"] for r in records]


def split_tokens(text: str) -> list[str]:
    """The word vectoriser's tokenizer: prepared text is already space-separated tokens."""
    return text.split()


def age_band(ages: Iterable[int | None], unborn: bool) -> str:
    known = [a for a in ages if a is not None]
    if not known:
        return "unborn" if unborn else "unknown"
    youngest = min(known)
    if youngest < 1:
        return "under_1"
    if youngest <= 4:
        return "1_4"
    if youngest <= 10:
        return "5_10"
    if youngest <= 15:
        return "11_15"
    return "16_17"


def _rules_part(rules: Any) -> tuple[list[int], list[str], list[str], int | None]:
    """Levels fired, triggers, negated triggers and overall level from a rules result.

    Accepts mashdesk.rules' RulesResult (indicators with levels; negated triggers as dicts with
    a "code") or a plain dict with levels_fired / triggers / negated_triggers / level.
    """
    if rules is None:
        return [], [], [], None

    def get(name: str) -> Any:
        if isinstance(rules, Mapping):
            return rules.get(name)
        return getattr(rules, name, None)

    levels = [int(x) for x in get("levels_fired") or []]
    for ind in get("indicators") or []:
        lv = ind.get("level") if isinstance(ind, Mapping) else getattr(ind, "level", None)
        if lv is not None:
            levels.append(int(lv))
    negated = []
    for n in get("negated_triggers") or []:
        negated.append(str(n.get("code")) if isinstance(n, Mapping) else str(n))
    overall = get("level")
    return (
        levels,
        [str(t) for t in get("triggers") or []],
        negated,
        (int(overall) if overall else None),
    )


def structured_features(
    *,
    channel: str,
    source_code: str,
    child_ages: Iterable[int | None],
    unborn: bool,
    previous_contacts: int,
    rules: Any = None,
) -> dict[str, float]:
    band = age_band(child_ages, unborn)
    feats: dict[str, float] = {
        f"channel={channel}": 1.0,
        f"source={source_code}": 1.0,
        f"age_band={band}": 1.0,
        "previous_contacts_log": math.log1p(max(previous_contacts, 0)),
    }
    if unborn:
        feats["unborn"] = 1.0
    prev_band = "0" if previous_contacts <= 0 else "1" if previous_contacts == 1 else "2+"
    feats[f"previous_contacts={prev_band}"] = 1.0
    levels, triggers, negated, overall = _rules_part(rules)
    if overall is not None:
        feats[f"rules_overall_level={overall}"] = 1.0
    for level in sorted(set(levels)):
        feats[f"rules_level={level}"] = 1.0
    if levels:
        feats["rules_max_level"] = float(max(levels))
    for trig in triggers:
        feats[f"rules_trigger={trig}"] = 1.0
    if triggers:
        feats["rules_any_trigger"] = 1.0
    for trig in negated:
        feats[f"rules_negated={trig}"] = 1.0
    return feats


def record_from_draft(draft: ContactDraft, previous_contacts: int = 0, rules: Any = None) -> Record:
    day = draft.received_at.date()
    ages = [c.age_on(day) for c in draft.children if not c.unborn]
    return {
        "text": contact_text(draft.subject, draft.body_text),
        "structured": structured_features(
            channel=draft.channel,
            source_code=draft.source_code,
            child_ages=ages,
            unborn=any(c.unborn for c in draft.children),
            previous_contacts=previous_contacts,
            rules=rules,
        ),
    }


def record_from_parts(
    *,
    subject: str,
    body: str,
    channel: str = "email",
    source_code: str = "10",
    child_dobs: Iterable[dt.date | None] = (),
    unborn: bool = False,
    received: dt.date | None = None,
    previous_contacts: int = 0,
    rules: Any = None,
) -> Record:
    """A record from stored columns (used when training from the store's decided contacts)."""
    day = received or dt.date.today()
    ages: list[int | None] = []
    for dob in child_dobs:
        if dob is None:
            ages.append(None)
        else:
            ages.append(max(day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day)), 0))
    return {
        "text": contact_text(subject, body),
        "structured": structured_features(
            channel=channel,
            source_code=source_code,
            child_ages=ages,
            unborn=unborn,
            previous_contacts=previous_contacts,
            rules=rules,
        ),
    }


def record_from_text(text: str, rules: Any = None) -> Record:
    """A record when only the words are known (e.g. `evaluate` on a JSONL file)."""
    return {
        "text": text,
        "structured": structured_features(
            channel="unknown",
            source_code="10",
            child_ages=(),
            unborn=False,
            previous_contacts=0,
            rules=rules,
        ),
    }


def record_from_facts(facts: Any, rules: Any = None) -> Record:
    """A record from the rules engine's RuleFacts (text is already subject + body)."""
    return {
        "text": facts.text,
        "structured": structured_features(
            channel=facts.channel,
            source_code=facts.source_code,
            child_ages=list(facts.child_ages),
            unborn=bool(facts.unborn),
            previous_contacts=int(facts.previous_contacts),
            rules=rules,
        ),
    }
