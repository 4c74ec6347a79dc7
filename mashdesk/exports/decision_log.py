"""The decision log: every screening decision and oversight record, with filters, streamed.

One row per record (a screening decision or an oversight record, including records that were
later replaced), in contact order then time order, with the contact's details alongside.

Filters (all optional, combined with AND):
- date_from / date_to: the record was made on those London calendar days (inclusive);
- desk: the record was made at this desk (team);
- worker: the contact was screened by this user (their screening and its oversight are listed);
- routing: the contact's final routing (the newest oversight record) is this;
- trigger: this trigger code fired on the contact (on its suggestion or on any record's guard);
- changed_by_manager: a manager changed the screening decision on the contact.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from mashdesk.domain import REFERRAL_SOURCES, ROUTING_CODES, TRIGGER_CODES
from mashdesk.exports.period import age_years, london, london_date, utc_bound
from mashdesk.exports.pseudonym import Pseudonymiser
from mashdesk.store import Store


@dataclass(frozen=True)
class DecisionFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    desk: str | None = None
    worker: str | None = None
    routing: str | None = None
    trigger: str | None = None
    changed_by_manager: bool = False

    def __post_init__(self) -> None:
        if self.routing is not None and self.routing not in ROUTING_CODES:
            raise ValueError(f"Routing must be one of {', '.join(ROUTING_CODES)}.")
        if self.trigger is not None and self.trigger not in TRIGGER_CODES:
            raise ValueError(f"Unknown trigger {self.trigger!r}.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("The start date is after the end date.")

    def as_dict(self) -> dict[str, Any]:
        """For the audit trail: only the filters that were set."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value in (None, False):
                continue
            out[key] = value.isoformat() if isinstance(value, dt.date) else value
        return out


COLUMNS: tuple[str, ...] = (
    "Record type",
    "Record ID",
    "Replaces record",
    "Contact ID",
    "Received (London time)",
    "Channel",
    "Source code",
    "Source",
    "Referrer name",
    "Referrer role",
    "Referrer organisation",
    "Referrer email",
    "Referrer phone",
    "Children",
    "Children's dates of birth",
    "Children's ages at contact",
    "Suggested routing",
    "Suggested triggers",
    "Recorded (London time)",
    "Recorded by (username)",
    "Recorded by",
    "Desk",
    "Oversight outcome",
    "Level",
    "Routing",
    "RAG",
    "Immediate protection",
    "Guard conditions",
    "Strategy discussion considered",
    "Why no strategy discussion",
    "Manager's reason for not holding a strategy discussion",
    "Indicators relied on",
    "History considered",
    "Re-referral",
    "Consent",
    "Consent given by",
    "Consent override reason",
    "Decision (manager)",
    "Rationale",
    "Risk analysis",
    "Actions",
    "Child's voice",
    "Feedback to referrer",
    "Contact status",
    "Final routing",
    "Changed by a manager",
    "Record SHA-256",
)

_RECORDS = """
SELECT 'screening' AS kind, d.id AS rid, d.replaces_id AS replaces, d.contact_id AS cid,
       d.submitted_at AS at, d.author AS who, d.author_name AS who_name, d.desk AS desk,
       NULL AS outcome, d.level, d.routing, d.rag, d.immediate_protection AS ip,
       d.guard_conditions_json AS guard, d.strategy_discussion_considered AS sd_considered,
       d.strategy_discussion_why_not AS sd_why_not, NULL AS override_reason,
       d.indicators_json AS indicators, d.history_considered AS history, d.re_referral AS reref,
       d.consent_status AS consent, d.consent_given_by AS consent_by,
       d.consent_override_reason AS consent_override, NULL AS summary, d.rationale,
       NULL AS risk, d.next_actions_json AS actions, d.child_voice, d.feedback_to_referrer AS fb,
       d.content_sha256 AS sha
FROM screening_decisions d
UNION ALL
SELECT 'oversight', o.id, o.replaces_id, o.contact_id, o.recorded_at, o.manager, o.manager_name,
       o.desk, o.outcome, o.level, o.routing, o.rag, o.immediate_protection,
       o.guard_conditions_json, NULL, NULL, o.guard_override_reason, NULL, NULL, NULL, NULL,
       NULL, NULL, o.decision_summary,
       o.rationale, o.risk_analysis, o.actions_json, NULL, NULL, o.content_sha256
FROM oversight_records o
"""

