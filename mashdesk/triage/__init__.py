"""Triage: the combined, advisory suggestion for a contact, and storing it with its evidence.

`suggest(draft, model=...)` runs the threshold rules and the classifier (when a model is given:
`active_model(store)`) over a draft and combines them (classifiers.combine);
`record_suggestion` stores it inside the caller's transaction; `resuggest` recomputes every
stored contact after a pack change. Suggestions never route a contact on their own.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mashdesk.domain import ROUTING_CODES, ROUTING_RANK
from mashdesk.progress import Cancelled, NullProgress, Progress
from mashdesk.rules.engine import RulesResult, TextScan, evaluate, scan_hints
from mashdesk.rules.facts import RuleFacts, contact_text, facts_from_draft
from mashdesk.rules.pack import Pack, default_pack
from mashdesk.store import Store

if TYPE_CHECKING:  # intake imports this module while it is itself being imported
    from classifiers.combine import CombinedSuggestion
    from classifiers.model import ClassifierSuggestion, RoutingModel
    from mashdesk.intake.model import ContactDraft

# Bare classifier probabilities (callers that pass no routing) count when at least this sure.
CLASSIFIER_RAISE_MIN_PROBABILITY = 0.5
log = logging.getLogger(__name__)


@dataclass
class Suggestion:
    routing: str  # combined suggestion: rules, raised by the classifier where it applies
    level: int
    triggers: list[str]
    negated_triggers: list[dict[str, Any]]
    immediate_protection: bool
    rules: dict[str, Any]  # RulesResult.to_dict(): every indicator with its evidence
    classifier: dict[str, Any] | None  # classifier_payload(), or None with no active model
    rules_pack: dict[str, str]  # name, version, sha256
    combination: dict[str, Any] | None = None  # classifiers.combine.CombinedSuggestion.to_dict()

    def to_dict(self) -> dict[str, Any]:
        combination = self.combination or {}
        return {
            "routing": self.routing,
            "level": self.level,
            "triggers": list(self.triggers),
            "negated_triggers": list(self.negated_triggers),
            "immediate_protection": self.immediate_protection,
            "rules": self.rules,
            "classifier": self.classifier,
            "rules_pack": dict(self.rules_pack),
            "combination": self.combination,
            "disagreements": [combination["disagreement"]] if combination.get("disagreement") else [],
        }


@dataclass
class SuggestContext:
    """What a batch of suggestions needs, loaded once: the pack, the accepted model, settings."""

    pack: Pack
    model: RoutingModel | None = None
    abstain_below: float | None = None
    strategy_raise_at: float | None = None

    @functools.cached_property
    def history_bands(self) -> tuple[tuple[int, int | None], ...]:
        """Counts of previous contacts the suggestion cannot tell apart, as (lowest, highest or
        None) bands: the pack's previous-contact conditions split them; the model's history
        feature tells every count apart, so with a model only "no history" is a band."""
        if self.model is not None:
            return ((0, 0),)
        edges: set[int] = set()
        for c in (i.conditions for i in self.pack.indicators):
            if c.previous_contacts_min is not None and c.previous_contacts_min > 0:
                edges.add(c.previous_contacts_min)
            if c.previous_contacts_max is not None and c.previous_contacts_max >= 0:
                edges.add(c.previous_contacts_max + 1)
        starts = [0, *sorted(edges)]
        return tuple((lo, hi - 1) for lo, hi in zip(starts, starts[1:], strict=False)) + ((starts[-1], None),)

    def prepare(
        self, draft: ContactDraft, bands: int | None = None, hits: frozenset[int] | None = None
    ) -> PreparedSuggestion:
        """The contact's suggestion for every history band (or the first `bands`), serialised
        before its history is known (in an intake worker): the storing process then picks the
        band and inserts, or suggests itself for a history no prepared band covers. The text is
        scanned once; the other bands only judge the facts again. `hits`: the pack's filter
        answer for the contact's text, from `scan_hints` (None runs the filter)."""
        prepared = []
        scan: TextScan | None = None
        for low, high in self.history_bands[:bands]:
            facts = facts_from_draft(draft, low)
            scan = scan or TextScan(self.pack, facts.text, hits=hits)
            suggestion = suggest_facts(
                facts,
                self.pack,
                self.model,
                abstain_below=self.abstain_below,
                strategy_raise_at=self.strategy_raise_at,
                scan=scan,
            )
            template = _history_template(suggestion)
            if template is None:
                return PreparedSuggestion(self.key, (), *_hint(scan))
            prepared.append((low, high, *template))
        return PreparedSuggestion(self.key, tuple(prepared), *_hint(scan))

    def prepare_all(self, drafts: Sequence[ContactDraft], bands: int | None = None) -> list[PreparedSuggestion]:
        """`prepare` for many contacts, the pack's filter run over all their texts first (see
        `scan_hints`): what an intake worker does with a chunk of files."""
        hints = scan_hints(self.pack, [contact_text(d.subject, d.body_text) for d in drafts])
        return [self.prepare(d, bands, hits) for d, hits in zip(drafts, hints, strict=True)]

    @property
    def key(self) -> str:
        """What a suggestion made under this context depends on: the pack, the model and its
        abstention and strategy-margin settings."""
        model = self.model.version if self.model is not None else ""
        return f"{self.pack.sha256}|{model}|{self.abstain_below}|{self.strategy_raise_at}"

    def suggest(
        self, draft: ContactDraft, previous_contacts: int = 0, prepared: PreparedSuggestion | None = None
    ) -> Suggestion:
        """The suggestion for this history. `prepared` (made for the same draft, under any
        context) saves running the pack's filter on the text again when made under this pack."""
        facts = facts_from_draft(draft, previous_contacts)
        hits = prepared.scan_hint(self, facts.text) if prepared is not None else None
        return suggest_facts(
            facts,
            self.pack,
            self.model,
            abstain_below=self.abstain_below,
            strategy_raise_at=self.strategy_raise_at,
            scan=TextScan(self.pack, facts.text, hits=hits),
        )


