"""Export and report benchmarks on a bulk-built SYNTHETIC store (every row is made up).

Prints: decision log to CSV and XLSX (100,000 decision records: 50,000 screening decisions and
their 50,000 oversight records, one year), the whole two-year log to CSV (200,000 records), the
scrutiny report over a year of 50,000 contacts, and peak Python memory (tracemalloc) for small
and large exports, which stays flat when rows are streamed.

Run: python benchmarks/bench_exports.py [--contacts-per-year 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mashdesk.exports.annex_a import write_annex_a  # noqa: E402
from mashdesk.exports.decision_log import COLUMNS, DecisionFilters, count_records, iter_records  # noqa: E402
from mashdesk.exports.writers import write_csv, write_xlsx  # noqa: E402
from mashdesk.reports.queries import scrutiny_figures  # noqa: E402
from mashdesk.reports.scrutiny import scrutiny_pdf  # noqa: E402
from mashdesk.store import Store, open_store  # noqa: E402

END = dt.date(2026, 6, 30)
_FIRST = ("Ava", "Noah", "Maya", "Leo", "Isla", "Zain", "Ruby", "Theo", "Amira", "Finn", "Zoë")
_LAST = ("Testwood", "Sampleton", "Fakeley", "Mockford", "Dummer", "Placeholt", "Łukasiewicz")
ROUTINGS = ("information_advice", "early_help", "child_and_family_assessment",
            "strategy_discussion")  # fmt: skip
WEIGHTS = (35, 35, 20, 10)


def build_store(path: Path, per_year: int, years: int = 2, seed: int = 11) -> Store:
    """Synthetic contacts spread over `years` years, each screened and signed off."""
    rng = random.Random(seed)
    store = open_store(path)
    conn = store.conn
    n = per_year * years
    start = dt.datetime.combine(END, dt.time(0), dt.UTC) - dt.timedelta(days=365 * years)
    step = (365 * years * 86400) / n
    conn.execute("BEGIN IMMEDIATE")
    for uid, (name, role) in enumerate((("bench.worker", "social_worker"),
                                        ("bench.manager", "manager")), start=1):  # fmt: skip
        conn.execute(
            "INSERT INTO users (id, username, full_name, role, desk, password_hash, created_at,"
            " created_by, password_changed_at, synthetic) VALUES (?,?,?,?,?,?,?,?,?,1)",
            (
                uid,
                name,
                f"Synthetic {role}",
                role,
                "desk-1",
                "x",
                "2024-01-01",
                "bench",
                "2024-01-01",
            ),  # fmt: skip
        )
    blobs, contacts, children, suggestions, decisions, oversight, links = ([] for _ in range(7))
    child_of: list[tuple[str, str]] = []
    for i in range(1, n + 1):
        received = start + dt.timedelta(seconds=i * step + rng.uniform(0, step))
        at = received.isoformat()
        if i > 50 and rng.random() < 0.15:  # the same child again: a possible re-referral
            j = rng.randrange(max(1, i - 3000), i)
            name, dob = child_of[j - 1]
            links.append((i, j, "same_child", 0.9, "{}", at))
        else:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            dob = dt.date(2008 + rng.randrange(17), rng.randrange(1, 13), rng.randrange(1, 28))
            dob = dob.isoformat()
        child_of.append((name, dob))
        sha = hashlib.sha256(f"bench {i}".encode()).hexdigest()
        blobs.append((sha, 8, b"SYNTHETI", at))
        channel = rng.choices(("email", "phone", "portal"), (70, 25, 5))[0]
        contacts.append((i, sha, channel, at, "header", "Synthetic Referrer",
                         "referrer@sch.example", "07700 900123", "Example School",
                         rng.choice(("2A", "6", "3A", "1A", "5D")),
                         f"SYNTHETIC concern {i}", "SYNTHETIC body",
                         (received + dt.timedelta(days=1)).isoformat(), "decided", at))  # fmt: skip
        children.append((i, name, name.lower(), name.split()[-1].lower(), dob))
        suggested = rng.choices(ROUTINGS, WEIGHTS)[0]
        triggers = ["disclosure_physical_abuse"] if suggested == "strategy_discussion" else []
        suggestions.append((i, i, at, suggested, ROUTINGS.index(suggested) + 1,
                            json.dumps(triggers)))  # fmt: skip
        routing = suggested if rng.random() < 0.85 else rng.choices(ROUTINGS, WEIGHTS)[0]
        if triggers and routing != "strategy_discussion":
            routing = "strategy_discussion"
        level = ROUTINGS.index(routing) + 1
        t_dec = received + dt.timedelta(hours=rng.uniform(1, 20))
        t_over = t_dec + dt.timedelta(hours=rng.uniform(0.5, 30))
        decisions.append((i, i, t_dec.isoformat(), level, json.dumps(["synthetic indicator"]),
                          routing, f"Synthetic rationale for contact {i}: the information "
                          f"meets level {level}; =not a formula, R&D <b>.",
                          json.dumps(triggers)))  # fmt: skip
        changed = rng.random() < 0.1 and routing != "strategy_discussion"
        final = ROUTINGS[min(level, 3) if changed else level - 1]
        flevel = ROUTINGS.index(final) + 1
        oversight.append((i, i, i, t_over.isoformat(), "change" if changed else "agree", flevel,
                          final, json.dumps(triggers)))  # fmt: skip
    conn.executemany("INSERT INTO raw_blobs VALUES (?,?,?,?)", blobs)
    conn.executemany(
        "INSERT INTO contacts (id, raw_sha256, channel, received_at, received_at_basis,"
        " referrer_name, referrer_email, referrer_phone, referrer_org, source_code, subject,"
        " body_text, decision_due, status, ingested_at, synthetic)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
        contacts,
    )
    conn.executemany(
        "INSERT INTO children (contact_id, name, name_key, surname_key, dob, confidence,"
        " source_field) VALUES (?,?,?,?,?,0.9,'body')",
        children,
    )
    conn.executemany(
        "INSERT INTO suggestions (id, contact_id, created_at, current, pack_name, pack_version,"
        " pack_sha256, routing, level, triggers_json, result_json)"
        " VALUES (?,?,?,1,'synthetic','0','0',?,?,?,'{}')",
        suggestions,
    )
    conn.executemany(
        "INSERT INTO screening_decisions (id, contact_id, submitted_at, author_id, author,"
        " author_name, desk, contact_version, level, indicators_json, history_considered,"
        " consent_status, consent_given_by, rag, routing, strategy_discussion_considered,"
        " rationale, next_actions_json, guard_conditions_json, content_sha256)"
        " VALUES (?,?,?,1,'bench.worker','Synthetic worker','desk-1',2,?,?,'None (synthetic)',"
        " 'given','parent (synthetic)','amber',?,1,?,"
        ' \'[{"action":"Tell the referrer","owner":"front door","due":"2026-12-01"}]\','
        " ?, 'x')",
        decisions,
    )
    conn.executemany(
        "INSERT INTO oversight_records (id, contact_id, decision_id, recorded_at, manager_id,"
        " manager, manager_name, desk, contact_version, outcome, level, routing, rag,"
        " decision_summary, rationale, risk_analysis, actions_json, guard_conditions_json,"
        " content_sha256) VALUES (?,?,?,?,2,'bench.manager','Synthetic manager','desk-1',3,?,?,"
        " ?,'amber','Synthetic summary','Synthetic reflection','Synthetic risk',"
        ' \'[{"action":"Confirm","owner":"front door","due":"1 working day"}]\',?,\'x\')',
        oversight,
    )
    conn.executemany(
        "INSERT OR IGNORE INTO contact_links (contact_id, other_id, kind, score, evidence,"
        " created_at) VALUES (?,?,?,?,?,?)",
        links,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    return store


CPU: list[float] = []


def timed(label: str, fn, *args, **kw):  # type: ignore[no-untyped-def]
    """Wall seconds returned; CPU seconds kept in CPU[-1] (other jobs on a shared machine
    stretch wall time, not CPU time)."""
    t, c = time.perf_counter(), time.process_time()
    out = fn(*args, **kw)
    secs = time.perf_counter() - t
    CPU.append(time.process_time() - c)
    return out, secs


def export(store: Store, filters: DecisionFilters, path: Path, fmt: str) -> int:
    conn = store.conn
    conn.execute("BEGIN")
    try:
        total = count_records(store, filters)
        writer = write_csv if fmt == "csv" else write_xlsx
        return writer(path, COLUMNS, iter_records(store, filters), total=total)
    finally:
        conn.execute("COMMIT")


def peak_mib(fn, *args) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    out = fn(*args)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / (1 << 20), out


def _line(what: str, rows: int, secs: float, target: str) -> str:
    return (
        f"{what}: {rows} records in {secs:.2f} s wall, {CPU[-1]:.2f} s CPU "
        f"({rows / secs:,.0f} rows/s wall; target {target})"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contacts-per-year", type=int, default=50_000)
    args = ap.parse_args()
    per_year = args.contacts_per_year
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as d:
        tmp = Path(d)
        store, secs = timed("build", build_store, tmp / "bench.db", per_year)
        print(
            f"built synthetic store: {2 * per_year} contacts, {2 * per_year} screening "
            f"decisions, {2 * per_year} oversight records in {secs:.1f} s"
        )
        year = DecisionFilters(date_from=END - dt.timedelta(days=364), date_to=END)
        rows, secs = timed("csv", export, store, year, tmp / "year.csv", "csv")
        print(_line("decision log CSV, one year", rows, secs, "100,000 decisions < 10 s"))
        rows, secs = timed("xlsx", export, store, year, tmp / "year.xlsx", "xlsx")
        print(_line("decision log XLSX, one year", rows, secs, "< 60 s"))
        rows, secs = timed("csv", export, store, DecisionFilters(), tmp / "all.csv", "csv")
        print(_line("decision log CSV, two years", rows, secs, "none"))
        start = END - dt.timedelta(days=364)
        now = dt.datetime.combine(END, dt.time(18), dt.UTC)
        figures, secs_q = timed("fig", scrutiny_figures, store, start, END, now=now)
        pdf, secs_p = timed("pdf", scrutiny_pdf, figures)
        print(
            f"scrutiny report over {figures.contacts} contacts: figures {secs_q:.2f} s + PDF "
            f"{secs_p:.2f} s = {secs_q + secs_p:.2f} s wall, {CPU[-2] + CPU[-1]:.2f} s CPU "
            f"({len(pdf) / 1024:.0f} KiB; target < 10 s)"
        )
        result, secs = timed("annex", write_annex_a, store, tmp / "annex.xlsx", None, END)
        print(
            f"Annex A, last six months: List 1 {result.list1_rows} rows, List 3 "
            f"{result.list3_rows} rows in {secs:.2f} s wall, {CPU[-1]:.2f} s CPU"
        )
        # Flat memory: the peak for a small export and a large one should be about the same.
        small = DecisionFilters(date_from=END - dt.timedelta(days=30), date_to=END)
        for fmt in ("csv", "xlsx"):
            m_small, r_small = peak_mib(export, store, small, tmp / f"s.{fmt}", fmt)
            m_big, r_big = peak_mib(export, store, year, tmp / f"b.{fmt}", fmt)
            print(
                f"peak Python memory (tracemalloc), {fmt.upper()}: {r_small} rows "
                f"{m_small:.1f} MiB, {r_big} rows {m_big:.1f} MiB"
            )
        store.close()
    try:
        import resource  # Unix only
    except ImportError:
        return
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the whole run: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
