"""Backup, restore and retention: file-level care of the store, each step in the audit trail."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mashdesk.accounts import clock
from mashdesk.accounts.actor import Actor
from mashdesk.accounts.permissions import PermissionDenied
from mashdesk.accounts.settings import get_setting, set_setting
from mashdesk.accounts.users import authorize, sign_in
from mashdesk.audit.chain import head, record_event
from mashdesk.audit.queries import verify_store
from mashdesk.decisions.integrity import compress_ids
from mashdesk.store import Store, StoreError, open_store


class MaintenanceError(Exception):
    """Backup, restore or purge refused; the message says why."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    head_seq: int
    head_hash: str
    verified: bool


@dataclass(frozen=True)
class RestoreResult:
    target: Path
    safety_copy: Path | None
    head_seq: int
    head_hash: str


@dataclass
class PurgeResult:
    cutoff: str
    contacts: int
    rows: dict[str, int] = field(default_factory=dict)
    kept_open: int = 0
    dry_run: bool = False


def _copy_database(src: sqlite3.Connection, dest_path: Path) -> None:
    """One-step online backup: a consistent snapshot even while other desks keep writing."""
    dest = sqlite3.connect(str(dest_path))
    try:
        src.backup(dest)  # pages=-1: the whole file in one step, inside one read snapshot
        dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dest.close()


def backup(store: Store, actor: Actor, dest: Path | str, *, overwrite: bool = False) -> BackupResult:
    """Copy the store to `dest`, recording the backup (and the head it covers) in the trail."""
    actor = authorize(store, actor, "maintain_store")
    dest = Path(dest)
    if dest.exists() and not overwrite:
        raise MaintenanceError(f"{dest} already exists: choose a new name for the backup.")
    if dest.resolve() == store.path.resolve():
        raise MaintenanceError("A backup cannot overwrite the store it copies.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    with store.write():
        seq, digest = head(store)
        record_event(store, actor, "store.backup", "store", None, {"path": str(dest), "covers_seq": seq + 1})
    _copy_database(store.conn, tmp)
    copy = Store(tmp)
    try:
        report = verify_store(copy)
        copy_seq, copy_hash = head(copy)
    finally:
        copy.close()
    os.replace(tmp, dest)
    return BackupResult(dest, dest.stat().st_size, copy_seq, copy_hash, report.ok)


def restore(
    backup_path: Path | str,
    target: Path | str,
    username: str,
    password: str,
    *,
    allow_broken_chain: bool = False,
) -> RestoreResult:
    """Replace the store at `target` with a backup, keeping a copy of what it replaces.

    The user signs in against the backup (the store being replaced may be the damaged one) and
    must be an administrator there. The restore is recorded in the restored trail with the head
    of the store it replaced, so the jump in history is visible.
    """
    backup_path, target = Path(backup_path), Path(target)
    if not backup_path.is_file():
        raise MaintenanceError(f"There is no backup at {backup_path}.")
    work = target.with_name(target.name + ".restore-partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
    try:
        _copy_database(src, work)
    except sqlite3.DatabaseError as exc:
        raise MaintenanceError(f"{backup_path} is not a MASHdesk backup ({exc}).") from exc
    finally:
        src.close()
    try:
        staged = open_store(work)
    except StoreError as exc:
        raise MaintenanceError(str(exc)) from exc
    try:
        report = verify_store(staged)
        if not report.ok and not allow_broken_chain:
            problem = report.problems[0]
            raise MaintenanceError(f"The backup's audit trail does not verify ({problem.message}); not restoring.")
        actor = sign_in(staged, username, password)
        try:
            authorize(staged, actor, "maintain_store")
        except PermissionDenied as exc:
            raise MaintenanceError(str(exc)) from exc
        safety: Path | None = None
        replaced: dict[str, Any] = {}
        if target.exists() and target.stat().st_size > 0:
            stamp = clock.now().strftime("%Y%m%dT%H%M%S")
            safety = target.with_name(f"{target.name}.pre-restore-{stamp}.bak")
            current = Store(target)
            try:
                try:
                    seq, digest = head(current)
                    replaced = {"replaced_head_seq": seq, "replaced_head_hash": digest}
                except sqlite3.DatabaseError:
                    replaced = {"replaced_head_seq": None}
                _copy_database(current.conn, safety)
            finally:
                current.close()
        with staged.write():
            record_event(
                staged,
                actor,
                "store.restore",
                "store",
                None,
                {
                    "from": str(backup_path),
                    "backup_head_seq": report.head_seq,
                    "backup_head_hash": report.head_hash,
                    "safety_copy": str(safety) if safety else None,
                    **replaced,
                },
            )
        staged.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        dest = sqlite3.connect(str(target), timeout=30)
        try:
            staged.conn.backup(dest)
        finally:
            dest.close()
        final_seq, final_hash = head(staged)
    finally:
        staged.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(work) + suffix).unlink(missing_ok=True)
    return RestoreResult(target, safety, final_seq, final_hash)


def set_retention_years(store: Store, actor: Actor, years: int) -> None:
    actor = authorize(store, actor, "maintain_store")
    if years < 1:
        raise MaintenanceError("Retention must be at least one year.")
    with store.write():
        old = get_setting(store, "retention_years")
        set_setting(store, "retention_years", years)
        record_event(
            store,
            actor,
            "settings.change",
            "setting",
            "retention_years",
            {"from": old, "to": years},
        )


def _years_before(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _foreign_keys(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str, str]]]:
    """parent table -> [(child table, child column, parent column)] from the live schema."""
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    ]
    refs: dict[str, list[tuple[str, str, str]]] = {}
    for table in tables:
        for fk in conn.execute(f"PRAGMA foreign_key_list('{table}')").fetchall():
            parent, child_col, parent_col = fk[2], fk[3], fk[4]
            if parent_col is None:
                pk = [c[1] for c in conn.execute(f"PRAGMA table_info('{parent}')") if c[5]]
                parent_col = pk[0] if pk else "rowid"
            refs.setdefault(parent, []).append((table, child_col, parent_col))
    return refs