_CONTACT_COLUMNS = """
c.received_at, c.channel, c.source_code, c.referrer_name, c.referrer_role, c.referrer_org,
c.referrer_email, c.referrer_phone, c.status,
(SELECT json_group_array(json_array(name, dob, edd, unborn))
   FROM (SELECT name, dob, edd, unborn FROM children WHERE contact_id = c.id ORDER BY id)),
(SELECT routing FROM suggestions s WHERE s.contact_id = c.id AND s.current = 1
   ORDER BY s.id DESC LIMIT 1),
(SELECT triggers_json FROM suggestions s WHERE s.contact_id = c.id AND s.current = 1
   ORDER BY s.id DESC LIMIT 1),
(SELECT routing FROM oversight_records f WHERE f.contact_id = c.id ORDER BY f.id DESC LIMIT 1),
EXISTS (SELECT 1 FROM oversight_records x WHERE x.contact_id = c.id AND x.outcome = 'change')
"""


def _where(filters: DecisionFilters) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if filters.date_from:
        where.append("r.at >= ?")
        params.append(utc_bound(filters.date_from))
    if filters.date_to:
        where.append("r.at < ?")
        params.append(utc_bound(filters.date_to + dt.timedelta(days=1)))
    if filters.desk:
        where.append("r.desk = ?")
        params.append(filters.desk)
    if filters.worker:
        where.append(
            "EXISTS (SELECT 1 FROM screening_decisions w WHERE w.contact_id = c.id AND w.author = ? COLLATE NOCASE)"
        )
        params.append(filters.worker)
    if filters.routing:
        where.append(
            "(SELECT routing FROM oversight_records f WHERE f.contact_id = c.id ORDER BY f.id DESC LIMIT 1) = ?"
        )
        params.append(filters.routing)
    if filters.trigger:
        needle = json.dumps(filters.trigger)
        where.append(
            "(EXISTS (SELECT 1 FROM suggestions s WHERE s.contact_id = c.id AND s.current = 1"
            "  AND instr(s.triggers_json, ?) > 0)"
            " OR EXISTS (SELECT 1 FROM screening_decisions g WHERE g.contact_id = c.id"
            "  AND instr(g.guard_conditions_json, ?) > 0)"
            " OR EXISTS (SELECT 1 FROM oversight_records g WHERE g.contact_id = c.id"
            "  AND instr(g.guard_conditions_json, ?) > 0))"
        )
        params += [needle, needle, needle]
    if filters.changed_by_manager:
        where.append("EXISTS (SELECT 1 FROM oversight_records x WHERE x.contact_id = c.id AND x.outcome = 'change')")
    return (" WHERE " + " AND ".join(where)) if where else "", params


def count_records(store: Store, filters: DecisionFilters) -> int:
    where, params = _where(filters)
    sql = f"SELECT count(*) FROM ({_RECORDS}) r JOIN contacts c ON c.id = r.cid{where}"
    return int(store.conn.execute(sql, params).fetchone()[0])


def count_contacts(store: Store, filters: DecisionFilters) -> int:
    where, params = _where(filters)
    sql = f"SELECT count(DISTINCT r.cid) FROM ({_RECORDS}) r JOIN contacts c ON c.id = r.cid{where}"
    return int(store.conn.execute(sql, params).fetchone()[0])


def _raw_rows(store: Store, filters: DecisionFilters) -> Iterator[tuple[Any, ...]]:
    where, params = _where(filters)
    sql = (
        f"SELECT r.*, {_CONTACT_COLUMNS} FROM ({_RECORDS}) r JOIN contacts c ON c.id = r.cid"
        f"{where} ORDER BY c.received_at, c.id, r.at, r.kind DESC, r.rid"
    )
    cur = store.conn.execute(sql, params)
    while True:
        batch = cur.fetchmany(1000)
        if not batch:
            return
        yield from batch


def _join(items: Any, sep: str = "; ") -> str:
    return sep.join(str(i) for i in items if i not in (None, ""))


def _actions(text: str | None) -> str:
    if not text:
        return ""
    return _join(
        f"{a.get('action', '')} (owner: {a.get('owner', '')}; due: {a.get('due', '')})" for a in json.loads(text)
    )


def _codes(text: str | None) -> str:
    return _join(json.loads(text)) if text else ""


def _dob(child: list[Any]) -> str:
    name, dob, edd, unborn = child
    if unborn:
        return f"unborn (due {edd})" if edd else "unborn"
    return dob or "not known"