def suggest_context(store: Store | None, pack: Pack | str = "default") -> SuggestContext:
    """The pack, plus the store's accepted model and classifier settings when a store is given."""
    from mashdesk.rules.pack import load_pack

    loaded = load_pack(pack) if isinstance(pack, str) else pack
    if store is None:
        return SuggestContext(loaded)
    model = active_model(store)
    if model is None:
        return SuggestContext(loaded)
    settings = classifier_settings(store)
    return SuggestContext(loaded, model, settings["abstain_below"], settings["strategy_raise_at"])


def active_model(store: Store) -> RoutingModel | None:
    """The accepted classifier, or None (also when it cannot load: suggestions then come from
    the rules alone, and the reason is logged, so intake never stops on a model problem)."""
    if store.db.execute("SELECT 1 FROM models WHERE status = 'active' LIMIT 1").fetchone() is None:
        return None  # no model accepted: scikit-learn is not even imported (seconds per process)
    from classifiers.persistence import ModelLoadError
    from classifiers.registry import ModelRegistryError, load_routing_model

    try:
        return load_routing_model(store)
    except (ModelLoadError, ModelRegistryError) as exc:
        log.warning("classifier not used: %s", exc)
        return None


def classifier_settings(store: Store) -> dict[str, float | None]:
    from classifiers.registry import abstain_below, strategy_raise_at

    return {"abstain_below": abstain_below(store), "strategy_raise_at": strategy_raise_at(store)}


def classifier_payload(suggestion: ClassifierSuggestion, model: RoutingModel) -> dict[str, Any]:
    """The classifier's part of a stored suggestion: probabilities, abstention, evidence."""
    out = suggestion.to_dict()
    out["words"] = {
        suggestion.top_routing: [(e.label, e.weight) for e in suggestion.evidence_for + suggestion.evidence_against]
    }
    out["weaknesses"] = list((model.card or {}).get("known_weaknesses") or [])
    return out


def classify(
    facts: RuleFacts,
    model: RoutingModel | None = None,
    *,
    abstain_below: float | None = None,
    rules: RulesResult | None = None,
) -> dict[str, Any] | None:
    """The classifier's view of a contact (None without a model). The rules' result is passed
    as features; a model trained without them ignores it."""
    if model is None:
        return None
    from classifiers.features import record_from_facts
    from classifiers.model import DEFAULT_ABSTAIN_BELOW

    threshold = DEFAULT_ABSTAIN_BELOW if abstain_below is None else abstain_below
    suggestion = model.suggest(record_from_facts(facts, rules), abstain_below=threshold)
    return classifier_payload(suggestion, model)


