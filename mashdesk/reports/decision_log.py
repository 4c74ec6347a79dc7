"""The decision log report: one section per contact with its summary, the suggestion and its
evidence, the screening decision(s) and the manager oversight."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from mashdesk.reports.common import build, label_para, para, styles, text


@dataclass
class Evidence:
    label: str  # the indicator or trigger the words support
    quote: str  # the words in the contact


@dataclass
class SuggestionSummary:
    routing: str
    level: int | None
    triggers: list[str]
    immediate_protection: bool
    evidence: list[Evidence] = field(default_factory=list)
    set_aside: list[Evidence] = field(default_factory=list)  # negated or historic wording


@dataclass
class RecordSummary:
    kind: str  # "screening" or "oversight"
    heading: str
    fields: list[tuple[str, str]]


@dataclass
class ContactSection:
    contact_id: str
    received: str
    channel: str
    source: str
    referrer: str
    children: list[str]
    subject: str
    status: str
    suggestion: SuggestionSummary | None
    records: list[RecordSummary] = field(default_factory=list)


@dataclass
class DecisionLogReport:
    generated: str
    filters: str
    pseudonymised: bool
    contacts: list[ContactSection]


def _fields(rows: list[tuple[str, str]], st: StyleSheet1) -> list[Paragraph]:
    # Paragraphs, not a Table: a table of paragraphs costs about ten times as much to lay out.
    return [label_para(k, v, st["Field"]) for k, v in rows if v not in (None, "")]


def decision_log_pdf(report: DecisionLogReport) -> bytes:
    st = styles()
    story: list[object] = [
        para("Decision log", st["Title"]),
        label_para("Generated", report.generated, st["Body"]),
        label_para("Selection", report.filters or "all decisions", st["Body"]),
        label_para("Contacts", len(report.contacts), st["Body"]),
    ]
    if report.pseudonymised:
        story.append(
            para(
                "Pseudonymised: names, email addresses, phone numbers and identifiers are "
                "replaced by tokens that are consistent within this report only; dates of birth "
                "are withheld. This is still personal data.",
                st["Small"],
            )
        )
    story.append(Spacer(1, 4 * mm))
    for c in report.contacts:
        head = [
            Paragraph(f"Contact {text(c.contact_id)} &mdash; received {text(c.received)}", st["H1"]),
            *_fields(
                [
                    ("Channel", c.channel),
                    ("Source", c.source),
                    ("Referrer", c.referrer),
                    ("Children", "; ".join(c.children) or "none identified"),
                    ("Subject", c.subject),
                    ("Status", c.status),
                ],
                st,
            ),
        ]
        story.append(KeepTogether(head))
        story.append(para("Suggestion (advisory)", st["H2"]))
        s = c.suggestion
        if s is None:
            story.append(para("No suggestion was recorded for this contact.", st["Body"]))
        else:
            rows = [
                ("Routing", s.routing),
                ("Level", "" if s.level is None else str(s.level)),
                ("Triggers", ", ".join(s.triggers) or "none"),
                ("Immediate protection", "yes" if s.immediate_protection else "no"),
            ]
            rows += [(f"Evidence: {e.label}", f"\u201c{e.quote}\u201d") for e in s.evidence]
            rows += [(f"Set aside: {e.label}", f"\u201c{e.quote}\u201d") for e in s.set_aside]
            story.extend(_fields(rows, st))
        for rec in c.records:
            story.append(para(rec.heading, st["H2"]))
            story.extend(_fields(rec.fields, st))
        story.append(Spacer(1, 5 * mm))
    return build(story, title="MASHdesk decision log", footer="MASHdesk decision log")
