"""Read-only view models for the desktop app (and any other front end): plain dataclasses
loaded by plain functions. Qt-free; SQL lives here, never in widgets.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from mashdesk.domain import REFERRAL_SOURCES, ROUTING_RANK
from mashdesk.store import Store, queue


@dataclass(frozen=True)
class ChildView:
    name: str
    dob: str | None
    edd: str | None
    unborn: bool
    address: str | None
    postcode: str | None
    school: str | None
    confidence: float
    source_field: str
    span: tuple[int, int] | None
    evidence: str


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    origin: str


@dataclass(frozen=True)
class RelatedContact:
    """An earlier contact about the same child, or a contact linked to the same incident."""

    id: int
    received_at: str
    channel: str
    subject: str
    status: str
    relation: str  # "same child: <name>", "same incident", a link kind
    evidence: str = ""


@dataclass(frozen=True)
class RuleHit:
    rule: str
    clause: str
    level: int | None
    trigger: str | None
    evidence: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class NegatedTrigger:
    trigger: str
    evidence: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ClassScore:
    label: str
    probability: float
    words: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class SuggestionView:
    """An advisory suggestion with its evidence. Shown beside the form; never fills it in."""

    routing: str
    level: int | None
    immediate_protection: bool
    triggers: tuple[str, ...]
    negated: tuple[NegatedTrigger, ...]
    rules: tuple[RuleHit, ...]
    classifier: tuple[ClassScore, ...]
    model_version: str | None
    weaknesses: tuple[str, ...]
    disagreements: tuple[str, ...]
    pack: str
    created_at: str


@dataclass(frozen=True)
class ContactDetail:
    id: int
    channel: str
    received_at: str
    received_at_basis: str
    decision_due: str
    status: str
    claimed_by: str | None
    claim_expires_at: str | None
    version: int
    subject: str
    body_text: str
    new_text_end: int | None
    body_html: str | None
    headers: dict[str, str]
    call: dict[str, Any] | None
    referrer_name: str | None
    referrer_email: str | None
    referrer_phone: str | None
    referrer_org: str | None
    referrer_role: str | None
    source_code: str
    source_evidence: str | None
    flags: tuple[str, ...]
    group_id: int | None
    re_referral: bool
    synthetic: bool
    children: tuple[ChildView, ...] = ()
    attachments: tuple[AttachmentView, ...] = ()
    linked: tuple[RelatedContact, ...] = ()
    history: tuple[RelatedContact, ...] = ()
    suggestion: SuggestionView | None = None
    decisions: tuple[Any, ...] = ()  # DecisionEntry, oldest first
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def source_label(self) -> str:
        return f"{self.source_code} {REFERRAL_SOURCES.get(self.source_code, 'unknown code')}"


def _loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def _spans(value: Any) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for item in value or ():
        if isinstance(item, dict):
            start, end = item.get("start"), item.get("end")
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            start, end = item
        else:
            continue
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
            out.append((start, end))
    return tuple(out)


def _body_spans(value: Any, offset: int) -> tuple[tuple[int, int], ...]:
    """Spans into the rules' text (subject, blank line, body) moved to offsets in the body."""
    return tuple((start - offset, end - offset) for start, end in _spans(value) if start >= offset)


