"""Training the routing model from confirmed local decisions plus the synthetic bootstrap."""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.pipeline import Pipeline

from classifiers.calibration import SplitCalibratedClassifier
from classifiers.card import build_card
from classifiers.combine import (
    LOCAL_MARGIN_MIN_SD,
    MARGIN_RULE,
    SD_PRECISION_FLOOR,
    choose_margin,
    sd_operating_points,
)
from classifiers.evaluation import classification_metrics
from classifiers.features import Record, prepare_text, record_from_draft, record_from_parts
from classifiers.model import DEFAULT_ABSTAIN_BELOW
from classifiers.pipelines import DEFAULT_FACTORY, FACTORIES
from mashdesk.domain import ROUTING_CODES
from mashdesk.intake.model import ContactDraft
from mashdesk.progress import Cancelled, NullProgress, Progress
from mashdesk.store import Store
from mashdesk.synthetic import SyntheticContact, generate_contacts, to_draft

# A rules hook: given a draft and its number of previous contacts, return a rules result
# (object or dict with levels_fired, triggers, negated_triggers) to use as features.
RulesFn = Callable[[ContactDraft, int], Any]

# Local decisions at which each synthetic row counts half as much as a local one.
SYNTHETIC_HALF_WEIGHT_AT = 2000
STRUCTURED_DROPOUT = 0.1
# Share of training rows that do not see the rules' output, so the model still learns the words
# behind each routing instead of copying the rules (which catch nearly all training phrasings).
RULES_DROPOUT = 0.5


@dataclass
class TrainingRow:
    record: Record
    routing: str
    origin: str  # "synthetic" or "local"
    weight: float = 1.0
    received_at: str | None = None  # ISO-8601
    source_code: str = "10"
    channel: str = "unknown"
    id: str = ""
    group: str | None = None  # synthetic rows: the train phrasing behind the main concern
    rules: Any = None  # local rows: the rules' result under the store's pack (local_operating_point)


@dataclass
class TrainingResult:
    pipeline: Pipeline
    card: dict[str, Any]
    factory: str
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


def synthetic_weight(n_local: int, half_at: int = SYNTHETIC_HALF_WEIGHT_AT) -> float:
    """Weight of each synthetic row: 1 with no local decisions, 0.5 at `half_at`, towards 0."""
    return half_at / (half_at + max(n_local, 0))


# How synthetic rows are grouped for calibration (SplitCalibratedClassifier holds whole groups
# back): "phrasing" (the template behind the contact) or "family" (the writer of that template).
GROUP_BY = "phrasing"


@functools.lru_cache(maxsize=1)
def _phrasing_families() -> dict[str, str]:
    """Each train phrasing's digest (as the generator records it) -> the writer's family."""
    from mashdesk.synthetic.concerns import CONCERNS, TRAIN_FAMILIES
    from mashdesk.synthetic.generator import phrasing_digest

    out = {phrasing_digest(p): "first" for c in CONCERNS for p in c.train + c.neg_train}
    for family, pools in TRAIN_FAMILIES.items():
        for pool in pools:
            for phrasings in pool.values():
                out.update((phrasing_digest(p), family) for p in phrasings)
    return out


def _group(phrasing: str | None, group_by: str) -> str | None:
    if phrasing is None or group_by == "phrasing":
        return phrasing
    return _phrasing_families().get(phrasing)


def synthetic_rows(
    contacts: Sequence[SyntheticContact],
    *,
    rules_fn: RulesFn | None = None,
    dropout: float = STRUCTURED_DROPOUT,
    rules_dropout: float = RULES_DROPOUT,
    seed: int = 0,
    group_by: str | None = None,
) -> list[TrainingRow]:
    """Training rows from synthetic contacts. A share of rows loses its structured facts, so the
    model still works when a contact arrives without them (e.g. `evaluate` on bare text)."""
    rng = random.Random(seed)
    group_by = group_by or GROUP_BY
    rows = []
    for c in contacts:
        draft = to_draft(c)
        rules = rules_fn(draft, c.previous_contacts) if rules_fn else None
        if rules is not None and rules_dropout and rng.random() < rules_dropout:
            rules = None
        if dropout and rng.random() < dropout:
            draft.channel = "unknown"
            draft.source_code = "10"
            draft.children = []
        record = record_from_draft(draft, c.previous_contacts, rules)
        rows.append(
            TrainingRow(
                record=record,
                routing=c.routing,
                origin="synthetic",
                received_at=c.received_at.isoformat(),
                source_code=c.source_code,
                channel=c.channel,
                id=c.id,
                group=_group(c.extra.get("phrasing"), group_by),
            )
        )
    return rows


