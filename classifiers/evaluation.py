"""Measuring a routing model: per-class precision/recall/F1, confusion, calibration, by group."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from mashdesk.domain import ROUTING_CODES


def expected_calibration_error(proba: np.ndarray, y_idx: np.ndarray, bins: int = 10) -> float:
    """Top-label ECE: the gap between confidence and accuracy, averaged over confidence bins."""
    if len(y_idx) == 0:
        return 0.0
    conf = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == y_idx).astype(float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (conf > lo) & (conf <= hi) if lo > 0 else (conf >= lo) & (conf <= hi)
        if mask.any():
            total += mask.mean() * abs(conf[mask].mean() - correct[mask].mean())
    return float(total)


def classification_metrics(
    y_true: Sequence[str],
    proba: np.ndarray,
    classes: Sequence[str],
    *,
    abstain_below: float | None = None,
    groups: dict[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Everything the model card and `evaluate` print, as plain JSON-ready values.

    `classes` is the column order of `proba`; results are reported in ROUTING_CODES order.
    `groups` maps a grouping name (e.g. "source_code", "channel") to one value per row.
    """
    labels = [c for c in ROUTING_CODES if c in classes or c in set(y_true)]
    col = {c: i for i, c in enumerate(classes)}
    pred = [classes[i] for i in proba.argmax(axis=1)] if len(y_true) else []
    p, r, f, s = precision_recall_fscore_support(y_true, pred, labels=labels, zero_division=0.0)
    y_idx = np.array([col.get(y, -1) for y in y_true])
    out: dict[str, Any] = {
        "n": len(y_true),
        "accuracy": float(np.mean([a == b for a, b in zip(y_true, pred, strict=True)])) if y_true else 0.0,
        "macro_f1": float(np.mean(f)) if len(f) else 0.0,
        "per_class": {
            c: {
                "precision": round(float(p[i]), 4),
                "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4),
                "support": int(s[i]),
            }
            for i, c in enumerate(labels)
        },
        "confusion": {
            "labels": labels,
            "matrix": confusion_matrix(y_true, pred, labels=labels).tolist() if y_true else [],
        },
        "ece": round(expected_calibration_error(proba, y_idx), 4),
        "predicted_mix": _mix(pred),
        "true_mix": _mix(list(y_true)),
    }
    out["accuracy"] = round(out["accuracy"], 4)
    out["macro_f1"] = round(out["macro_f1"], 4)
    if abstain_below is not None and len(y_true):
        conf = proba.max(axis=1)
        answered = conf >= abstain_below
        correct = np.array([a == b for a, b in zip(y_true, pred, strict=True)])
        out["abstention"] = {
            "threshold": abstain_below,
            "coverage": round(float(answered.mean()), 4),
            "accuracy_when_answered": round(float(correct[answered].mean()), 4) if answered.any() else None,
            "abstained": int((~answered).sum()),
        }
    if groups:
        out["by_group"] = {name: _group_metrics(list(y_true), pred, values) for name, values in groups.items()}
    return out


def _mix(values: Sequence[str]) -> dict[str, float]:
    counts = Counter(values)
    total = sum(counts.values()) or 1
    return {c: round(counts.get(c, 0) / total, 4) for c in ROUTING_CODES}


def _group_metrics(y_true: list[str], pred: list[str], values: Sequence[str]) -> dict[str, dict[str, Any]]:
    rows: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(values):
        rows[str(v)].append(i)
    out: dict[str, dict[str, Any]] = {}
    for v, idx in sorted(rows.items()):
        yt = [y_true[i] for i in idx]
        yp = [pred[i] for i in idx]
        labels = [c for c in ROUTING_CODES if c in set(yt)]
        _, r, f, _ = precision_recall_fscore_support(yt, yp, labels=labels, zero_division=0.0)
        sd = [i for i, y in enumerate(yt) if y == "strategy_discussion"]
        out[v] = {
            "n": len(idx),
            "accuracy": round(float(np.mean([a == b for a, b in zip(yt, yp, strict=True)])), 4),
            "macro_f1": round(float(np.mean(f)), 4) if len(f) else None,
            "strategy_discussion_recall": round(float(np.mean([yp[i] == "strategy_discussion" for i in sd])), 4)
            if sd
            else None,
        }
    return out


def format_metrics(m: dict[str, Any], title: str = "") -> str:
    """A plain-text report of classification_metrics output."""
    lines = []
    if title:
        lines.append(title)
    lines.append(
        f"contacts: {m['n']}   accuracy: {m['accuracy']:.3f}   macro-F1: {m['macro_f1']:.3f}"
        f"   calibration error (ECE): {m['ece']:.3f}"
    )
    lines.append(f"{'routing':30s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'n':>6s}")
    for c, v in m["per_class"].items():
        lines.append(f"{c:30s} {v['precision']:9.3f} {v['recall']:7.3f} {v['f1']:6.3f} {v['support']:6d}")
    labels = m["confusion"]["labels"]
    if labels:
        short = {c: c[:5] for c in labels}
        lines.append("confusion (rows = true, columns = suggested):")
        lines.append(" " * 30 + " ".join(f"{short[c]:>6s}" for c in labels))
        for c, row in zip(labels, m["confusion"]["matrix"], strict=True):
            lines.append(f"{c:30s}" + " ".join(f"{x:6d}" for x in row))
    if "abstention" in m:
        a = m["abstention"]
        acc = a["accuracy_when_answered"]
        lines.append(
            f"abstention below {a['threshold']:.2f}: answered {a['coverage']:.1%}"
            + (f", accuracy when answered {acc:.3f}" if acc is not None else "")
        )
    for name, groups in m.get("by_group", {}).items():
        lines.append(f"by {name}:")
        for v, g in groups.items():
            sd = g["strategy_discussion_recall"]
            lines.append(
                f"  {v:12s} n={g['n']:6d} accuracy={g['accuracy']:.3f}"
                + (f" macro-F1={g['macro_f1']:.3f}" if g["macro_f1"] is not None else "")
                + (f" SD recall={sd:.3f}" if sd is not None else "")
            )
    return "\n".join(lines)