def suggestion_from_row(row: dict[str, Any], subject: str = "") -> SuggestionView:
    """Build the view of one `suggestions` row (mashdesk.triage's result_json).

    Rule spans index into the text the rules read (`mashdesk.rules.facts.contact_text`: subject,
    a blank line, then the body); here they are moved to offsets in the body.
    """
    result: dict[str, Any] = _loads(row.get("result_json"), {})
    offset = len(subject) + 2 if subject else 0
    rules_part: dict[str, Any] = result["rules"] if isinstance(result.get("rules"), dict) else {}
    rules = []
    for hit in rules_part.get("indicators") or []:
        span = hit.get("span")
        rules.append(
            RuleHit(
                rule=str(hit.get("id") or "rule"),
                clause=" ".join(
                    p
                    for p in (f"clause {hit['clause']}" if hit.get("clause") else "", str(hit.get("description") or ""))
                    if p
                ),  # fmt: skip
                level=hit.get("level"),
                trigger=hit.get("trigger"),
                evidence=str(hit.get("text") or ""),
                spans=_body_spans([span] if span else [], offset),
            )
        )
    negated_raw = result.get("negated_triggers")
    if negated_raw is None:
        negated_raw = _loads(row.get("negated_triggers_json"), [])
    negated = []
    for n in negated_raw:
        if isinstance(n, str):
            negated.append(NegatedTrigger(n, "", ()))
            continue
        cue = n.get("cue") or {}
        why = f"{n.get('status') or 'negated'}: “{cue.get('text')}”" if cue.get("text") else ""
        text = str(n.get("text") or "")
        negated.append(
            NegatedTrigger(
                trigger=str(n.get("code") or n.get("trigger") or "?"),
                evidence=f"“{text}” — {why}" if why else text,
                spans=_body_spans([n["span"]] if n.get("span") else [], offset),
            )
        )
    clf = result.get("classifier") or {}
    probs: dict[str, float] = clf.get("probabilities") or {}
    words: dict[str, Any] = clf.get("words") or clf.get("explanation") or {}
    classifier = tuple(
        sorted(
            (
                ClassScore(
                    label=label,
                    probability=float(p),
                    words=tuple((str(w[0]), float(w[1])) for w in words.get(label, [])),
                )
                for label, p in probs.items()
            ),
            key=lambda c: -c.probability,
        )
    )
    disagreements = list(result.get("disagreements") or [])
    rules_routing = rules_part.get("routing") or row["routing"]
    if classifier:
        top = classifier[0].label
        if top in ROUTING_RANK and top != rules_routing:
            disagreements.append(f"the classifier's top class is {top}; the rules say {rules_routing}")
    if rules_routing != row["routing"]:
        disagreements.append(f"the combined suggestion ({row['routing']}) differs from the rules ({rules_routing})")
    return SuggestionView(
        routing=row["routing"],
        level=row.get("level"),
        immediate_protection=bool(row.get("immediate_protection")),
        triggers=tuple(_loads(row.get("triggers_json"), [])),
        negated=tuple(negated),
        rules=tuple(rules),
        classifier=classifier,
        model_version=row.get("model_version"),
        weaknesses=tuple(clf.get("weaknesses") or result.get("weaknesses") or ()),
        disagreements=tuple(disagreements),
        pack=f"{row.get('pack_name')} {row.get('pack_version')}",
        created_at=row.get("created_at") or "",
    )


def current_suggestion(store: Store, contact_id: int, subject: str = "") -> SuggestionView | None:
    rows = list(
        store.db.query(
            "SELECT * FROM suggestions WHERE contact_id = ? AND current = 1 ORDER BY id DESC LIMIT 1",
            [contact_id],
        )
    )
    return suggestion_from_row(rows[0], subject) if rows else None


def _children(store: Store, contact_id: int) -> tuple[ChildView, ...]:
    out = []
    for r in store.db.query("SELECT * FROM children WHERE contact_id = ? ORDER BY id", [contact_id]):
        span = (r["span_start"], r["span_end"]) if r["span_start"] is not None and r["span_end"] is not None else None
        out.append(
            ChildView(
                name=r["name"] or "(name not given)",
                dob=r["dob"],
                edd=r["edd"],
                unborn=bool(r["unborn"]),
                address=r["address"],
                postcode=r["postcode"],
                school=r["school"],
                confidence=float(r["confidence"]),
                source_field=r["source_field"],
                span=span,
                evidence=r["evidence"] or "",
            )
        )
    return tuple(out)


def _related(r: dict[str, Any], relation: str, evidence: str = "") -> RelatedContact:
    """From a row carrying id, received_at, channel, subject and status."""
    return RelatedContact(r["id"], r["received_at"], r["channel"], r["subject"], r["status"], relation, evidence)