def _age(child: list[Any], contact_day: dt.date) -> str:
    _name, dob, _edd, unborn = child
    if unborn:
        return "unborn"
    if not dob:
        return "not known"
    try:
        return str(age_years(dt.date.fromisoformat(dob), contact_day))
    except ValueError:
        return "not known"


def iter_records(
    store: Store, filters: DecisionFilters, pseudonymiser: Pseudonymiser | None = None
) -> Iterator[list[Any]]:
    """Rows in COLUMNS order. Timestamps come as naive London datetimes; the rest as str/int."""
    for _cid, _names, row in iter_keyed_records(store, filters, pseudonymiser):
        yield row


def iter_keyed_records(
    store: Store, filters: DecisionFilters, pseudonymiser: Pseudonymiser | None = None
) -> Iterator[tuple[int, list[str], list[Any]]]:
    """(contact id, names known on the contact, row): the report groups rows by contact."""
    p = pseudonymiser
    last_cid: int | None = None
    contact: dict[str, Any] = {}
    for row in _raw_rows(store, filters):
        (kind, rid, replaces, cid, at, who, who_name, desk, outcome, level, routing, rag, ip,
         guard, sd_considered, sd_why_not, override_reason, indicators, history, reref, consent,
         consent_by, consent_override, summary, rationale, risk, actions, child_voice, fb, sha,
         received, channel, source, ref_name, ref_role, ref_org, ref_email, ref_phone, status,
         children_json, sug_routing, sug_triggers, final_routing, changed) = row  # fmt: skip
        if cid != last_cid:
            # Rows arrive grouped by contact: the contact's own columns are worked out once.
            last_cid = cid
            children = json.loads(children_json or "[]")
            names = [c[0] for c in children if c[0]]
            contact_day = london_date(received)
            contact = {
                "names": names,
                "received": london(received),
                "dobs": _join(_dob(c) for c in children),
                "ages": _join(_age(c, contact_day) for c in children),
                "children": _join(names),
                "cid": cid,
                "ref": (ref_name or "", ref_email or "", ref_phone or ""),
                "sug_triggers": _codes(sug_triggers),
            }
            if p is not None:
                contact["cid"] = p.ident("C", cid)
                contact["ref"] = (p.person(ref_name), p.email(ref_email), p.phone(ref_phone))
                contact["children"] = _join(p.person(n) for n in names)
                contact["dobs"] = "withheld" if children else ""
        names = contact["names"]
        dobs, ages, children_out = contact["dobs"], contact["ages"], contact["children"]
        cid_out = contact["cid"]
        known = [*names, ref_name or "", who_name or ""]
        ref_name, ref_email, ref_phone = contact["ref"]
        text_fields = [sd_why_not, override_reason, history, consent_by, consent_override,
                       summary, rationale, risk, _actions(actions), child_voice, fb]  # fmt: skip
        indicator_text = _join(json.loads(indicators)) if indicators else ""
        if p is not None:
            rid_out: Any = p.ident("R", f"{kind}:{rid}")
            replaces_out: Any = p.ident("R", f"{kind}:{replaces}") if replaces else ""
            who, who_name = p.ident("U", (who or "").lower()), p.person(who_name)
            text_fields = [p.text(t, known) if t else t for t in text_fields]
            indicator_text = p.text(indicator_text, known)
            sha = ""
        else:
            rid_out, replaces_out = rid, replaces or ""
        (sd_why_not, override_reason, history, consent_by, consent_override, summary, rationale,
         risk, actions_text, child_voice, fb) = text_fields  # fmt: skip
        yield (
            cid,
            known,
            [
                kind,
                rid_out,
                replaces_out,
                cid_out,
                contact["received"],
                channel,
                source,
                REFERRAL_SOURCES.get(source or "", source or ""),
                ref_name or "",
                ref_role or "",
                ref_org or "",
                ref_email or "",
                ref_phone or "",
                children_out,
                dobs,
                ages,
                sug_routing or "",
                contact["sug_triggers"],
                london(at),
                who or "",
                who_name or "",
                desk or "",
                outcome or "",
                level,
                routing,
                rag,
                "yes" if ip else "no",
                _codes(guard),
                "" if sd_considered is None else ("yes" if sd_considered else "no"),
                sd_why_not or "",
                override_reason or "",
                indicator_text,
                history or "",
                "" if reref is None else ("yes" if reref else "no"),
                consent or "",
                consent_by or "",
                consent_override or "",
                summary or "",
                rationale or "",
                risk or "",
                actions_text,
                child_voice or "",
                fb or "",
                status,
                final_routing or "",
                "yes" if changed else "no",
                sha,
            ],
        )
