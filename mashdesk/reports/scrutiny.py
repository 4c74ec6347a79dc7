"""The scrutiny committee report: headline figures and charts for a period, each chart with a
short plain-English reading under it. Pure: `scrutiny_pdf(ScrutinyFigures) -> bytes`.

Definitions (printed in the report too):
- Decided within one working day: the manager's first oversight record is no later than one
  working day after receipt (working days and hours from the store's working calendar).
  Contacts not decided and already past that point count as late; those not yet due are left
  out.
- Referral: a decided contact whose final routing is child_and_family_assessment or
  strategy_discussion. Re-referral: a referral of a child with another referral in the 12
  months before it (the Annex A List 3 count).
- Conversion: the share of decided contacts whose final routing is an assessment, or a
  strategy discussion.
- Override rate: the share of decided contacts whose final routing differs from the advisory
  suggestion; shown with the share a manager changed at oversight.
- Triggers fired: the suggestion found a mandatory trigger (or immediate protection).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from mashdesk.reports.common import FONT, build, para, styles
from mashdesk.reports.grades import GRADE_LABELS, GRADES


@dataclass
class MonthFigures:
    label: str
    contacts: int = 0
    in_time: int = 0
    late: int = 0
    overdue: int = 0  # not decided and past due
    pending: int = 0  # not decided, not yet due
    decided: int = 0
    routing: dict[str, int] = field(default_factory=dict)
    referrals: int = 0
    re_referrals: int = 0
    with_suggestion: int = 0
    suggestion_overridden: int = 0
    manager_changed: int = 0
    triggered: int = 0
    triggered_sd: int = 0


@dataclass
class ScrutinyFigures:
    start: dt.date
    end: dt.date
    generated: str
    contacts: int
    weeks: list[dt.date]
    week_channel: dict[str, list[int]]
    months: list[MonthFigures]
    grades: list[dict[str, int]]  # per month, grade -> count
    sources: dict[str, int] = field(default_factory=dict)
    routings: tuple[str, ...] = ()
    title: str = "Front door performance report"


PALETTE = (
    "#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a5a5a5", "#843c0c",
)  # fmt: skip
ROUTING_LABELS = {
    "information_advice": "Information and advice",
    "early_help": "Early help",
    "child_and_family_assessment": "Assessment",
    "strategy_discussion": "Strategy discussion",
}


def pct(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100.0 * part / whole


def fmt_pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}%"


def _sum(f: ScrutinyFigures, attr: str) -> int:
    return sum(int(getattr(m, attr)) for m in f.months)


# ---- charts ---------------------------------------------------------------------------------

_W, _H = 180 * mm, 62 * mm


def _legend(d: Drawing, names: list[str], y: float) -> None:
    legend = Legend()
    legend.x, legend.y = 8, y
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    # Columns as wide as the longest label, so long names never run into the next swatch.
    legend.deltax = max(70, 4.2 * max((len(n) for n in names), default=10) + 22)
    legend.dx = legend.dy = 6
    legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), n) for i, n in enumerate(names)]
    d.add(legend)


def _labels(categories: list[str], every: int) -> list[str]:
    return [c if i % every == 0 else "" for i, c in enumerate(categories)]


def bar_chart(
    categories: list[str],
    series: list[tuple[str, list[float]]],
    *,
    stacked: bool = True,
    percent: bool = False,
) -> Drawing:
    d = Drawing(_W, _H)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 32, 34, _W - 45, _H - 52
    chart.data = [list(v) for _n, v in series] or [[0] * len(categories)]
    chart.categoryAxis.categoryNames = _labels(categories, max(1, len(categories) // 13))
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 30 if len(categories) > 14 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(categories) > 14 else "n"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    if percent:
        chart.valueAxis.valueMax = 100
        chart.valueAxis.valueStep = 25
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.barSpacing = 0.5
    chart.groupSpacing = 2
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
        chart.bars[i].strokeWidth = 0
    d.add(chart)
    _legend(d, [n for n, _v in series], _H - 4)
    return d


def line_chart(categories: list[str], series: list[tuple[str, list[float | None]]]) -> Drawing:
    d = Drawing(_W, _H)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 32, 34, _W - 45, _H - 52
    chart.data = [list(v) for _n, v in series]
    chart.categoryAxis.categoryNames = _labels(categories, max(1, len(categories) // 13))
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 25
    chart.valueAxis.labelTextFormat = "%d%%"
    for i, values in enumerate(chart.data):
        colour = colors.HexColor(PALETTE[i % len(PALETTE)])
        chart.lines[i].symbol = makeMarker("FilledCircle", size=3, fillColor=colour)
        # ReportLab cannot stroke a line through fewer than two points; the marker still shows.
        known = sum(v is not None for v in values)
        chart.lines[i].strokeColor = colour if known >= 2 else None
        chart.lines[i].strokeWidth = 1.5
    chart.joinedLines = 1
    d.add(chart)
    _legend(d, [n for n, _v in series], _H - 4)
    return d


def _empty(message: str) -> Drawing:
    d = Drawing(_W, 14 * mm)
    d.add(String(8, 20, message, fontName=FONT, fontSize=9, fillColor=colors.grey))
    return d


# ---- readings (plain English, computed from the same figures) ------------------------------


def _extreme(labels: list[str], values: list[float | None], best: bool) -> str:
    pairs = [(v, lab) for v, lab in zip(values, labels, strict=True) if v is not None]
    if not pairs:
        return ""
    value, label = (max if best else min)(pairs)
    return f"{label} ({value:.0f}%)"


def reading_weeks(f: ScrutinyFigures) -> str:
    totals = [sum(v[i] for v in f.week_channel.values()) for i in range(len(f.weeks))]
    if not f.contacts:
        return "No contacts were received in the period."
    busiest = max(range(len(totals)), key=lambda i: totals[i])
    by_channel = sorted(((sum(v), k) for k, v in f.week_channel.items()), reverse=True)
    top_n, top = by_channel[0]
    return (
        f"{f.contacts} contacts arrived over {len(f.weeks)} weeks, about "
        f"{f.contacts / max(len(f.weeks), 1):.0f} a week. The busiest week began "
        f"{f.weeks[busiest]:%d/%m/%Y} with {totals[busiest]}. {top.capitalize()} brought the "
        f"most ({fmt_pct(pct(top_n, f.contacts))})."
    )


def _series(f: ScrutinyFigures, part: str, whole: str) -> list[float | None]:
    return [pct(int(getattr(m, part)), int(getattr(m, whole))) for m in f.months]


def timeliness(m: MonthFigures) -> float | None:
    return pct(m.in_time, m.in_time + m.late + m.overdue)


def reading_timeliness(f: ScrutinyFigures) -> str:
    counted = _sum(f, "in_time") + _sum(f, "late") + _sum(f, "overdue")
    if not counted:
        return "No contact in the period has reached its one-working-day point yet."
    values = [timeliness(m) for m in f.months]
    labels = [m.label for m in f.months]
    overall = pct(_sum(f, "in_time"), counted)
    text = (
        f"{fmt_pct(overall)} of contacts were decided within one working day "
        f"({_sum(f, 'in_time')} of {counted}). Best month {_extreme(labels, values, True)}; "
        f"weakest {_extreme(labels, values, False)}."
    )
    if _sum(f, "overdue"):
        text += f" {_sum(f, 'overdue')} contacts are past their point and still undecided."
    return text


def reading_routing(f: ScrutinyFigures) -> str:
    decided = _sum(f, "decided")
    if not decided:
        return "No contact received in the period has a final decision yet."
    totals = {r: sum(m.routing.get(r, 0) for m in f.months) for r in f.routings}
    parts = [f"{ROUTING_LABELS.get(r, r).lower()} {fmt_pct(pct(n, decided))}"
             for r, n in totals.items()]  # fmt: skip
    return f"Of {decided} decided contacts: " + ", ".join(parts) + "."


def reading_conversion(f: ScrutinyFigures) -> str:
    decided = _sum(f, "decided")
    if not decided:
        return "No decided contacts yet, so no conversion rate."
    a = sum(m.routing.get("child_and_family_assessment", 0) for m in f.months)
    s = sum(m.routing.get("strategy_discussion", 0) for m in f.months)
    return (
        f"{fmt_pct(pct(a, decided))} of decided contacts went to a child and family assessment "
        f"and {fmt_pct(pct(s, decided))} to a strategy discussion; together "
        f"{fmt_pct(pct(a + s, decided))} became referrals."
    )


def reading_rereferral(f: ScrutinyFigures) -> str:
    refs = _sum(f, "referrals")
    if not refs:
        return "No referrals in the period."
    rate = pct(_sum(f, "re_referrals"), refs)
    return (
        f"{_sum(f, 're_referrals')} of {refs} referrals ({fmt_pct(rate)}) were about a child "
        "referred in the previous 12 months. England's rate was 22% in 2023-24."
    )


def reading_override(f: ScrutinyFigures) -> str:
    decided, sugg = _sum(f, "decided"), _sum(f, "with_suggestion")
    if not decided:
        return "No decided contacts yet."
    return (
        f"The final routing differed from the advisory suggestion in "
        f"{fmt_pct(pct(_sum(f, 'suggestion_overridden'), sugg))} of decided contacts with a "
        f"suggestion; managers changed the worker's decision in "
        f"{fmt_pct(pct(_sum(f, 'manager_changed'), decided))}. Suggestions are advisory: a "
        "difference is a human judgement, recorded with its reasons."
    )


def reading_triggers(f: ScrutinyFigures) -> str:
    trig = _sum(f, "triggered")
    if not trig:
        return "No decided contact had a mandatory trigger in the period."
    sd = _sum(f, "triggered_sd")
    below = trig - sd
    text = (
        f"Mandatory triggers fired on {trig} decided contacts; {sd} ({fmt_pct(pct(sd, trig))}) went to a "
        "strategy discussion."
    )
    if below:
        text += (
            f" The other {below} were finalised below it with a manager's recorded reason, which case audits "
            "should sample."
        )
    else:
        text += " None was finalised below a strategy discussion."
    return text


def reading_grades(f: ScrutinyFigures) -> str:
    total: dict[str, int] = {}
    for month in f.grades:
        for g, n in month.items():
            total[g] = total.get(g, 0) + n
    n = sum(total.values())
    if not n:
        return "No case audits were graded in the period (or case-audit grading is not in use)."
    good = total.get("outstanding", 0) + total.get("good", 0)
    return (
        f"{n} case audits were graded; {fmt_pct(pct(good, n))} good or outstanding, "
        f"{fmt_pct(pct(total.get('inadequate', 0), n))} inadequate."
    )


# ---- the report -----------------------------------------------------------------------------


def _headline_table(f: ScrutinyFigures, st: object) -> Table:
    s = styles()
    counted = _sum(f, "in_time") + _sum(f, "late") + _sum(f, "overdue")
    decided = _sum(f, "decided")
    rows = [
        ("Contacts received", str(f.contacts)),
        ("Decided within one working day", fmt_pct(pct(_sum(f, "in_time"), counted))),
        ("Contacts with a final decision", str(decided)),
        ("Referrals (assessment or strategy discussion)", str(_sum(f, "referrals"))),
        ("Re-referral rate", fmt_pct(pct(_sum(f, "re_referrals"), _sum(f, "referrals")))),
        ("Final routing differs from suggestion",
         fmt_pct(pct(_sum(f, "suggestion_overridden"), _sum(f, "with_suggestion")))),
        ("Changed by a manager at oversight", fmt_pct(pct(_sum(f, "manager_changed"), decided))),
        ("Triggers fired: went to strategy discussion",
         fmt_pct(pct(_sum(f, "triggered_sd"), _sum(f, "triggered")))),
        ("Case audits graded", str(sum(sum(g.values()) for g in f.grades))),
    ]  # fmt: skip
    table = Table([[para(k, s["Body"]), para(v, s["Body"])] for k, v in rows],
                  colWidths=[110 * mm, 40 * mm])  # fmt: skip
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))  # fmt: skip
    return table


def _section(title: str, chart: Drawing, reading: str) -> KeepTogether:
    s = styles()
    return KeepTogether([para(title, s["H1"]), chart, para(reading, s["Reading"])])


def scrutiny_pdf(f: ScrutinyFigures) -> bytes:
    s = styles()
    months = [m.label for m in f.months]
    story: list[object] = [
        para(f.title, s["Title"]),
        para(
            f"Contacts received {f.start:%d/%m/%Y} to {f.end:%d/%m/%Y}. Generated {f.generated}.",
            s["Body"],
        ),  # fmt: skip
        Spacer(1, 3 * mm),
        para("Headline figures", s["H1"]),
        _headline_table(f, s),
    ]
    week_labels = [w.strftime("%d/%m") for w in f.weeks]
    story.append(_section(
        "Contacts by week and channel",
        bar_chart(week_labels, [(k.replace("_", " "), [float(x) for x in v])
                                for k, v in f.week_channel.items()])
        if f.contacts else _empty("No contacts in the period."),
        reading_weeks(f),
    ))  # fmt: skip
    story.append(_section(
        "Decided within one working day",
        line_chart(months, [("% decided within one working day",
                             [timeliness(m) for m in f.months])]),
        reading_timeliness(f),
    ))  # fmt: skip
    mix = [
        (ROUTING_LABELS.get(r, r), [pct(m.routing.get(r, 0), m.decided) or 0.0 for m in f.months]) for r in f.routings
    ]
    story.append(_section("Routing mix over time (% of decided contacts)",
                          bar_chart(months, mix, percent=True), reading_routing(f)))  # fmt: skip
    conv = [
        ("To assessment", [pct(m.routing.get("child_and_family_assessment", 0), m.decided)
                           for m in f.months]),
        ("To strategy discussion", [pct(m.routing.get("strategy_discussion", 0), m.decided)
                                    for m in f.months]),
    ]  # fmt: skip
    story.append(_section("Conversion to assessment and to strategy discussion",
                          line_chart(months, conv), reading_conversion(f)))  # fmt: skip
    story.append(_section(
        "Re-referral rate",
        line_chart(months, [("% of referrals that are re-referrals",
                             _series(f, "re_referrals", "referrals"))]),
        reading_rereferral(f),
    ))  # fmt: skip
    story.append(_section(
        "Override rate",
        line_chart(months, [
            ("Final routing differs from suggestion",
             _series(f, "suggestion_overridden", "with_suggestion")),
            ("Changed by a manager", _series(f, "manager_changed", "decided")),
        ]),
        reading_override(f),
    ))  # fmt: skip
    story.append(_section(
        "Strategy discussions where triggers fired",
        bar_chart(months, [
            ("Strategy discussion", [float(m.triggered_sd) for m in f.months]),
            ("Below, with manager's reason",
             [float(m.triggered - m.triggered_sd) for m in f.months]),
        ]),
        reading_triggers(f),
    ))  # fmt: skip
    graded = any(sum(g.values()) for g in f.grades)
    story.append(_section(
        "Case-audit grades over time",
        bar_chart(months, [(GRADE_LABELS[g], [float(m.get(g, 0)) for m in f.grades])
                           for g in GRADES]) if graded else _empty("No graded case audits."),
        reading_grades(f),
    ))  # fmt: skip
    story.append(para("How these figures are counted", s["H1"]))
    for line in (__doc__ or "").split("Definitions (printed in the report too):")[1].split("\n- "):
        if line.strip():
            story.append(para(" ".join(line.split()), s["Small"]))
    return build(story, title=f.title, footer=f"MASHdesk scrutiny report, {f.start:%d/%m/%Y} to "
                 f"{f.end:%d/%m/%Y}")  # fmt: skip