def _linked(store: Store, contact_id: int, group_id: int | None) -> tuple[RelatedContact, ...]:
    seen: dict[int, RelatedContact] = {}
    for r in store.db.query(
        """SELECT c.id, c.received_at, c.channel, coalesce(c.subject, '') AS subject, c.status,
                  l.kind, l.evidence
           FROM contact_links l JOIN contacts c
             ON c.id = CASE WHEN l.contact_id = :id THEN l.other_id ELSE l.contact_id END
           WHERE (l.contact_id = :id OR l.other_id = :id)""",
        {"id": contact_id},
    ):
        seen[r["id"]] = _related(r, r["kind"], r["evidence"] or "")
    if group_id is not None:
        for r in store.db.query(
            """SELECT id, received_at, channel, coalesce(subject, '') AS subject, status
               FROM contacts WHERE group_id = ? AND id != ? ORDER BY received_at""",
            [group_id, contact_id],
        ):
            seen.setdefault(r["id"], _related(r, "same incident"))
    return tuple(sorted(seen.values(), key=lambda c: c.received_at))


def _history(store: Store, contact_id: int, received_at: str) -> tuple[RelatedContact, ...]:
    """Earlier contacts about a child of this contact, matched on name key and date of birth."""
    decided = (
        "(SELECT o.routing || ' (' || o.outcome || ', ' || o.manager_name || ')'"
        " FROM oversight_records o WHERE o.contact_id = c.id ORDER BY o.id DESC LIMIT 1)"
        if _has(store, "oversight_records")
        else "NULL"
    )
    rows = store.db.query(
        f"""SELECT DISTINCT c.id, c.received_at, c.channel, coalesce(c.subject, '') AS subject,
                  c.status, mine.name AS child, {decided} AS decision
           FROM children mine
           JOIN children other ON other.name_key = mine.name_key
                AND (mine.dob IS NULL OR other.dob IS NULL OR other.dob = mine.dob)
                AND other.contact_id != mine.contact_id
           JOIN contacts c ON c.id = other.contact_id
           WHERE mine.contact_id = ? AND mine.name_key IS NOT NULL AND mine.name_key != ''
             AND c.received_at <= ?
           ORDER BY c.received_at DESC LIMIT 50""",
        [contact_id, received_at],
    )
    return tuple(
        _related(r, f"same child: {r['child']}", f"decided: {r['decision']}" if r["decision"] else "") for r in rows
    )


@dataclass(frozen=True)
class DecisionEntry:
    """One screening decision or oversight record on this contact, for the history tab."""

    kind: str  # screening, oversight
    at: str
    by: str
    routing: str
    outcome: str | None
    rationale: str


def decision_entries(store: Store, contact_id: int) -> tuple[DecisionEntry, ...]:
    if not _has(store, "screening_decisions"):
        return ()
    from mashdesk.decisions import decision_history

    return tuple(
        DecisionEntry(
            kind=d["kind"],
            at=d["at"],
            by=d.get("author_name") or d.get("manager_name") or "",
            routing=d["routing"],
            outcome=d.get("outcome"),
            rationale=d.get("rationale") or "",
        )
        for d in decision_history(store, contact_id)
    )