def _delete_tree(
    conn: sqlite3.Connection,
    refs: dict[str, list[tuple[str, str, str]]],
    table: str,
    where: str,
    params: list[Any],
    counts: dict[str, int],
    ids: dict[str, list[int]],
    path: tuple[str, ...] = (),
) -> None:
    """Delete rows of `table` matching `where`, children first, following every foreign key."""
    for child, child_col, parent_col in refs.get(table, []):
        if child == table or child in path:
            continue
        sub = f'"{child_col}" IN (SELECT "{parent_col}" FROM "{table}" WHERE {where})'
        _delete_tree(conn, refs, child, sub, params, counts, ids, (*path, table))
    if table in ("screening_decisions", "oversight_records"):
        ids.setdefault(table, []).extend(r[0] for r in conn.execute(f'SELECT id FROM "{table}" WHERE {where}', params))
    n = conn.execute(f'DELETE FROM "{table}" WHERE {where}', params).rowcount
    if n:
        counts[table] = counts.get(table, 0) + n


def purge_older_than(store: Store, actor: Actor, years: int | None = None, *, dry_run: bool = False) -> PurgeResult:
    """Remove decided contacts (and everything recorded about them) older than the retention.

    A contact goes when it was received and decided more than `years` ago (the retention
    setting when not given). Open contacts are never purged. The purge is one transaction with
    its own audit event naming every removed record, so `audit verify` can tell a purge from a
    deletion. Audit events are kept: they hold ids and codes, not the content of the record.
    """
    actor = authorize(store, actor, "maintain_store")
    years = get_setting(store, "retention_years") if years is None else int(years)
    if years < 1:
        raise MaintenanceError("Retention must be at least one year.")
    cutoff = clock.iso(_years_before(clock.now(), years))
    conn = store.conn
    select = (
        "SELECT c.id FROM contacts c WHERE c.status = 'decided' AND c.received_at < ?"
        " AND NOT EXISTS (SELECT 1 FROM oversight_records o WHERE o.contact_id = c.id"
        " AND o.recorded_at >= ?)"
    )
    with store.write():
        contact_ids = [r[0] for r in conn.execute(select, (cutoff, cutoff))]
        kept_open = conn.execute(
            "SELECT count(*) FROM contacts WHERE status != 'decided' AND received_at < ?",
            (cutoff,),
        ).fetchone()[0]
        result = PurgeResult(cutoff, len(contact_ids), kept_open=kept_open, dry_run=dry_run)
        if dry_run or not contact_ids:
            if not dry_run:
                record_event(
                    store,
                    actor,
                    "retention.purge",
                    "store",
                    None,
                    {"years": years, "cutoff": cutoff, "contacts": 0, "kept_open": kept_open},
                )
            return result
        conn.execute(
            "INSERT INTO retention_purge_active (id, started_at, started_by) VALUES (1, ?, ?)",
            (clock.now_iso(), actor.username),
        )
        refs = _foreign_keys(conn)
        ids_json = json.dumps(contact_ids)
        where = "id IN (SELECT value FROM json_each(?))"
        blobs = {r[0] for r in conn.execute(f"SELECT raw_sha256 FROM contacts WHERE {where}", (ids_json,))}
        removed: dict[str, list[int]] = {}
        _delete_tree(conn, refs, "contacts", where, [ids_json], result.rows, removed)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'contacts_fts'").fetchone():
            # Intake keys each full-text row by its contact id.
            n = conn.execute(
                "DELETE FROM contacts_fts WHERE rowid IN (SELECT value FROM json_each(?))",
                (ids_json,),
            ).rowcount
            result.rows["contacts_fts"] = n
        # Only the purged contacts' own raw messages go, and only when nothing else uses them.
        users = [f'SELECT "{col}" FROM "{child}"' for child, col, _p in refs.get("raw_blobs", [])]
        still_used = {r[0] for r in conn.execute(" UNION ".join(users))} if users else set()
        gone = sorted(blobs - still_used)
        if gone:
            result.rows["raw_blobs"] = conn.execute(
                "DELETE FROM raw_blobs WHERE sha256 IN (SELECT value FROM json_each(?))",
                (json.dumps(gone),),
            ).rowcount
        conn.execute("DELETE FROM retention_purge_active")
        record_event(
            store,
            actor,
            "retention.purge",
            "store",
            None,
            {
                "years": years,
                "cutoff": cutoff,
                "contacts": len(contact_ids),
                "kept_open": kept_open,
                "rows": result.rows,
                "contact_ids": compress_ids(contact_ids),
                "decision_ids": compress_ids(removed.get("screening_decisions", [])),
                "oversight_ids": compress_ids(removed.get("oversight_records", [])),
            },
        )
    return result
