"""Suggesting links between contacts about the same child: fuzzy name plus date of birth.

Links are suggestions with their evidence, never merges. Linked contacts close together in time
form one incident group; an earlier contact within 12 months makes a re-referral.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from mashdesk.intake.children import name_key, surname_key
from mashdesk.intake.model import ChildDraft

NAME_WITH_DOB = 80.0
NAME_ONLY = 93.0
GROUP_WINDOW = dt.timedelta(hours=72)
REREFERRAL_WINDOW = dt.timedelta(days=365)
MAX_CANDIDATES = 50


@dataclass
class LinkSuggestion:
    other_id: int
    other_received_at: dt.datetime
    score: float
    evidence: dict[str, Any]


_CANDIDATE_SQL = (
    "SELECT ch.contact_id, ch.name, ch.name_key, ch.dob, c.received_at, c.group_id "
    "FROM children ch JOIN contacts c ON c.id = ch.contact_id WHERE ch.contact_id != ? AND "
)
_COLUMNS = ("contact_id", "name", "name_key", "dob", "received_at", "group_id")


def _candidates(db: Any, child: ChildDraft, contact_id: int) -> list[dict[str, Any]]:
    key = name_key(child.name)
    queries: list[tuple[str, list[Any]]] = []
    if child.dob:
        queries.append(("ch.dob = ?", [child.dob.isoformat()]))
    if key:
        queries.append(("ch.name_key = ?", [key]))
        surname = surname_key(child.name)
        if surname:
            # Same surname and same first letter: typos rarely change a name's first letter.
            first = key[0]
            queries.append(
                (
                    "ch.surname_key = ? AND ch.name_key >= ? AND ch.name_key < ?",
                    [surname, first, chr(ord(first) + 1)],
                )
            )
    rows: list[dict[str, Any]] = []
    for where, params in queries:
        cursor = db.conn.execute(
            _CANDIDATE_SQL + where + " ORDER BY ch.id DESC LIMIT ?",
            [contact_id, *params, MAX_CANDIDATES],
        )
        rows += [dict(zip(_COLUMNS, r, strict=True)) for r in cursor]
    return rows


def suggest_links(db: Any, contact_id: int, children: list[ChildDraft]) -> list[LinkSuggestion]:
    best: dict[int, LinkSuggestion] = {}
    for child in children:
        key = name_key(child.name)
        if not key and not child.dob:
            continue
        for row in _candidates(db, child, contact_id):
            other_key = row["name_key"]
            score = fuzz.token_sort_ratio(key, other_key) if key and other_key else 0.0
            same_dob = bool(child.dob and row["dob"] == child.dob.isoformat())
            if same_dob and score >= NAME_WITH_DOB:
                confidence = 0.6 + 0.4 * score / 100
                basis = "name and date of birth"
            elif score >= NAME_ONLY and not (child.dob and row["dob"] and not same_dob):
                confidence = 0.5 * score / 100
                basis = "name only (no date of birth to compare)"
            else:
                continue
            evidence = {
                "basis": basis,
                "name": child.name,
                "other_name": row["name"],
                "name_score": round(score, 1),
                "dob": child.dob.isoformat() if child.dob else None,
                "other_dob": row["dob"],
            }
            cid = int(row["contact_id"])
            if cid not in best or best[cid].score < confidence:
                best[cid] = LinkSuggestion(
                    cid,
                    dt.datetime.fromisoformat(row["received_at"]),
                    round(confidence, 3),
                    evidence,
                )
    return sorted(best.values(), key=lambda s: -s.score)


def evidence_json(link: LinkSuggestion) -> str:
    return json.dumps(link.evidence, ensure_ascii=False, sort_keys=True)
