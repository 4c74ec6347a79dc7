"""The data behind the reports, read from the store (the PDF builders never touch it)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from mashdesk import settings
from mashdesk.accounts import clock
from mashdesk.domain import CHANNELS, REFERRAL_SOURCES, ROUTING_CODES
from mashdesk.exports.annex_a import previous_referral_counts
from mashdesk.exports.children import REFERRAL_ROUTINGS, child_index, referrals
from mashdesk.exports.decision_log import COLUMNS, DecisionFilters, iter_keyed_records
from mashdesk.exports.period import london_date, parse_utc, utc_bound
from mashdesk.exports.pseudonym import Pseudonymiser
from mashdesk.progress import Cancelled, NullProgress, Progress
from mashdesk.reports.decision_log import (
    ContactSection,
    DecisionLogReport,
    Evidence,
    RecordSummary,
    SuggestionSummary,
)
from mashdesk.reports.grades import audit_grades
from mashdesk.reports.scrutiny import MonthFigures, ScrutinyFigures
from mashdesk.store import Store
from mashdesk.timescales import LONDON

_COL = {name: i for i, name in enumerate(COLUMNS)}
_SCREENING_FIELDS = (
    "Level", "Routing", "RAG", "Immediate protection", "Guard conditions",
    "Strategy discussion considered", "Why no strategy discussion", "Indicators relied on",
    "History considered", "Re-referral", "Consent", "Consent given by", "Consent override reason",
    "Rationale", "Actions", "Child's voice", "Feedback to referrer",
)  # fmt: skip
_OVERSIGHT_FIELDS = (
    "Oversight outcome", "Decision (manager)", "Level", "Routing", "RAG", "Immediate protection",
    "Guard conditions", "Manager's reason for not holding a strategy discussion", "Rationale",
    "Risk analysis", "Actions",
)  # fmt: skip


def _fmt(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return "" if value is None else str(value)


def _record(row: list[Any]) -> RecordSummary:
    kind = row[_COL["Record type"]]
    who = row[_COL["Recorded by"]]
    desk = row[_COL["Desk"]]
    at = _fmt(row[_COL["Recorded (London time)"]])
    replaces = row[_COL["Replaces record"]]
    title = "Screening decision" if kind == "screening" else "Manager oversight"
    heading = f"{title} {row[_COL['Record ID']]} by {who}" + (f" ({desk})" if desk else "")
    heading += f", {at}" + (f", replacing {replaces}" if replaces else "")
    names = _SCREENING_FIELDS if kind == "screening" else _OVERSIGHT_FIELDS
    return RecordSummary(kind, heading, [(n, _fmt(row[_COL[n]])) for n in names])


def _suggestion(store: Store, contact_id: int, p: Pseudonymiser | None, known: list[str]) -> SuggestionSummary | None:
    row = store.conn.execute(
        "SELECT routing, level, triggers_json, immediate_protection, result_json FROM suggestions"
        " WHERE contact_id = ? AND current = 1 ORDER BY id DESC LIMIT 1",
        (contact_id,),
    ).fetchone()
    if row is None:
        return None
    try:
        result = json.loads(row[4] or "{}")
    except ValueError:
        result = {}
    rules = result.get("rules") if isinstance(result.get("rules"), dict) else result
    rules = rules if isinstance(rules, dict) else {}

    def quote(value: Any) -> str:
        q = str(value or "")
        return p.text(q, known) if p is not None else q

    evidence = []
    for ind in rules.get("indicators") or []:
        if not isinstance(ind, dict) or not ind.get("text"):
            continue
        label = str(ind.get("description") or ind.get("clause") or ind.get("id") or "indicator").rstrip(".")
        if ind.get("trigger"):
            label += f" (trigger {ind['trigger']})"
        evidence.append(Evidence(label, quote(ind["text"])))
    set_aside = []
    for item in rules.get("considered") or []:
        if isinstance(item, dict) and item.get("text"):
            label = str(item.get("clause") or item.get("id") or "indicator")
            set_aside.append(Evidence(f"{label} ({item.get('status', 'set aside')})",
                                      quote(item["text"])))  # fmt: skip
    return SuggestionSummary(
        routing=row[0],
        level=row[1],
        triggers=list(json.loads(row[2] or "[]")),
        immediate_protection=bool(row[3]),
        evidence=evidence,
        set_aside=set_aside,
    )


def describe_filters(filters: DecisionFilters) -> str:
    parts = []
    if filters.date_from or filters.date_to:
        a = filters.date_from.strftime("%d/%m/%Y") if filters.date_from else "the start"
        b = filters.date_to.strftime("%d/%m/%Y") if filters.date_to else "today"
        parts.append(f"records made {a} to {b}")
    if filters.desk:
        parts.append(f"desk {filters.desk}")
    if filters.worker:
        parts.append(f"screened by {filters.worker}")
    if filters.routing:
        parts.append(f"final routing {filters.routing}")
    if filters.trigger:
        parts.append(f"trigger {filters.trigger} fired")
    if filters.changed_by_manager:
        parts.append("changed by a manager")
    return "; ".join(parts)


def decision_log_report_data(
    store: Store,
    filters: DecisionFilters,
    *,
    pseudonymise: bool = False,
    progress: Progress | None = None,
) -> DecisionLogReport:
    progress = progress or NullProgress()
    p = Pseudonymiser() if pseudonymise else None
    sections: list[ContactSection] = []
    current: int | None = None
    conn = store.conn
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        for cid, known, row in iter_keyed_records(store, filters, p):
            if cid != current:
                current = cid
                if progress.cancelled():
                    raise Cancelled("decision log report cancelled")
                progress.report(len(sections), None, "reading decisions")
                subject = conn.execute("SELECT subject FROM contacts WHERE id = ?", (cid,)).fetchone()[0]
                referrer = ", ".join(
                    x
                    for x in (
                        row[_COL["Referrer name"]],
                        row[_COL["Referrer role"]],
                        row[_COL["Referrer organisation"]],
                    )
                    if x
                )
                children = [
                    f"{n} (age {a})" if a not in ("", "not known") else str(n)
                    for n, a in zip(
                        str(row[_COL["Children"]]).split("; "),
                        str(row[_COL["Children's ages at contact"]]).split("; "),
                        strict=False,
                    )
                    if n
                ]
                sections.append(
                    ContactSection(
                        contact_id=str(row[_COL["Contact ID"]]),
                        received=_fmt(row[_COL["Received (London time)"]]),
                        channel=row[_COL["Channel"]],
                        source=f"{row[_COL['Source code']]} {row[_COL['Source']]}".strip(),
                        referrer=referrer,
                        children=children,
                        subject=(p.text(subject, known) if p else subject) or "",
                        status=row[_COL["Contact status"]],
                        suggestion=_suggestion(store, cid, p, known),
                    )
                )
            sections[-1].records.append(_record(row))
    finally:
        if own:
            conn.execute("COMMIT")
    return DecisionLogReport(
        generated=clock.now().astimezone(LONDON).strftime("%d/%m/%Y %H:%M"),
        filters=describe_filters(filters),
        pseudonymised=pseudonymise,
        contacts=sections,
    )


# ---- scrutiny ----------------------------------------------------------------------------


def _month_key(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def scrutiny_figures(
    store: Store,
    start: dt.date,
    end: dt.date,
    *,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> ScrutinyFigures:
    """Every figure of the scrutiny report for contacts received start..end (London days)."""
    if start > end:
        raise ValueError("The start date is after the end date.")
    progress = progress or NullProgress()
    now = now or clock.now()
    calendar = settings.working_calendar(store)
    lo, hi = utc_bound(start), utc_bound(end + dt.timedelta(days=1))
    months = _months(start, end)
    by_month = {k: MonthFigures(dt.date(k[0], k[1], 1).strftime("%b %Y")) for k in months}
    first_monday = start - dt.timedelta(days=start.weekday())
    weeks = [first_monday + dt.timedelta(weeks=i)
             for i in range((end - first_monday).days // 7 + 1)]  # fmt: skip
    week_index = {w: i for i, w in enumerate(weeks)}
    week_channel: dict[str, list[int]] = {c: [0] * len(weeks) for c in CHANNELS}
    sources: Counter[str] = Counter()
    conn = store.conn
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        progress.report(0, 4, "matching children for re-referrals")
        ids = child_index(store)
        all_refs = referrals(store)
        counts = previous_referral_counts(ids, all_refs)
        re_referred = {
            ref.contact_id
            for ref in all_refs
            if any(counts.get((ref.contact_id, ids.unique_id[ch.id]), 0) > 0 for ch in ids.rows.get(ref.contact_id, []))
        }
        if progress.cancelled():
            raise Cancelled("scrutiny report cancelled")
        progress.report(1, 4, "reading contacts")
        cur = conn.execute(
            """SELECT c.id, c.received_at, c.channel, c.source_code,
                (SELECT min(recorded_at) FROM oversight_records o WHERE o.contact_id = c.id),
                (SELECT routing FROM oversight_records o WHERE o.contact_id = c.id
                   ORDER BY o.id DESC LIMIT 1),
                EXISTS (SELECT 1 FROM oversight_records o WHERE o.contact_id = c.id
                          AND o.outcome = 'change'),
                s.routing, s.triggers_json, s.immediate_protection
            FROM contacts c
            LEFT JOIN suggestions s ON s.id = (SELECT max(id) FROM suggestions x
                                               WHERE x.contact_id = c.id AND x.current = 1)
            WHERE c.received_at >= ? AND c.received_at < ?""",
            (lo, hi),
        )
        total = 0
        while batch := cur.fetchmany(2000):
            if progress.cancelled():
                raise Cancelled("scrutiny report cancelled")
            for (cid, received, channel, source, decided_at, final, changed, suggested,
                 triggers_json, ip) in batch:  # fmt: skip
                total += 1
                received_at = parse_utc(received)
                day = received_at.astimezone(LONDON).date()
                m = by_month[_month_key(day)]
                m.contacts += 1
                monday = day - dt.timedelta(days=day.weekday())
                week_channel.setdefault(channel, [0] * len(weeks))[week_index[monday]] += 1
                sources[source or "10"] += 1
                due = calendar.decision_due(received_at)
                if decided_at is not None:
                    if parse_utc(decided_at) <= due:
                        m.in_time += 1
                    else:
                        m.late += 1
                elif now > due:
                    m.overdue += 1
                else:
                    m.pending += 1
                if final is None:
                    continue
                m.decided += 1
                m.routing[final] = m.routing.get(final, 0) + 1
                if final in REFERRAL_ROUTINGS:
                    m.referrals += 1
                    m.re_referrals += cid in re_referred
                if suggested is not None:
                    m.with_suggestion += 1
                    m.suggestion_overridden += final != suggested
                m.manager_changed += bool(changed)
                if json.loads(triggers_json or "[]") or ip:
                    m.triggered += 1
                    if final == "strategy_discussion":
                        m.triggered_sd += 1
            progress.report(1, 4, f"read {total} contacts")
        progress.report(3, 4, "reading case-audit grades")
        grades: dict[tuple[int, int], Counter[str]] = {k: Counter() for k in months}
        for graded_at, grade in audit_grades(store, start, end):
            key = _month_key(london_date(graded_at))
            if key in grades:
                grades[key][grade] += 1
    finally:
        if own:
            conn.execute("COMMIT")
    progress.report(4, 4, "figures ready")
    return ScrutinyFigures(
        start=start,
        end=end,
        generated=now.astimezone(LONDON).strftime("%d/%m/%Y %H:%M"),
        contacts=total,
        weeks=weeks,
        week_channel={k: v for k, v in week_channel.items() if any(v)},
        months=[by_month[k] for k in months],
        grades=[dict(grades[k]) for k in months],
        sources={f"{k} {REFERRAL_SOURCES.get(k, k)}": v for k, v in sources.most_common()},
        routings=ROUTING_CODES,
    )