def contact_detail(store: Store, contact_id: int) -> ContactDetail:
    rows = list(store.db.query("SELECT * FROM contacts WHERE id = ?", [contact_id]))
    if not rows:
        raise KeyError(f"no contact {contact_id}")
    r = rows[0]
    attachments = tuple(
        AttachmentView(
            a["id"],
            a["filename"] or f"attachment-{a['id']}",
            a["content_type"] or "",
            a["size"],
            a["sha256"],
            a["origin"] or "",
        )
        for a in store.db.query("SELECT * FROM attachments WHERE contact_id = ? ORDER BY id", [contact_id])
    )
    history = _history(store, contact_id, r["received_at"])
    # Earlier contacts about the same child show once, under history, with their decision.
    linked = tuple(x for x in _linked(store, contact_id, r["group_id"]) if x.id not in {h.id for h in history})
    return ContactDetail(
        id=r["id"],
        channel=r["channel"],
        received_at=r["received_at"],
        received_at_basis=r["received_at_basis"],
        decision_due=r["decision_due"],
        status=r["status"],
        claimed_by=r["claimed_by"],
        claim_expires_at=r["claim_expires_at"],
        version=r["version"],
        subject=r["subject"] or "",
        body_text=r["body_text"] or "",
        new_text_end=r["new_text_end"],
        body_html=r["body_html"],
        headers=_loads(r["headers_json"], {}),
        call=_loads(r["call_json"], None),
        referrer_name=r["referrer_name"],
        referrer_email=r["referrer_email"],
        referrer_phone=r["referrer_phone"],
        referrer_org=r["referrer_org"],
        referrer_role=r["referrer_role"],
        source_code=r["source_code"],
        source_evidence=r["source_evidence"],
        flags=tuple(_loads(r["flags_json"], [])),
        group_id=r["group_id"],
        re_referral=bool(r["re_referral"]),
        synthetic=bool(r["synthetic"]),
        children=_children(store, contact_id),
        attachments=attachments,
        linked=linked,
        history=history,
        suggestion=current_suggestion(store, contact_id, r["subject"] or ""),
        decisions=decision_entries(store, contact_id),
    )


def attachment_bytes(store: Store, attachment_id: int) -> bytes | None:
    """The stored bytes of an attachment, or None when only its digest was kept."""
    rows = list(
        store.db.query(
            """SELECT b.data FROM attachments a JOIN raw_blobs b ON b.sha256 = a.sha256
               WHERE a.id = ?""",
            [attachment_id],
        )
    )
    return bytes(rows[0]["data"]) if rows else None


# Time left to decide that sets a contact's RAG colour in the queue (red under 4 hours).
RAG_HOURS: dict[str, tuple[float | None, float | None]] = {
    "red": (None, 4.0),
    "amber": (4.0, 12.0),
    "green": (12.0, None),
}


class QueueResult:
    """One filtered, sorted queue over mashdesk.store.queue, plus the RAG band filter."""

    def __init__(self, store: Store, f: Any, rag: str | None = None, now: dt.datetime | None = None) -> None:
        self.store = store
        self.filter = f
        self.rag = rag
        self.now = now or dt.datetime.now(dt.UTC)

    def _where(self) -> tuple[str, list[Any]]:
        # The store's own filter clauses, evaluated at this result's clock, plus the RAG band.
        where, params = queue._where(self.filter, self.now)
        if self.rag is None:
            return where, params
        lo, hi = RAG_HOURS[self.rag]
        extra = []
        if lo is not None:
            extra.append("c.decision_due >= ?")
            params.append((self.now + dt.timedelta(hours=lo)).isoformat())
        if hi is not None:
            extra.append("c.decision_due < ?")
            params.append((self.now + dt.timedelta(hours=hi)).isoformat())
        joined = " AND ".join(extra)
        return (f"{where} AND {joined}" if where else f" WHERE {joined}"), params

    def count(self) -> int:
        where, params = self._where()
        sql = f"SELECT count(*) FROM contacts c{where}"
        return int(self.store.conn.execute(sql, params).fetchone()[0])

    def ids(self, offset: int, limit: int) -> list[int]:
        where, params = self._where()
        f = self.filter
        order = queue.SORTS.get(f.sort, queue.SORTS["due"]).format(dir="DESC" if f.descending else "ASC")
        sql = f"SELECT c.id FROM contacts c{where} ORDER BY {order} LIMIT ? OFFSET ?"
        return [int(r[0]) for r in self.store.conn.execute(sql, [*params, limit, offset])]

    def all_ids(self) -> list[int]:
        """Every id of the result in order (run off the GUI thread; the model slices it)."""
        return self.ids(0, -1)

    def rows(self, ids: Any) -> list[dict[str, Any]]:
        return queue.rows(self.store, list(ids))