def combined_suggestion(
    rules: RulesResult, classifier: dict[str, Any] | None, strategy_raise_at: float | None = None
) -> CombinedSuggestion:
    """classifiers.combine.combine over a rules result and a classifier payload. A payload with
    only probabilities counts its top class when at least CLASSIFIER_RAISE_MIN_PROBABILITY."""
    from classifiers.combine import combine as combine_pure

    clf = classifier
    if clf is not None and "routing" not in clf:
        probs = {k: float(v) for k, v in (clf.get("probabilities") or {}).items() if k in ROUTING_RANK}
        if probs:
            top = max(probs, key=lambda k: (probs[k], ROUTING_RANK[k]))
            sure = probs[top] >= CLASSIFIER_RAISE_MIN_PROBABILITY
            clf = {
                "routing": top if sure else None,
                "top_routing": top,
                "confidence": probs[top],
                "probabilities": probs,
            }
        else:
            clf = None
    return combine_pure(rules, clf, strategy_raise_at=strategy_raise_at)


def combine(rules: RulesResult, classifier: dict[str, Any] | None, strategy_raise_at: float | None = None) -> str:
    """Combined routing: the rules' routing (strategy_discussion with a mandatory trigger),
    raised, never lowered, by a classifier sure enough of a higher one."""
    return combined_suggestion(rules, classifier, strategy_raise_at).routing or rules.routing


def suggest_facts(
    facts: RuleFacts,
    pack: Pack | None = None,
    model: RoutingModel | None = None,
    *,
    abstain_below: float | None = None,
    strategy_raise_at: float | None = None,
    scan: TextScan | None = None,
) -> Suggestion:
    pack = pack or default_pack()
    rules = evaluate(pack, facts, scan)
    classifier = classify(facts, model, abstain_below=abstain_below, rules=rules)
    combined = combined_suggestion(rules, classifier, strategy_raise_at)
    routing = combined.routing or rules.routing
    return Suggestion(
        routing=routing,
        level=rules.level if routing == rules.routing else _pack_level(pack, routing, rules.level),
        triggers=list(rules.triggers),
        negated_triggers=list(rules.negated_triggers),
        immediate_protection=rules.immediate_protection,
        rules=rules.to_dict(),
        classifier=classifier,
        rules_pack=pack.ref(),
        combination=combined.to_dict(),
    )


def _pack_level(pack: Pack, routing: str, default: int) -> int:
    """The pack's own level number for a routing the classifier raised to."""
    levels = [n for n, lv in pack.levels.items() if lv.routing == routing]
    return min(levels) if levels else default


def suggest(
    draft: ContactDraft,
    previous_contacts: int = 0,
    pack: Pack | None = None,
    model: RoutingModel | None = None,
    *,
    abstain_below: float | None = None,
    strategy_raise_at: float | None = None,
    store: Store | None = None,
) -> Suggestion:
    """Rules, plus the classifier: `model`, or the store's accepted model when `store` is given
    (with the store's abstention and strategy-margin settings unless passed)."""
    if store is not None and model is None:
        model = active_model(store)
        if model is not None:
            settings = classifier_settings(store)
            abstain_below = settings["abstain_below"] if abstain_below is None else abstain_below
            if strategy_raise_at is None:
                strategy_raise_at = settings["strategy_raise_at"]
    return suggest_facts(
        facts_from_draft(draft, previous_contacts),
        pack,
        model,
        abstain_below=abstain_below,
        strategy_raise_at=strategy_raise_at,
    )


