"""What-if for a revised threshold document: replay stored contacts through two packs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mashdesk.domain import ROUTING_CODES
from mashdesk.progress import Cancelled, NullProgress, Progress
from mashdesk.rules.engine import evaluate
from mashdesk.rules.pack import Pack
from mashdesk.store import Store
from mashdesk.triage import queries


@dataclass
class PackDiff:
    old: dict[str, str]
    new: dict[str, str]
    contacts: int = 0
    moves: Counter[tuple[str, str]] = field(default_factory=Counter)
    move_examples: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    triggers_gained: Counter[str] = field(default_factory=Counter)
    triggers_lost: Counter[str] = field(default_factory=Counter)
    trigger_examples: dict[str, list[int]] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return sum(n for (a, b), n in self.moves.items() if a != b)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_pack": self.old,
            "new_pack": self.new,
            "contacts": self.contacts,
            "changed": self.changed,
            "moves": [
                {"from": a, "to": b, "count": n, "examples": self.move_examples.get((a, b), [])}
                for (a, b), n in sorted(self.moves.items(), key=_move_order)
            ],
            "triggers_gained": dict(sorted(self.triggers_gained.items())),
            "triggers_lost": dict(sorted(self.triggers_lost.items())),
            "trigger_examples": dict(sorted(self.trigger_examples.items())),
        }


def _move_order(item: tuple[tuple[str, str], int]) -> tuple[int, int]:
    (a, b), _ = item
    return ROUTING_CODES.index(a), ROUTING_CODES.index(b)


def diff_packs(
    store: Store,
    old: Pack,
    new: Pack,
    since: dt.date | None = None,
    examples: int = 3,
    progress: Progress | None = None,
) -> PackDiff:
    """Rules-only replay (the classifier is left out so the change shown is the pack's)."""
    progress = progress or NullProgress()
    ids = queries.contact_ids(store, since)
    out = PackDiff(old=old.ref(), new=new.ref())
    for n, (cid, facts) in enumerate(queries.stored_facts(store, ids)):
        if n % 200 == 0:
            if progress.cancelled():
                raise Cancelled(f"stopped after {n} of {len(ids)} contacts")
            progress.report(n, len(ids), "replaying")
        a = evaluate(old, facts)
        b = evaluate(new, facts)
        out.contacts += 1
        move = (a.routing, b.routing)
        out.moves[move] += 1
        if a.routing != b.routing:
            ex = out.move_examples.setdefault(move, [])
            if len(ex) < examples:
                ex.append(cid)
        for code in sorted(set(b.triggers) - set(a.triggers)):
            out.triggers_gained[code] += 1
            _add_example(out, f"+{code}", cid, examples)
        for code in sorted(set(a.triggers) - set(b.triggers)):
            out.triggers_lost[code] += 1
            _add_example(out, f"-{code}", cid, examples)
    progress.report(len(ids), len(ids), "done")
    return out


def _add_example(out: PackDiff, key: str, cid: int, limit: int) -> None:
    ex = out.trigger_examples.setdefault(key, [])
    if len(ex) < limit:
        ex.append(cid)