# -- manager oversight and the quality view ---------------------------------------------------


@dataclass(frozen=True)
class OversightItem:
    contact_id: int
    received_at: str
    decision_due: str
    channel: str
    subject: str
    worker: str
    submitted_at: str
    worker_routing: str
    worker_level: int | None
    suggested_routing: str | None
    classifier_routing: str | None
    triggers: tuple[str, ...]
    disagreements: tuple[str, ...]
    version: int = 0  # the contact's version, for optimistic concurrency when signing off


@dataclass(frozen=True)
class DecisionLogRow:
    contact_id: int
    received_at: str
    decided_at: str | None
    channel: str
    worker: str
    worker_routing: str
    manager: str | None
    outcome: str | None
    final_routing: str | None
    triggers: tuple[str, ...]
    in_time: bool | None


def _has(store: Store, table: str) -> bool:
    return bool(store.db[table].exists())


def _top_class(result_json: str | None) -> str | None:
    probs = (_loads(result_json, {}).get("classifier") or {}).get("probabilities") or {}
    return max(probs, key=lambda k: probs[k]) if probs else None


def oversight_queue(store: Store) -> list[OversightItem]:
    """Contacts awaiting a manager, oldest first, with disagreements and triggers marked."""
    if not _has(store, "screening_decisions"):
        return []
    rows = store.db.query(
        """SELECT c.id, c.received_at, c.decision_due, c.channel, c.version,
                  coalesce(nullif(c.subject, ''), substr(c.body_text, 1, 80)) AS subject,
                  d.author_name, d.submitted_at, d.routing, d.level,
                  s.routing AS suggested, s.triggers_json, s.result_json
           FROM contacts c
           JOIN screening_decisions d ON d.id = (
                SELECT max(id) FROM screening_decisions WHERE contact_id = c.id)
           LEFT JOIN suggestions s ON s.contact_id = c.id AND s.current = 1
           WHERE c.status = 'awaiting_oversight'
           ORDER BY c.received_at, c.id"""
    )
    out = []
    for r in rows:
        triggers = tuple(_loads(r["triggers_json"], []))
        clf = _top_class(r["result_json"])
        notes = []
        if r["suggested"] and r["suggested"] != r["routing"]:
            notes.append(f"worker {r['routing']} vs rules {r['suggested']}")
        if clf and clf in ROUTING_RANK and clf != r["routing"]:
            notes.append(f"worker {r['routing']} vs classifier {clf}")
        if triggers and r["routing"] != "strategy_discussion":
            notes.append("triggers fired but routed below strategy discussion")
        out.append(
            OversightItem(
                r["id"],
                r["received_at"],
                r["decision_due"],
                r["channel"],
                r["subject"] or "",
                r["author_name"],
                r["submitted_at"],
                r["routing"],
                r["level"],
                r["suggested"],
                clf,
                triggers,
                tuple(notes),
                r["version"],
            )
        )
    return out