_SUGGESTION_SQL = (
    "INSERT INTO suggestions (contact_id, created_at, current, pack_name, pack_version, "
    "pack_sha256, model_version, routing, level, immediate_protection, triggers_json, "
    "negated_triggers_json, result_json) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def suggestion_row(suggestion: Suggestion) -> tuple[Any, ...]:
    """A suggestion's stored columns after contact_id and created_at, serialised once (intake
    workers do this beside parsing, so the storing process only inserts)."""
    assert suggestion.routing in ROUTING_CODES
    return (
        suggestion.rules_pack["name"],
        suggestion.rules_pack["version"],
        suggestion.rules_pack["sha256"],
        (suggestion.classifier or {}).get("model_version"),
        suggestion.routing,
        suggestion.level,
        int(suggestion.immediate_protection),
        json.dumps(suggestion.triggers),
        json.dumps(suggestion.negated_triggers, ensure_ascii=False),
        json.dumps(suggestion.to_dict(), ensure_ascii=False),
    )


# Stands for the number of previous contacts in a suggestion serialised before it is known.
_HISTORY_HOLE = -918273645


def _history_template(suggestion: Suggestion) -> tuple[tuple[Any, ...], str, str] | None:
    """suggestion_row with its result JSON split around the facts' previous-contact count."""
    facts = suggestion.rules.get("facts")
    if not isinstance(facts, dict):
        return None
    real = facts.get("previous_contacts")
    facts["previous_contacts"] = _HISTORY_HOLE
    try:
        row = suggestion_row(suggestion)
    finally:
        facts["previous_contacts"] = real
    parts = row[-1].split(str(_HISTORY_HOLE))
    if len(parts) != 2:
        return None
    return row[:-1], parts[0], parts[1]


def _hint(scan: TextScan | None) -> tuple[frozenset[int] | None, int | None]:
    """What a prepared suggestion keeps of its scan for suggesting again: the filter's answer
    and the text's hash (a worker forked from this process hashes strings the same way)."""
    if scan is None or scan.hits is None:
        return None, None
    return scan.hits, hash(scan.source)


@dataclass(frozen=True)
class PreparedSuggestion:
    """SuggestContext.prepare's result: per band of previous-contact counts, the suggestion's
    columns and its result JSON around the count."""

    context: str  # SuggestContext.key of the context that made it
    bands: tuple[tuple[int, int | None, tuple[Any, ...], str, str], ...]
    # The entries the pack's filter confirmed in the text (TextScan.hits), so that suggesting
    # again for a history no band covers does not run the filter again.
    hits: frozenset[int] | None = None
    text_hash: int | None = None  # hash() of the text it was found in

    def scan_hint(self, context: SuggestContext, text: str) -> frozenset[int] | None:
        """`hits`, when made for this text under the same pack as `context`'s."""
        if self.hits is None or self.text_hash != hash(text):
            return None
        return self.hits if self.context.split("|", 1)[0] == context.pack.sha256 else None

    def row(self, previous_contacts: int, context: SuggestContext) -> tuple[Any, ...] | None:
        """The suggestion_row for this history, or None when it was not prepared or was made
        under another pack or model (a worker that loaded its own, say, while one was accepted)."""
        if context.key != self.context:
            return None
        for low, high, columns, head, tail in self.bands:
            if low <= previous_contacts and (high is None or previous_contacts <= high):
                return (*columns, f"{head}{previous_contacts}{tail}")
        return None


def insert_suggestion_row(conn: Any, contact_id: int, row: tuple[Any, ...], created_at: str) -> int:
    """Insert a serialised suggestion as current, inside the caller's write transaction, for a
    contact with no current suggestion (one stored in the same transaction)."""
    cur = conn.execute(_SUGGESTION_SQL, (contact_id, created_at, *row))
    return int(cur.lastrowid or 0)


def record_suggestion(store: Store, contact_id: int, suggestion: Suggestion, *, first: bool = False) -> int:
    """Store a suggestion as the contact's current one; older rows stay, with current = 0.

    Joins the caller's transaction when there is one (`first=True`: a contact stored in the same
    transaction has no earlier suggestion)."""
    row = suggestion_row(suggestion)
    with store.write() as db:
        if not first:
            db.execute("UPDATE suggestions SET current = 0 WHERE contact_id = ? AND current = 1", [contact_id])
        return insert_suggestion_row(db.conn, contact_id, row, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


def resuggest(store: Store, pack: Pack | None = None, progress: Progress | None = None, batch: int = 200) -> int:
    """Recompute and store the suggestion of every contact (after a pack change).

    Commits in batches; when cancelled, the batches already done are kept."""
    from mashdesk.triage import queries

    pack = pack or default_pack()
    progress = progress or NullProgress()
    model = active_model(store)
    settings = classifier_settings(store) if model is not None else {}
    ids = queries.contact_ids(store)
    done = 0
    for i in range(0, len(ids), batch):
        if progress.cancelled():
            raise Cancelled(f"stopped after {done} of {len(ids)} contacts")
        chunk = ids[i : i + batch]
        with store.write():
            for cid, facts in queries.stored_facts(store, chunk):
                suggestion = suggest_facts(
                    facts,
                    pack,
                    model,
                    abstain_below=settings.get("abstain_below"),
                    strategy_raise_at=settings.get("strategy_raise_at"),
                )
                record_suggestion(store, cid, suggestion)
                done += 1
        progress.report(done, len(ids), "resuggest")
    return done


__all__ = [
    "PreparedSuggestion",
    "SuggestContext",
    "Suggestion",
    "active_model",
    "classifier_payload",
    "classifier_settings",
    "combined_suggestion",
    "classify",
    "combine",
    "insert_suggestion_row",
    "record_suggestion",
    "resuggest",
    "suggest",
    "suggest_facts",
    "suggestion_row",
]
