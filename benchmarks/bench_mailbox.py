"""Mailbox polling figures against a local Dovecot: time per poll, messages per second, and a
duplicate count after a cut connection. Synthetic mail only.

Run: python benchmarks/bench_mailbox.py [--messages 300] (needs dovecot: .ci/install-dovecot.sh)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keyring  # noqa: E402

from mashdesk.mailbox import Security, add_mailbox, passwords, poll_mailbox  # noqa: E402
from mashdesk.store import open_store  # noqa: E402
from tests.mailbox.conftest import synthetic_message  # noqa: E402
from tests.mailbox.dovecot_server import dovecot_binary, running_dovecot  # noqa: E402
from tests.mailbox.memory_keyring import MemoryKeyring  # noqa: E402
from tests.mailbox.tcp_proxy import CuttingProxy  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--idle-polls", type=int, default=20)
    args = parser.parse_args()
    binary = dovecot_binary()
    if binary is None:
        print("skipped: no dovecot binary (install it with .ci/install-dovecot.sh)")
        return 0
    keyring.set_keyring(MemoryKeyring())
    with running_dovecot(binary) as server:
        server.add_user("bench", "synthetic-bench")
        mail = [synthetic_message(body_kb=3) for _ in range(args.messages)]
        t = time.perf_counter()
        server.append("bench", mail)
        print(f"delivered {len(mail)} synthetic messages by APPEND in {time.perf_counter() - t:.2f}s")

        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "bench.db")
            m = add_mailbox(
                store,
                name="bench",
                host="127.0.0.1",
                port=server.port,
                username="bench",
                security=Security.NONE,
            )
            passwords.set_password("bench", "synthetic-bench")
            r = poll_mailbox(store, m)
            print(
                f"first poll: {r.fetched} fetched, {r.new} new, {r.duplicate} duplicate, "
                f"{r.quarantined} quarantined in {r.seconds:.2f}s "
                f"({r.fetched / r.seconds:.0f} messages/s, "
                f"{1000 * r.seconds / r.fetched:.1f} ms each)"
            )
            idle = [poll_mailbox(store, m).seconds for _ in range(args.idle_polls)]
            print(
                f"idle poll (no new mail): median {1000 * statistics.median(idle):.1f} ms, "
                f"max {1000 * max(idle):.1f} ms over {len(idle)} polls"
            )

            more = [synthetic_message(body_kb=3) for _ in range(args.messages // 3)]
            server.append("bench", more)
            proxy = CuttingProxy(server.port, cut_after=len(b"".join(more)) * 7 // 10)
            with store.write() as db:
                db.execute("UPDATE mailboxes SET port = ? WHERE id = ?", [proxy.port, m.id])
            cut = poll_mailbox(store, m)
            proxy.close()
            with store.write() as db:
                db.execute("UPDATE mailboxes SET port = ? WHERE id = ?", [server.port, m.id])
            resumed = poll_mailbox(store, m)
            ids = [r[0] for r in store.db.execute("SELECT message_id FROM contacts").fetchall()]
            dupes = len(ids) - len(set(ids))
            print(
                f"cut mid-fetch: {cut.status.value} after {cut.new} new; resumed: "
                f"{resumed.status.value}, {resumed.new} new; contacts {len(ids)} of "
                f"{len(mail) + len(more)} delivered, duplicates {dupes}"
            )
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