def decision_log(
    store: Store,
    *,
    routing: str | None = None,
    outcome: str | None = None,
    worker: str | None = None,
    triggers_only: bool = False,
    limit: int = 5000,
) -> list[DecisionLogRow]:
    """Screened contacts, newest first, with the worker's and manager's decisions."""
    if not _has(store, "screening_decisions") or not _has(store, "oversight_records"):
        return []
    where, params = ["1"], []
    if routing:
        where.append("coalesce(o.routing, d.routing) = ?")
        params.append(routing)
    if outcome:
        where.append("o.outcome = ?" if outcome != "pending" else "o.id IS NULL")
        if outcome != "pending":
            params.append(outcome)
    if worker:
        where.append("d.author = ?")
        params.append(worker)
    if triggers_only:
        where.append("d.guard_conditions_json != '[]'")
    rows = store.db.query(
        f"""SELECT c.id, c.received_at, c.decision_due, c.channel, d.author_name, d.routing,
                   o.manager_name, o.outcome, o.routing AS final_routing, o.recorded_at,
                   d.guard_conditions_json
            FROM screening_decisions d
            JOIN contacts c ON c.id = d.contact_id
            LEFT JOIN oversight_records o ON o.id = (
                SELECT max(id) FROM oversight_records WHERE contact_id = c.id)
            WHERE d.id = (SELECT max(id) FROM screening_decisions WHERE contact_id = c.id)
              AND {" AND ".join(where)}
            ORDER BY d.submitted_at DESC LIMIT ?""",
        [*params, limit],
    )
    return [
        DecisionLogRow(
            r["id"],
            r["received_at"],
            r["recorded_at"],
            r["channel"],
            r["author_name"],
            r["routing"],
            r["manager_name"],
            r["outcome"],
            r["final_routing"],
            tuple(_loads(r["guard_conditions_json"], [])),
            None if r["recorded_at"] is None else r["recorded_at"] <= r["decision_due"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Dashboard:
    weeks: tuple[str, ...]  # ISO week starts (Monday), oldest first
    per_week_by_channel: dict[str, tuple[int, ...]]
    decided: int
    decided_in_time: int
    routing_mix: dict[str, int]
    oversight_total: int
    overrides: int
    contacts: int
    re_referrals: int
    triggered: int
    triggered_to_strategy: int

    @staticmethod
    def pct(part: int, whole: int) -> float | None:
        return None if whole == 0 else 100.0 * part / whole


def dashboard(store: Store, weeks: int = 12) -> Dashboard:
    """Performance indicators for the quality lead (contacts, timeliness, routing, overrides)."""
    conn = store.conn
    week_rows = conn.execute(
        """SELECT date(received_at, 'weekday 1', '-7 days') AS wk, channel, count(*)
           FROM contacts GROUP BY wk, channel ORDER BY wk"""
    ).fetchall()
    all_weeks = sorted({w for w, _c, _n in week_rows})[-weeks:]
    per: dict[str, list[int]] = {}
    for wk, channel, n in week_rows:
        if wk in all_weeks:
            per.setdefault(channel, [0] * len(all_weeks))[all_weeks.index(wk)] = n
    contacts, re_ref = conn.execute("SELECT count(*), coalesce(sum(re_referral), 0) FROM contacts").fetchone()
    decided = decided_in_time = oversight_total = overrides = 0
    triggered = triggered_sd = 0
    mix: dict[str, int] = {}
    if _has(store, "oversight_records") and _has(store, "screening_decisions"):
        latest_o = "o.id = (SELECT max(id) FROM oversight_records WHERE contact_id = o.contact_id)"
        decided, decided_in_time = conn.execute(
            f"""SELECT count(*), coalesce(sum(o.recorded_at <= c.decision_due), 0)
                FROM oversight_records o JOIN contacts c ON c.id = o.contact_id
                WHERE {latest_o}"""
        ).fetchone()
        for routing, n in conn.execute(
            f"SELECT o.routing, count(*) FROM oversight_records o WHERE {latest_o} GROUP BY 1"
        ):
            mix[routing] = n
        oversight_total, overrides = conn.execute(
            f"""SELECT count(*), coalesce(sum(o.outcome = 'change'), 0)
                FROM oversight_records o WHERE {latest_o}"""
        ).fetchone()
        triggered, triggered_sd = conn.execute(
            f"""SELECT count(*), coalesce(sum(o.routing = 'strategy_discussion'), 0)
                FROM oversight_records o WHERE {latest_o}
                  AND o.guard_conditions_json != '[]'"""
        ).fetchone()
    return Dashboard(
        weeks=tuple(all_weeks),
        per_week_by_channel={k: tuple(v) for k, v in per.items()},
        decided=decided,
        decided_in_time=decided_in_time,
        routing_mix=mix,
        oversight_total=oversight_total,
        overrides=overrides,
        contacts=contacts,
        re_referrals=re_ref,
        triggered=triggered,
        triggered_to_strategy=triggered_sd,
    )
