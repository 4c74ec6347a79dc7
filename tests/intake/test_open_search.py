"""The open-queue search index follows contacts as they are decided, reopened and purged."""

from __future__ import annotations

from mashdesk.intake import ingest_bytes
from mashdesk.store import Store
from mashdesk.store import queue as q


def _mail(n: int, word: str) -> bytes:
    return f"From: a@b.example\nSubject: s{n}\nMessage-ID: <o{n}@synthetic.example>\n\n{word} concern\n".encode()


def test_open_search_tracks_status(store: Store) -> None:
    ids = [ingest_bytes(store, _mail(i, "zebra"), f"{i}.eml").contact_ids[0] for i in range(3)]
    assert q.count(store, q.QueueFilter(search="zebra")) == 3
    with store.write() as db:
        db.execute("UPDATE contacts SET status = 'decided' WHERE id = ?", [ids[0]])
    assert q.ids(store, q.QueueFilter(search="zebra")) == sorted(ids[1:], key=ids.index)
    assert q.count(store, q.QueueFilter(search="zebra", open_only=False)) == 3
    with store.write() as db:
        db.execute("UPDATE contacts SET status = 'new' WHERE id = ?", [ids[0]])
    assert q.count(store, q.QueueFilter(search="zebra")) == 3
    store.db.execute("PRAGMA foreign_keys = OFF")  # the purge removes dependents first; not needed here
    with store.write() as db:
        db.execute("DELETE FROM contacts WHERE id = ?", [ids[2]])
    assert q.count(store, q.QueueFilter(search="zebra")) == 2
    n = store.db.execute("SELECT count(*) FROM contacts_open_fts WHERE contacts_open_fts MATCH 'zebra'").fetchone()[0]
    assert n == 2