def rows_from_decisions(rows: Iterable[tuple[str, str, Mapping[str, float]]]) -> list[TrainingRow]:
    """Training rows from (text, routing, structured features) triples of confirmed decisions."""
    out = []
    for text, routing, features in rows:
        if routing not in ROUTING_CODES:
            raise ValueError(f"unknown routing code {routing!r}")
        out.append(
            TrainingRow(
                record={"text": text, "structured": dict(features)},
                routing=routing,
                origin="local",
            )
        )
    return out


_CONFIRMED_SQL = """
SELECT c.id, c.subject, c.body_text, c.channel, c.source_code, c.received_at, o.routing,
       (SELECT count(DISTINCT l.other_id) FROM contact_links l WHERE l.contact_id = c.id)
FROM oversight_records o
JOIN contacts c ON c.id = o.contact_id
WHERE NOT EXISTS (SELECT 1 FROM oversight_records o2 WHERE o2.replaces_id = o.id)
  AND (? OR c.synthetic = 0)
ORDER BY c.received_at, c.id
"""


def load_confirmed_decisions(
    store: Store,
    *,
    include_synthetic: bool = False,
    rules_fn: RulesFn | None = None,
    judge_fn: RulesFn | None = None,
) -> list[TrainingRow]:
    """Contacts whose routing a manager confirmed (latest oversight record per contact).

    `rules_fn` gives the model the rules' output as features; `judge_fn` (the store's pack)
    keeps each row's rules result in `TrainingRow.rules` for `local_operating_point`.
    Returns [] when the store has no oversight records table yet.
    """
    db = store.db
    if not db["oversight_records"].exists():
        return []
    rows = db.execute(_CONFIRMED_SQL, (1 if include_synthetic else 0,)).fetchall()
    children: dict[int, list[tuple[str | None, int]]] = {}
    for contact_id, dob, unborn in db.execute("SELECT contact_id, dob, unborn FROM children"):
        children.setdefault(contact_id, []).append((dob, unborn))
    out = []
    for cid, subject, body, channel, source, received, routing, prev in rows:
        kids = children.get(cid, [])
        received_at = dt.datetime.fromisoformat(received)
        dobs = [dt.date.fromisoformat(d[:10]) for d, u in kids if d and not u]
        rules = judged = None
        if rules_fn is not None or judge_fn is not None:
            from mashdesk.intake.model import ChildDraft

            draft = ContactDraft(
                channel=channel,
                received_at=received_at,
                received_at_basis="header",
                subject=subject or "",
                body_text=body or "",
                source_code=source,
                children=[ChildDraft(name=None, dob=d) for d in dobs]
                + [ChildDraft(name=None, unborn=True) for _, u in kids if u],
            )
            rules = rules_fn(draft, prev) if rules_fn is not None else None
            judged = judge_fn(draft, prev) if judge_fn is not None else None
        record = record_from_parts(
            subject=subject or "",
            body=body or "",
            channel=channel,
            source_code=source,
            child_dobs=dobs,
            unborn=any(u for _, u in kids),
            received=received_at.date(),
            previous_contacts=prev,
            rules=rules,
        )
        out.append(
            TrainingRow(
                record=record,
                routing=routing,
                origin="local",
                received_at=received,
                source_code=source,
                channel=channel,
                id=f"contact-{cid}",
                rules=judged,
            )
        )
    return out


