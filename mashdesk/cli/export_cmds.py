"""Exports and reports on the command line: decision logs, Ofsted Annex A, scrutiny reports.

Every command signs in (like the oversight commands: --user, $MASHDESK_PASSWORD or a prompt);
only roles allowed to export can, and every export is written to the audit trail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from mashdesk.cli.oversight_cmds import auth_options, signed_in
from mashdesk.cli.progress import CliProgress
from mashdesk.domain import ROUTING_CODES, TRIGGER_CODES
from mashdesk.exports.decision_log import DecisionFilters
from mashdesk.exports.service import (
    FORMATS,
    ExportResult,
    export_annex_a,
    export_decisions,
    report_scrutiny,
)

_DATE = click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"])
_OUT = click.Path(dir_okay=False, writable=True, path_type=Path)


def register(group: click.Group) -> None:
    group.add_command(export_group)
    group.add_command(report_group)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _done(result: ExportResult) -> None:
    click.echo(f"Wrote {result.rows} rows to {result.path} (sha256 {result.sha256}).")


@click.group("export")
def export_group() -> None:
    """Take evidence out of MASHdesk: decision logs and Ofsted Annex A lists (audited)."""


@export_group.command("decisions")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="csv and xlsx: one row per record; pdf: a report section per contact.",
)
@click.option("--out", type=_OUT, required=True, help="File to write.")
@click.option(
    "--from",
    "date_from",
    type=_DATE,
    default=None,
    help="Records made on or after this day (YYYY-MM-DD or DD/MM/YYYY).",
)
@click.option("--to", "date_to", type=_DATE, default=None, help="Records made on or before this day.")
@click.option("--team", "team", default=None, help="Records made at this desk (team).")
@click.option("--worker", default=None, help="Contacts screened by this username.")
@click.option(
    "--routing",
    type=click.Choice(ROUTING_CODES),
    default=None,
    help="Contacts whose final routing is this.",
)
@click.option(
    "--trigger",
    type=click.Choice(TRIGGER_CODES),
    default=None,
    help="Contacts where this trigger fired.",
)
@click.option("--changed-by-manager", is_flag=True, help="Only contacts a manager changed.")
@click.option(
    "--pseudonymise",
    is_flag=True,
    help="Replace names, emails, phones and ids with tokens consistent within this file.",
)
@auth_options
@click.pass_obj
def export_decisions_cmd(
    obj: Any,
    fmt: str,
    out: Path,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    team: str | None,
    worker: str | None,
    routing: str | None,
    trigger: str | None,
    changed_by_manager: bool,
    pseudonymise: bool,
    username: str,
    desk: str | None,
) -> None:
    """Write the decision log: every screening decision and oversight record, with rationale."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        filters = DecisionFilters(
            date_from=_day(date_from),
            date_to=_day(date_to),
            desk=team,
            worker=worker,
            routing=routing,
            trigger=trigger,
            changed_by_manager=changed_by_manager,
        )
        progress = CliProgress(f"export {fmt}")
        try:
            result = export_decisions(
                store, actor, out, fmt=fmt, filters=filters, pseudonymise=pseudonymise,
                progress=progress,
            )  # fmt: skip
        finally:
            progress.close()
    _done(result)


@export_group.command("annex-a")
@click.option("--out", type=_OUT, required=True, help="XLSX file to write.")
@click.option(
    "--from",
    "date_from",
    type=_DATE,
    default=None,
    help="First day (default: six months before --to).",
)
@click.option("--to", "date_to", type=_DATE, default=None, help="Last day (default: today).")
@auth_options
@click.pass_obj
def export_annex_a_cmd(
    obj: Any,
    out: Path,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    username: str,
    desk: str | None,
) -> None:
    """Write Ofsted Annex A List 1 (contacts) and List 3 (referrals) as one workbook."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        progress = CliProgress("Annex A")
        try:
            result = export_annex_a(store, actor, out, start=_day(date_from), end=_day(date_to), progress=progress)
        finally:
            progress.close()
    d = result.details
    click.echo(
        f"Annex A {d['from']} to {d['to']}: List 1 {d['list1_rows']} rows "
        f"({d['contacts']} contacts), List 3 {d['list3_rows']} rows ({d['referrals']} "
        f"referrals) written to {result.path} (sha256 {result.sha256})."
    )


@click.group("report")
def report_group() -> None:
    """PDF reports (audited like exports)."""


@report_group.command("scrutiny")
@click.option("--from", "date_from", type=_DATE, required=True, help="First day of the period.")
@click.option("--to", "date_to", type=_DATE, required=True, help="Last day of the period.")
@click.option("--out", type=_OUT, required=True, help="PDF file to write.")
@auth_options
@click.pass_obj
def report_scrutiny_cmd(
    obj: Any,
    date_from: dt.datetime,
    date_to: dt.datetime,
    out: Path,
    username: str,
    desk: str | None,
) -> None:
    """The scrutiny committee report for a period: headline figures and charts."""
    store = obj.store()
    with signed_in(store, username, desk) as actor:
        progress = CliProgress("scrutiny report")
        try:
            result = report_scrutiny(store, actor, out, start=date_from.date(), end=date_to.date(), progress=progress)
        finally:
            progress.close()
    click.echo(f"Scrutiny report over {result.rows} contacts written to {result.path} "
               f"(sha256 {result.sha256}).")  # fmt: skip
