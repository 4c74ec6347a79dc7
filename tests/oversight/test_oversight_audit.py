"""The audit chain: appends, verification, and every kind of tampering we tried on the file."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from mashdesk.accounts import passwords
from mashdesk.accounts.users import add_user, create_first_administrator, sign_in, sign_out
from mashdesk.audit import GENESIS, head, record_event, verify_store
from mashdesk.audit.chain import event_hash
from mashdesk.decisions import claim, log_contact_view, record_oversight, submit_decision
from mashdesk.decisions.desks import insert_synthetic_contact, sample_decision, sample_oversight
from mashdesk.decisions.workflow import current_decision
from mashdesk.store import open_store

PW = "correct horse battery"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    passwords.configure_hashing(passwords.TEST_ONLY)
    path = tmp_path_factory.mktemp("audit") / "template.db"
    store = open_store(path)
    rng = random.Random(11)
    create_first_administrator(store, "admin", "Ada Admin (test)", PW)
    admin = sign_in(store, "admin", PW)
    add_user(store, admin, "worker", "Wren Worker (test)", "social_worker", PW)
    add_user(store, admin, "manager", "Mina Manager (test)", "manager", PW)
    worker, manager = sign_in(store, "worker", PW), sign_in(store, "manager", PW)
    for _ in range(8):
        cid = insert_synthetic_contact(store, rng)
        held = claim(store, worker, cid)
        done = submit_decision(store, worker, cid, sample_decision(rng, [], below_sd=True), held.version)
        decision = current_decision(store, cid)
        assert decision is not None
        record_oversight(store, manager, cid, sample_oversight(rng, decision, False), done.version)
    log_contact_view(store, manager, 1, "case audit")
    log_contact_view(store, worker, 2)
    sign_out(store, worker)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def _copy(template: Path, fast_dir: Path) -> Path:
    target = fast_dir / "case.db"
    shutil.copy(template, target)
    return target


def _raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    return conn


def _drop_triggers(conn: sqlite3.Connection, like: str = "%") -> list[str]:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE ?", (like,)
    ).fetchall()
    for name, _sql in rows:
        conn.execute(f"DROP TRIGGER {name}")
    return [sql for _n, sql in rows]


def _rows(conn: sqlite3.Connection) -> list[list[object]]:
    return [
        list(r)
        for r in conn.execute(
            "SELECT seq, at, actor, desk, action, entity, entity_id, details, prev_hash, hash"
            " FROM audit_events ORDER BY seq"
        )
    ]


def _rewrite_chain(conn: sqlite3.Connection, rows: list[list[object]]) -> None:
    """What a savvy attacker does: recompute every hash and the anchor after a change."""
    conn.execute("DELETE FROM audit_events")
    prev = GENESIS
    for i, r in enumerate(rows, start=1):
        r[0], r[8] = i, prev
        r[9] = event_hash(i, r[1], r[2], r[3], r[4], r[5], r[6], r[7], prev)  # type: ignore[arg-type]
        conn.execute("INSERT INTO audit_events VALUES (?,?,?,?,?,?,?,?,?,?)", r)
        prev = str(r[9])
    conn.execute("UPDATE audit_anchor SET seq = ?, head_hash = ?", (len(rows), prev))


def edit_event_details(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn)
    conn.execute('UPDATE audit_events SET details = \'{"routing":"information_advice"}\' WHERE seq = 20')


def edit_event_actor(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn)
    conn.execute("UPDATE audit_events SET actor = 'someone_else' WHERE seq = 12")


def edit_event_and_its_own_hash(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn)
    r = _rows(conn)[9]
    r[2] = "someone_else"
    digest = event_hash(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])  # type: ignore[arg-type]
    conn.execute("UPDATE audit_events SET actor = ?, hash = ? WHERE seq = ?", (r[2], digest, r[0]))


def delete_middle_event(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn)
    conn.execute("DELETE FROM audit_events WHERE seq = 15")


def reorder_two_events(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn)
    a, b = _rows(conn)[14], _rows(conn)[15]
    for target, source in ((a[0], b), (b[0], a)):
        conn.execute(
            "UPDATE audit_events SET at=?, actor=?, desk=?, action=?, entity=?, entity_id=?,"
            " details=?, prev_hash=?, hash=? WHERE seq = ?",
            (*source[1:], target),
        )


def insert_forged_event(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn)
    rows = _rows(conn)
    k = 10
    prev = str(rows[k - 2][9])
    forged = [k, rows[k - 1][1], "manager", None, "oversight.record", "contact", "1", "{}", prev]
    forged.append(event_hash(*forged))  # type: ignore[arg-type]
    conn.execute("DELETE FROM audit_events WHERE seq >= ?", (k,))
    for r in [forged, *rows[k - 1 :]]:
        if r is not forged:
            r[0] = int(r[0]) + 1  # type: ignore[call-overload]
        conn.execute("INSERT INTO audit_events VALUES (?,?,?,?,?,?,?,?,?,?)", r)


def truncate_newest(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn)
    conn.execute("DELETE FROM audit_events WHERE seq > (SELECT max(seq) - 3 FROM audit_events)")


def truncate_newest_and_anchor(conn: sqlite3.Connection) -> None:
    truncate_newest(conn)
    conn.execute("DELETE FROM audit_anchor")


def drop_triggers_only(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn)


def edit_decision_record(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn, "screening_decisions")
    conn.execute("UPDATE screening_decisions SET rationale = 'rewritten later' WHERE id = 2")


def edit_decision_and_its_hash(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn, "screening_decisions")
    from mashdesk.decisions.integrity import content_hash

    cur = conn.execute("SELECT * FROM screening_decisions WHERE id = 2")
    row = dict(zip([c[0] for c in cur.description], cur.fetchone(), strict=True))
    row["routing"], row["level"] = "information_advice", 1
    conn.execute(
        "UPDATE screening_decisions SET routing = ?, level = ?, content_sha256 = ? WHERE id = 2",
        (row["routing"], row["level"], content_hash(row)),
    )


def delete_oversight_record(conn: sqlite3.Connection) -> None:
    _drop_triggers(conn, "%_records")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM oversight_records WHERE id = 3")


def insert_fake_decision(conn: sqlite3.Connection) -> None:
    cur = conn.execute("SELECT * FROM screening_decisions WHERE id = 1")
    cols = [c[0] for c in cur.description]
    row = dict(zip(cols, cur.fetchone(), strict=True))
    row["id"] = 99
    row["replaces_id"] = 1
    conn.execute(
        f"INSERT INTO screening_decisions ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        [row[c] for c in cols],
    )


def savvy_rewrite_after_edit(conn: sqlite3.Connection) -> None:
    triggers = _drop_triggers(conn)
    rows = _rows(conn)
    rows[7][2] = "someone_else"
    _rewrite_chain(conn, rows)
    for sql in triggers:
        conn.execute(sql)


def savvy_truncate_and_rewind_anchor(conn: sqlite3.Connection) -> None:
    """Remove the newest three events (two record reads and a sign-out), anchor rewound."""
    triggers = _drop_triggers(conn)
    _rewrite_chain(conn, _rows(conn)[:-3])
    for sql in triggers:
        conn.execute(sql)


def savvy_truncate_decision_events(conn: sqlite3.Connection) -> None:
    """The same, reaching back past the last oversight: its record now has no event."""
    triggers = _drop_triggers(conn)
    _rewrite_chain(conn, _rows(conn)[:-4])
    for sql in triggers:
        conn.execute(sql)


# (tampering, what verify reports from the file alone, or None when only a witness shows it)
CASES: list[tuple[Callable[[sqlite3.Connection], None], str | None]] = [
    (edit_event_details, "content"),
    (edit_event_actor, "content"),
    (edit_event_and_its_own_hash, "link"),
    (delete_middle_event, "sequence"),
    (reorder_two_events, "link"),
    (insert_forged_event, "link"),
    (truncate_newest, "anchor"),
    (truncate_newest_and_anchor, "anchor"),
    (drop_triggers_only, "protection"),
    (edit_decision_record, "record"),
    (edit_decision_and_its_hash, "record"),
    (delete_oversight_record, "record"),
    (insert_fake_decision, "record"),
    (savvy_rewrite_after_edit, None),
    (savvy_truncate_and_rewind_anchor, None),
    (savvy_truncate_decision_events, "record"),
]


def _verify(path: Path, witness: list[tuple[int, str]] = ()):  # type: ignore[no-untyped-def, assignment]
    store = open_store(path, migrate=False)
    try:
        return verify_store(store, witness)
    finally:
        store.close()


def test_untouched_store_verifies(template: Path, fast_dir: Path) -> None:
    report = _verify(_copy(template, fast_dir))
    assert report.ok, report.problems
    assert report.events == 33 and report.records_checked == 16


@pytest.mark.parametrize(("tamper", "kind"), CASES, ids=[c[0].__name__ for c in CASES])
def test_tampering_is_detected(template: Path, fast_dir: Path, tamper, kind) -> None:  # type: ignore[no-untyped-def]
    path = _copy(template, fast_dir)
    witness = [head(s := open_store(path, migrate=False))]
    s.close()
    conn = _raw(path)
    tamper(conn)
    conn.close()
    plain = _verify(path)
    if kind is None:
        assert plain.ok, "a full rewrite is undetectable from the file alone (documented)"
    else:
        assert not plain.ok
        assert plain.first_break is not None and plain.first_break.kind == kind, plain.problems
    assert not _verify(path, witness).ok  # a head kept elsewhere always reveals it


def test_tampering_summary(template: Path, fast_dir: Path) -> None:
    lines = []
    for i, (tamper, kind) in enumerate(CASES):
        path = fast_dir / f"summary{i}.db"
        shutil.copy(template, path)
        s = open_store(path, migrate=False)
        witness = [head(s)]
        s.close()
        conn = _raw(path)
        tamper(conn)
        conn.close()
        plain, witnessed = _verify(path), _verify(path, witness)
        found = plain.first_break.kind if plain.first_break else "NOT DETECTED"
        lines.append(
            f"  {tamper.__name__:<36} file alone: {found:<13} with witness: "
            f"{'detected' if not witnessed.ok else 'NOT DETECTED'}"
        )
        assert (plain.first_break.kind if plain.first_break else None) == kind
        assert not witnessed.ok
    print(f"\ntampering kinds tried: {len(CASES)}\n" + "\n".join(lines))


def test_triggers_refuse_edits_in_normal_use(template: Path, fast_dir: Path) -> None:
    conn = _raw(_copy(template, fast_dir))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_events SET actor = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_events WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be deleted"):
        conn.execute("DELETE FROM audit_anchor")
    with pytest.raises(sqlite3.IntegrityError, match="only moves forward"):
        conn.execute("UPDATE audit_anchor SET seq = 1")


def test_event_rolls_back_with_the_callers_transaction(store) -> None:  # type: ignore[no-untyped-def]
    record_event(store, "system", "test.first", None, None, {})
    with pytest.raises(RuntimeError), store.write():
        record_event(store, "system", "test.lost", None, None, {})
        raise RuntimeError("the change it records failed")
    record_event(store, "system", "test.second", None, None, {"n": 2})
    actions = [r[0] for r in store.conn.execute("SELECT action FROM audit_events ORDER BY seq")]
    assert actions == ["test.first", "test.second"]
    assert verify_store(store).ok


def test_details_are_canonical_json(store) -> None:  # type: ignore[no-untyped-def]
    event = record_event(store, "system", "test.x", "contact", 7, {"b": 1, "a": "é"})
    stored = store.conn.execute("SELECT details, entity_id FROM audit_events").fetchone()
    assert stored == ('{"a":"é","b":1}', "7")
    assert json.loads(stored[0]) == event.details