def local_operating_point(pipeline: Pipeline, rows: Sequence[TrainingRow], abstain_below: float) -> dict[str, Any]:
    """The strategy margin MARGIN_RULE picks on these confirmed decisions (the newest, held out
    from the fit), with its table: advice for whoever may change the margin, never applied here."""
    n_sd = sum(r.routing == "strategy_discussion" for r in rows)
    out: dict[str, Any] = {"recommended": None, "n": len(rows), "strategy_discussions": n_sd, "rule": MARGIN_RULE}
    if any(r.rules is None for r in rows):
        out["reason"] = "the rules' results of these decisions were not worked out"
        return out
    if n_sd < LOCAL_MARGIN_MIN_SD:
        out["reason"] = (
            f"{n_sd} confirmed strategy discussions among the {len(rows)} newest decisions; "
            f"at least {LOCAL_MARGIN_MIN_SD} are needed"
        )
        return out
    proba = pipeline.predict_proba([r.record for r in rows])
    classes = [str(c) for c in pipeline.classes_]
    table = sd_operating_points([r.routing for r in rows], proba, classes, [r.rules for r in rows], abstain_below)
    out["rows"] = [{"strategy_raise_at": m, **row} for m, row in table.items()]
    if all(row["sd_precision"] < SD_PRECISION_FLOOR for row in table.values()):
        # choose_margin would fall back to the largest margin: advice to cut recall, which the rule never gives.
        out["reason"] = f"no margin keeps strategy discussion precision at {SD_PRECISION_FLOOR:.2f} on these decisions"
        return out
    out["recommended"] = choose_margin(table)
    return out


def vocabulary_overlap(train_rows: Sequence[TrainingRow], other: Sequence[TrainingRow]) -> dict[str, float]:
    """How much of the evaluation text the training text never contained (content words after
    the same preparation the model uses): the honest measure of how "unseen" held-out data is."""
    seen: set[str] = set()
    for r in train_rows:
        seen.update(prepare_text(r.record["text"])[1].split())
    tokens = 0
    unseen_tokens = 0
    types: set[str] = set()
    for r in other:
        for tok in prepare_text(r.record["text"])[1].split():
            tokens += 1
            types.add(tok)
            if tok not in seen:
                unseen_tokens += 1
    unseen_types = sum(1 for t in types if t not in seen)
    return {
        "unseen_token_share": round(unseen_tokens / tokens, 4) if tokens else 0.0,
        "unseen_word_share": round(unseen_types / len(types), 4) if types else 0.0,
    }


def _check(progress: Progress) -> None:
    if progress.cancelled():
        raise Cancelled("training cancelled")


def fit_pipeline(rows: Sequence[TrainingRow], *, factory: str = DEFAULT_FACTORY, **factory_kwargs: Any) -> Pipeline:
    pipeline: Pipeline = FACTORIES[factory](**factory_kwargs)
    weights = np.array([r.weight for r in rows], dtype=np.float64)
    fit_params: dict[str, Any] = {"clf__sample_weight": weights}
    if isinstance(pipeline.named_steps["clf"], SplitCalibratedClassifier) and any(r.group for r in rows):
        fit_params["clf__groups"] = [r.group for r in rows]
    pipeline.fit([r.record for r in rows], [r.routing for r in rows], **fit_params)
    return pipeline


def evaluate_rows(pipeline: Pipeline, rows: Sequence[TrainingRow], abstain_below: float) -> dict[str, Any]:
    proba = pipeline.predict_proba([r.record for r in rows])
    return classification_metrics(
        [r.routing for r in rows],
        proba,
        [str(c) for c in pipeline.classes_],
        abstain_below=abstain_below,
        groups={
            "source_code": [r.source_code for r in rows],
            "channel": [r.channel for r in rows],
        },
    )


