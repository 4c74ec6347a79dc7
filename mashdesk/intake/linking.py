"""Suggesting links between contacts about the same child: fuzzy name plus date of birth.

Links are suggestions with their evidence, never merges. Linked contacts close together in time
form one incident group; an earlier contact within 12 months makes a re-referral.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
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
    other_group_id: int | None = None


_CANDIDATE_SQL = (
    "SELECT * FROM (SELECT ch.contact_id, ch.name, ch.name_key, ch.dob, c.received_at, c.group_id "
    "FROM children ch {} JOIN contacts c ON c.id = ch.contact_id WHERE ch.contact_id != ? AND {} "
    "ORDER BY ch.id DESC LIMIT ?)"
)
_COLUMNS = ("contact_id", "name", "name_key", "dob", "received_at", "group_id")


def _candidates(conn: Any, child: ChildDraft, contact_id: int) -> list[dict[str, Any]]:
    """Earlier children in the same blocks as this one: same date of birth, same name key, or
    same surname and first letter. One statement; each block is an index range."""
    key = name_key(child.name)
    # Each block names its index: the plan stays an index walk that stops at the limit even
    # after an ANALYZE (which can prefer the date-of-birth index for "dob IS NULL").
    queries: list[tuple[str, str, list[Any]]] = []
    if child.dob:
        queries.append(("children_dob", "ch.dob = ?", [child.dob.isoformat()]))
    if key:
        # With a date of birth, a name alone links only to a child recorded without one (a
        # different date rules a link out; the same date is the block above), which keeps the
        # name blocks small however common the name.
        no_dob, nodob_index = (" AND ch.dob IS NULL", "_nodob") if child.dob else ("", "")
        queries.append(("children_name" + nodob_index, "ch.name_key = ?" + no_dob, [key]))
        surname = surname_key(child.name)
        if surname:
            # Same surname and same first letter: typos rarely change a name's first letter.
            first = key[0]
            queries.append(
                (
                    "children_surname_initial" + nodob_index,
                    "ch.surname_key = ? AND substr(ch.name_key, 1, 1) = ?" + no_dob,
                    [surname, first],
                )
            )
    if not queries:
        return []
    params = [p for _, _, ps in queries for p in (contact_id, *ps, MAX_CANDIDATES)]
    try:
        rows = conn.execute(_union(queries, hinted=True), params).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such index" not in str(exc):
            raise
        # A store opened without its migrations: the same blocks, planned by SQLite.
        rows = conn.execute(_union(queries, hinted=False), params).fetchall()
    return [dict(zip(_COLUMNS, r, strict=True)) for r in rows]


def _union(queries: list[tuple[str, str, list[Any]]], *, hinted: bool) -> str:
    return " UNION ALL ".join(
        _CANDIDATE_SQL.format(f"INDEXED BY {index}" if hinted else "", where) for index, where, _ in queries
    )


def suggest_links(conn: Any, contact_id: int, children: list[ChildDraft]) -> list[LinkSuggestion]:
    best: dict[int, LinkSuggestion] = {}
    for child in children:
        key = name_key(child.name)
        if not key and not child.dob:
            continue
        for row in _candidates(conn, child, contact_id):
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
                    row["group_id"],
                )
    return sorted(best.values(), key=lambda s: -s.score)


_EVIDENCE = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def evidence_json(link: LinkSuggestion) -> str:
    return _EVIDENCE.encode(link.evidence)
