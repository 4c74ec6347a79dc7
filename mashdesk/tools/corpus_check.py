"""Run the whole third-party corpus through the intake and print the counts.

Usage: python -m mashdesk.tools.corpus_check ../shared/corpora
Fails (exit 1) if any file escaped with an exception or produced neither a contact nor a
quarantined item. Nothing from the corpus is written outside a temporary store.
"""

from __future__ import annotations

import collections
import sys
import tempfile
import time
from pathlib import Path

from mashdesk.intake import ingest
from mashdesk.intake.sources import iter_files
from mashdesk.rules import RuleFacts, default_pack, evaluate, re2filter
from mashdesk.rules.engine import TextScan
from mashdesk.rules.facts import contact_text
from mashdesk.store import open_store

SUBDIRS = ("email", "msg", "cdr")


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else "../shared/corpora")
    if not root.is_dir():
        print(f"corpus: {root} not found; nothing to check")
        return 0
    paths = [root / d for d in SUBDIRS if (root / d).is_dir()]
    files = list(iter_files(paths))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "corpus.db")
        try:
            report = ingest(paths, store)
            db = store.db
            contacts_by_file = {r[0] for r in db.execute("SELECT DISTINCT source_path FROM contacts")}
            quarantined_by_file = {r[0] for r in db.execute("SELECT DISTINCT source_path FROM quarantine")}
            dup_files = {r[0].split("#")[0] for r in db.execute("SELECT DISTINCT source_path FROM duplicates")}
            reasons = collections.Counter(
                r[0]
                for r in db.execute(
                    "SELECT CASE WHEN reason LIKE 'row %' "
                    "THEN 'call-log row: ' || substr(reason, instr(reason, ':') + 2) "
                    "ELSE reason END FROM quarantine"
                )
            )
            exceptions = db.execute(
                "SELECT count(*) FROM quarantine WHERE reason LIKE 'could not be read (%'"
            ).fetchone()[0]
            texts = [contact_text(s or "", b or "") for s, b in db.execute("SELECT subject, body_text FROM contacts")]
        finally:
            store.close()
    elapsed = time.perf_counter() - started
    accounted = contacts_by_file | quarantined_by_file | dup_files
    missing = [str(f) for f in files if str(f) not in accounted]
    print(f"corpus: {len(files)} files in {', '.join(SUBDIRS)} ({elapsed:.1f} s)")
    print(
        f"corpus: contacts {report.new}, duplicates {report.duplicate}, linked {report.linked}, "
        f"quarantined {report.quarantined}, files with no outcome {len(missing)}"
    )
    print(f"corpus: quarantined because a parser raised: {exceptions}")
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")
    for m in missing[:20]:
        print(f"  NO OUTCOME: {m}")
    differ = filter_differences(texts)
    print(
        f"corpus: rules with and without the RE2 filter ({'on' if re2filter.enabled() else 'NOT INSTALLED'}) "
        f"over {len(texts)} contact texts: {len(differ)} differ"
    )
    for text in differ[:5]:
        print(f"  FILTER CHANGED THE RESULT: {text[:120]!r}")
    return 1 if missing or differ else 0


def filter_differences(texts: list[str]) -> list[str]:
    """Texts on which the default pack's result depends on the RE2 filter (there must be none:
    it only skips indicators that cannot match)."""
    pack = default_pack()
    differ = []
    for text in texts:
        facts = RuleFacts(text)
        plain = evaluate(pack, facts, TextScan(pack, text, use_filter=False)).to_dict()
        if evaluate(pack, facts, TextScan(pack, text)).to_dict() != plain:
            differ.append(text)
    return differ


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