def train(
    local_rows: Sequence[TrainingRow],
    synthetic: Sequence[TrainingRow],
    *,
    heldout: Sequence[TrainingRow] = (),
    progress: Progress | None = None,
    factory: str = DEFAULT_FACTORY,
    abstain_below: float = DEFAULT_ABSTAIN_BELOW,
    local_holdout_share: float = 0.2,
    min_local_for_holdout: int = 50,
    factory_kwargs: Mapping[str, Any] | None = None,
    data_description: str = "",
) -> TrainingResult:
    """Fit a routing model; evaluate it on `heldout` (synthetic, other templates) and on the
    newest share of local decisions; return the pipeline and its model card.

    When there are enough local decisions, the newest `local_holdout_share` of them is held
    out for the card's local metrics, and the final model is refit on everything.
    """
    progress = progress or NullProgress()
    kwargs = dict(factory_kwargs or {})
    started = time.perf_counter()
    timings: dict[str, float] = {}
    steps = 4
    local = sorted(local_rows, key=lambda r: r.received_at or "")
    weight = synthetic_weight(len(local))
    for r in synthetic:
        r.weight = weight
    for r in local:
        r.weight = 1.0
    n_hold = int(len(local) * local_holdout_share) if len(local) >= min_local_for_holdout else 0
    local_train, local_hold = (local[:-n_hold], local[-n_hold:]) if n_hold else (local, [])
    rows = list(synthetic) + list(local_train)
    if len({r.routing for r in rows}) < 2:
        raise ValueError("training needs contacts of at least two routing codes")
    _check(progress)
    progress.report(0, steps, f"fitting on {len(rows)} contacts")
    t = time.perf_counter()
    pipeline = fit_pipeline(rows, factory=factory, **kwargs)
    timings["fit"] = round(time.perf_counter() - t, 2)
    _check(progress)
    progress.report(1, steps, "evaluating on held-out contacts")
    t = time.perf_counter()
    evaluations: dict[str, Any] = {}
    if heldout:
        evaluations["synthetic_heldout"] = evaluate_rows(pipeline, heldout, abstain_below)
        evaluations["synthetic_heldout"]["vocabulary"] = vocabulary_overlap(rows, heldout)
    local_point = None
    if local_hold:
        evaluations["local_newest"] = evaluate_rows(pipeline, local_hold, abstain_below)
        local_point = local_operating_point(pipeline, local_hold, abstain_below)
    timings["evaluate"] = round(time.perf_counter() - t, 2)
    _check(progress)
    if local_hold:
        progress.report(2, steps, "refitting on all contacts")
        t = time.perf_counter()
        pipeline = fit_pipeline(list(synthetic) + list(local), factory=factory, **kwargs)
        timings["refit"] = round(time.perf_counter() - t, 2)
    progress.report(3, steps, "writing the model card")
    seconds = time.perf_counter() - started
    card = build_card(
        factory=factory,
        factory_kwargs=kwargs,
        synthetic=synthetic,
        local=local,
        local_holdout=len(local_hold),
        synthetic_weight=weight,
        evaluations=evaluations,
        abstain_below=abstain_below,
        training_seconds=round(seconds, 2),
        data_description=data_description,
        pipeline=pipeline,
        local_operating_point=local_point,
    )
    progress.report(steps, steps, "done")
    return TrainingResult(pipeline, card, factory, seconds, timings)


def bootstrap_data(
    n_train: int, n_heldout: int, seed: int, rules_fn: RulesFn | None = None
) -> tuple[list[TrainingRow], list[TrainingRow]]:
    """Synthetic training rows (train templates) and evaluation rows (held-out templates)."""
    train_rows = synthetic_rows(generate_contacts(n_train, seed, "train"), rules_fn=rules_fn, seed=seed)
    held = synthetic_rows(
        generate_contacts(n_heldout, seed + 1, "heldout"), rules_fn=rules_fn, dropout=0.0, rules_dropout=0.0
    )
    return train_rows, held


def label_counts(rows: Sequence[TrainingRow]) -> dict[str, int]:
    counts = Counter(r.routing for r in rows)
    return {c: counts.get(c, 0) for c in ROUTING_CODES}


def read_jsonl(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Parse `{"id","text","routing"}` lines (blank lines skipped); errors name the line."""
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {n}: not JSON ({exc.msg})") from exc
        if not isinstance(item, dict) or "text" not in item or "routing" not in item:
            raise ValueError(f'line {n}: needs at least "text" and "routing"')
        if item["routing"] not in ROUTING_CODES:
            raise ValueError(f"line {n}: unknown routing {item['routing']!r}")
        out.append(item)
    return out
