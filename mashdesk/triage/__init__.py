"""Triage: the combined, advisory suggestion for a contact, and storing it with its evidence.

`suggest(draft)` runs the threshold rules (and, once it exists, the classifier) over a draft;
`record_suggestion` stores it inside the caller's transaction; `resuggest` recomputes every
stored contact after a pack change. Suggestions never route a contact on their own.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mashdesk.domain import ROUTING_CODES, ROUTING_RANK
from mashdesk.progress import Cancelled, NullProgress, Progress
from mashdesk.rules.engine import RulesResult, evaluate
from mashdesk.rules.facts import RuleFacts, facts_from_draft
from mashdesk.rules.pack import Pack, default_pack
from mashdesk.store import Store

if TYPE_CHECKING:  # intake imports this module while it is itself being imported
    from mashdesk.intake.model import ContactDraft

# The classifier may raise a rules suggestion (never lower it) when it is at least this sure.
CLASSIFIER_RAISE_MIN_PROBABILITY = 0.5


@dataclass
class Suggestion:
    routing: str  # combined suggestion: rules, raised by the classifier where it applies
    level: int
    triggers: list[str]
    negated_triggers: list[dict[str, Any]]
    immediate_protection: bool
    rules: dict[str, Any]  # RulesResult.to_dict(): every indicator with its evidence
    classifier: dict[str, Any] | None  # {"model_version", "probabilities": {routing: p}} or None
    rules_pack: dict[str, str]  # name, version, sha256

    def to_dict(self) -> dict[str, Any]:
        return {
            "routing": self.routing,
            "level": self.level,
            "triggers": list(self.triggers),
            "negated_triggers": list(self.negated_triggers),
            "immediate_protection": self.immediate_protection,
            "rules": self.rules,
            "classifier": self.classifier,
            "rules_pack": dict(self.rules_pack),
        }


def classify(facts: RuleFacts) -> dict[str, Any] | None:
    """The classifier's view of a contact: the one place the classifier plugs in (None for now)."""
    return None


def combine(rules: RulesResult, classifier: dict[str, Any] | None) -> str:
    """Combined routing: a mandatory trigger always means strategy_discussion; otherwise the
    rules' routing, raised (never lowered) to the classifier's top class when it is sure enough."""
    if rules.triggers or classifier is None:
        return rules.routing
    probs: dict[str, float] = classifier.get("probabilities") or {}
    known = {k: float(v) for k, v in probs.items() if k in ROUTING_RANK}
    if not known:
        return rules.routing
    top = max(known, key=lambda k: (known[k], ROUTING_RANK[k]))
    if known[top] >= CLASSIFIER_RAISE_MIN_PROBABILITY and ROUTING_RANK[top] > ROUTING_RANK[rules.routing]:
        return top
    return rules.routing


def suggest_facts(facts: RuleFacts, pack: Pack | None = None) -> Suggestion:
    pack = pack or default_pack()
    rules = evaluate(pack, facts)
    classifier = classify(facts)
    return Suggestion(
        routing=combine(rules, classifier),
        level=rules.level,
        triggers=list(rules.triggers),
        negated_triggers=list(rules.negated_triggers),
        immediate_protection=rules.immediate_protection,
        rules=rules.to_dict(),
        classifier=classifier,
        rules_pack=pack.ref(),
    )


def suggest(draft: ContactDraft, previous_contacts: int = 0, pack: Pack | None = None) -> Suggestion:
    return suggest_facts(facts_from_draft(draft, previous_contacts), pack)


def record_suggestion(store: Store, contact_id: int, suggestion: Suggestion) -> int:
    """Store a suggestion as the contact's current one; older rows stay, with current = 0.

    Joins the caller's transaction when there is one (intake calls it inside its own)."""
    assert suggestion.routing in ROUTING_CODES
    with store.write() as db:
        db.execute("UPDATE suggestions SET current = 0 WHERE contact_id = ? AND current = 1", [contact_id])
        model_version = (suggestion.classifier or {}).get("model_version")
        cur = db.execute(
            "INSERT INTO suggestions (contact_id, created_at, current, pack_name, pack_version, "
            "pack_sha256, model_version, routing, level, immediate_protection, triggers_json, "
            "negated_triggers_json, result_json) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                contact_id,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                suggestion.rules_pack["name"],
                suggestion.rules_pack["version"],
                suggestion.rules_pack["sha256"],
                model_version,
                suggestion.routing,
                suggestion.level,
                int(suggestion.immediate_protection),
                json.dumps(suggestion.triggers),
                json.dumps(suggestion.negated_triggers, ensure_ascii=False),
                json.dumps(suggestion.to_dict(), ensure_ascii=False),
            ],
        )
        return int(cur.lastrowid or 0)


def resuggest(store: Store, pack: Pack | None = None, progress: Progress | None = None, batch: int = 200) -> int:
    """Recompute and store the suggestion of every contact (after a pack change).

    Commits in batches; when cancelled, the batches already done are kept."""
    from mashdesk.triage import queries

    pack = pack or default_pack()
    progress = progress or NullProgress()
    ids = queries.contact_ids(store)
    done = 0
    for i in range(0, len(ids), batch):
        if progress.cancelled():
            raise Cancelled(f"stopped after {done} of {len(ids)} contacts")
        chunk = ids[i : i + batch]
        with store.write():
            for cid, facts in queries.stored_facts(store, chunk):
                record_suggestion(store, cid, suggest_facts(facts, pack))
                done += 1
        progress.report(done, len(ids), "resuggest")
    return done


__all__ = [
    "Suggestion",
    "classify",
    "combine",
    "record_suggestion",
    "resuggest",
    "suggest",
    "suggest_facts",
]
