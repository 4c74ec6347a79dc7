"""A fitted routing model: calibrated suggestions, abstention and checkable explanations."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.pipeline import Pipeline

from classifiers.charngrams import word_ngrams
from classifiers.features import PreparedRecord, Record, prepare_records
from mashdesk.domain import REFERRAL_SOURCES

NO_CLEAR_SUGGESTION = "no clear suggestion"
DEFAULT_ABSTAIN_BELOW = 0.6
_WORDS = re.compile(r"\w+")


@dataclass
class Evidence:
    """One word, phrase or fact and how much it pushed the suggestion (positive = towards)."""

    label: str
    weight: float
    kind: str  # "text" or "fact"
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class ClassifierSuggestion:
    routing: str | None  # None when the model abstains
    top_routing: str  # the most probable routing, shown even when abstaining
    confidence: float  # calibrated probability of top_routing
    probabilities: dict[str, float]
    abstain_below: float
    evidence_for: list[Evidence] = field(default_factory=list)
    evidence_against: list[Evidence] = field(default_factory=list)
    model_version: str | None = None

    @property
    def abstained(self) -> bool:
        return self.routing is None

    @property
    def label(self) -> str:
        return self.routing or NO_CLEAR_SUGGESTION

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["abstained"] = self.abstained
        out["label"] = self.label
        return out


def describe_fact(name: str) -> str:
    """Plain words for a structured feature name (shown in explanations)."""
    key, _, value = name.partition("=")
    if key == "source":
        return f"referral source {value} ({REFERRAL_SOURCES.get(value, 'unknown')})"
    if key == "channel":
        return f"arrived by {value}"
    if key == "age_band":
        return f"youngest child: {value.replace('_', '-')}".replace("under-1", "under 1")
    if key == "previous_contacts":
        return f"previous contacts: {value}"
    if key == "previous_contacts_log":
        return "number of previous contacts"
    if key == "rules_level":
        return f"rules fired level {value}"
    if key == "rules_trigger":
        return f"rules found trigger {value}"
    if key == "rules_negated":
        return f"rules found {value} negated"
    if key == "rules_any_trigger":
        return "rules found a mandatory trigger"
    if key == "rules_max_level":
        return "highest level the rules fired"
    if key == "rules_overall_level":
        return f"rules suggest level {value}"
    return name


class RoutingModel:
    """A fitted pipeline plus what is needed to explain it; not itself persisted (see registry)."""

    def __init__(self, pipeline: Pipeline, version: str | None = None, card: dict[str, Any] | None = None) -> None:
        self.pipeline = pipeline
        self.version = version
        self.card = card or {}
        features = pipeline.named_steps["features"]
        self._union = features.named_steps["union"]
        self._clf = pipeline.named_steps["clf"]
        self.classes: list[str] = [str(c) for c in self._clf.classes_]
        blocks = dict(self._union.transformer_list)
        self._word_vec = blocks["word"].named_steps["tfidf"]
        self._char_vec = blocks["char"].named_steps["tfidf"]
        self._dict_vec = blocks["struct"].named_steps["dict"]
        self._n_word = len(self._word_vec.vocabulary_)
        self._n_char = len(self._char_vec.vocabulary_)
        self._word_names: list[str] = [str(t) for t in self._word_vec.get_feature_names_out()]
        self._fact_names = self._dict_vec.get_feature_names_out()
        self._coef = self._linear_coef()
        self._n_features = self._n_word + self._n_char + len(self._fact_names)
        self._word_idf = np.asarray(self._word_vec.idf_, dtype=np.float64)
        self._char_idf = np.asarray(self._char_vec.idf_, dtype=np.float64)
        base = getattr(self._clf, "estimator_", None)
        self._coef_t = np.ascontiguousarray(self._coef.T) if base is not None else None
        self._intercept = np.asarray(base.intercept_, dtype=np.float64) if base is not None else None
        self._gram_cache: dict[str, list[tuple[int, float]]] = {}

    def _linear_coef(self) -> np.ndarray:
        """Weights of the one linear model behind the calibrated probabilities (classes x D)."""
        if hasattr(self._clf, "estimator_"):
            base = self._clf.estimator_
        else:  # CalibratedClassifierCV(ensemble=False) keeps one classifier fit on all data
            base = self._clf.calibrated_classifiers_[0].estimator
        coef = np.asarray(base.coef_, dtype=np.float64)
        if coef.shape[0] == 1:  # binary problems store one row for the positive class
            coef = np.vstack([-coef[0], coef[0]])
        return coef

    def transform_one(self, prepared: PreparedRecord) -> sp.csr_matrix:
        """The feature row for one prepared record, computed directly from the fitted
        vocabularies and idf weights (the same numbers as the pipeline, without per-call
        scikit-learn overhead, which dominates for a single contact)."""
        ids, vals = self._row(prepared)
        return sp.csr_matrix((vals, ids, np.array([0, len(ids)])), shape=(1, self._n_features))

    def _row(self, prepared: PreparedRecord) -> tuple[np.ndarray, np.ndarray]:
        w = self._union.transformer_weights or {}
        parts_ids: list[np.ndarray] = []
        parts_vals: list[np.ndarray] = []

        def block(counts: dict[int, float], idf: np.ndarray, offset: int, weight: float) -> None:
            if not counts:
                return
            js = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            v = (1.0 + np.log(tf)) * idf[js]
            norm = float(np.sqrt(v @ v))
            if norm > 0:
                v /= norm
            order = np.argsort(js)
            parts_ids.append(js[order] + offset)
            parts_vals.append(v[order] * weight)

        vocab = self._word_vec.vocabulary_
        toks = prepared["words"].split()
        counts: dict[int, float] = {}
        for g in toks:
            j = vocab.get(g)
            if j is not None:
                counts[j] = counts.get(j, 0.0) + 1.0
        for a, b in zip(toks, toks[1:], strict=False):
            j = vocab.get(f"{a} {b}")
            if j is not None:
                counts[j] = counts.get(j, 0.0) + 1.0
        block(counts, self._word_idf, 0, w.get("word", 1.0))

        counts = {}
        for tok in prepared["chars"].split():
            for j, c in self._grams_of(tok):
                counts[j] = counts.get(j, 0.0) + c
        block(counts, self._char_idf, self._n_word, w.get("char", 1.0))

        struct_ids = []
        struct_vals = []
        dvocab = self._dict_vec.vocabulary_
        for key, value in prepared["structured"].items():
            j = dvocab.get(key)
            if j is not None and value:
                struct_ids.append(self._n_word + self._n_char + j)
                struct_vals.append(float(value) * w.get("struct", 1.0))
        if struct_ids:
            order = np.argsort(struct_ids)
            parts_ids.append(np.asarray(struct_ids, dtype=np.int64)[order])
            parts_vals.append(np.asarray(struct_vals, dtype=np.float64)[order])
        if not parts_ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(parts_ids), np.concatenate(parts_vals)

    def _grams_of(self, tok: str) -> list[tuple[int, float]]:
        cached = self._gram_cache.get(tok)
        if cached is not None:
            return cached
        cv = self._char_vec
        r = cv.word_index_.get(tok)
        if r is not None:
            m = cv.word_grams_
            lo, hi = m.indptr[r], m.indptr[r + 1]
            grams = list(zip(m.indices[lo:hi].tolist(), m.data[lo:hi].tolist(), strict=True))
        else:
            found: dict[int, float] = {}
            for g in word_ngrams(tok, *cv.ngram_range):
                j = cv.vocabulary_.get(g)
                if j is not None:
                    found[j] = found.get(j, 0.0) + 1.0
            grams = list(found.items())
        if len(self._gram_cache) > 200_000:  # unseen words could otherwise grow it forever
            self._gram_cache.clear()
        self._gram_cache[tok] = grams
        return grams

    def _proba_one(self, x: sp.csr_matrix) -> np.ndarray:
        """Calibrated probabilities for one row; the direct path for temperature scaling."""
        clf = self._clf
        calibrator = getattr(clf, "calibrator_", None)
        direct = getattr(clf, "method", None) == "temperature" and len(self.classes) > 2
        if calibrator is None or self._coef_t is None or not direct:
            return np.asarray(clf.predict_proba(x)[0])
        decision = (x @ self._coef_t).ravel() + self._intercept
        temp = calibrator.calibrated_classifiers_[0].calibrators[0]
        proba: np.ndarray = temp.predict(decision.reshape(1, -1))[0]
        return proba

    def predict_proba(self, records: list[Record]) -> np.ndarray:
        proba: np.ndarray = self.pipeline.predict_proba(records)
        return proba

    def suggest(
        self,
        record: Record,
        *,
        abstain_below: float = DEFAULT_ABSTAIN_BELOW,
        explain: bool = True,
        top: int = 6,
    ) -> ClassifierSuggestion:
        prepared = prepare_records([record])
        x = self.transform_one(prepared[0])
        proba = self._proba_one(x)
        k = int(np.argmax(proba))
        conf = float(proba[k])
        suggestion = ClassifierSuggestion(
            routing=self.classes[k] if conf >= abstain_below else None,
            top_routing=self.classes[k],
            confidence=round(conf, 4),
            probabilities={c: round(float(p), 4) for c, p in zip(self.classes, proba, strict=True)},
            abstain_below=abstain_below,
            model_version=self.version,
        )
        if explain:
            pos, neg = self._evidence(prepared[0]["chars"], x, k, top)
            spans = _spans_index(record["text"])
            for e in pos + neg:
                if e.kind == "text":
                    e.spans = _find_spans(e.label, record["text"], spans)
            suggestion.evidence_for = pos
            suggestion.evidence_against = neg
        return suggestion

    def _evidence(self, chars: str, x: Any, k: int, top: int) -> tuple[list[Evidence], ...]:
        """The `top` words, phrases and facts pushing towards class k, and the `top` against."""
        idx = x.indices
        contrib = x.data.astype(np.float64) * self._coef[k, idx]
        lo_c, hi_c = self._n_word, self._n_word + self._n_char
        weights: dict[str, float] = {}
        kinds: dict[str, str] = {}
        word_mask = idx < lo_c
        for j, c in zip(idx[word_mask].tolist(), contrib[word_mask].tolist(), strict=True):
            term = self._word_names[j]
            weights[term] = weights.get(term, 0.0) + c
        char_mask = (idx >= lo_c) & (idx < hi_c)
        char_contrib = dict(zip((idx[char_mask] - lo_c).tolist(), contrib[char_mask].tolist(), strict=True))
        if char_contrib:
            # share each n-gram's weight among the distinct words of this contact containing it
            word_grams: dict[str, list[int]] = {}
            shared: Counter[int] = Counter()
            for w in set(chars.split()):
                ids = [j for j, _ in self._grams_of(w) if j in char_contrib]
                if ids:
                    word_grams[w] = ids
                    shared.update(ids)
            for w, ids in word_grams.items():
                weights[w] = weights.get(w, 0.0) + sum(char_contrib[i] / shared[i] for i in ids)
        fact_mask = idx >= hi_c
        for j, c in zip((idx[fact_mask] - hi_c).tolist(), contrib[fact_mask].tolist(), strict=True):
            label = describe_fact(str(self._fact_names[j]))
            weights[label] = weights.get(label, 0.0) + c
            kinds[label] = "fact"
        ranked = sorted(weights.items(), key=lambda kv: kv[1])
        # weights are shown to 4 decimals: one that would read 0.0000 explains nothing
        against = [(t, w) for t, w in ranked[:top] if w <= -5e-5]
        towards = [(t, w) for t, w in reversed(ranked[-top:]) if w >= 5e-5]

        def ev(term: str, w: float) -> Evidence:
            kind = kinds.get(term, "text")
            return Evidence(term if kind == "fact" else _readable(term), round(w, 4), kind)

        return [ev(t, w) for t, w in towards], [ev(t, w) for t, w in against]


def _readable(term: str) -> str:
    """ "neg_marks" -> "no ... marks" style label: the negated word, marked as negated."""
    parts = [f"(negated) {p[4:]}" if p.startswith("neg_") else p for p in term.split()]
    return " ".join(parts)


def _spans_index(text: str) -> dict[str, list[tuple[int, int]]]:
    index: dict[str, list[tuple[int, int]]] = {}
    for m in _WORDS.finditer(text.lower()):
        index.setdefault(m.group(0), []).append((m.start(), m.end()))
    return index


def _find_spans(label: str, text: str, index: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Where a word or two-word phrase (function words may sit between) occurs in the text."""
    words = [w.removeprefix("(negated) ") for w in label.split(" ") if w != "(negated)"]
    words = [w for w in words if w]
    if len(words) == 1:
        return list(index.get(words[0], []))[:5]
    pattern = r"\b" + r"\W+(?:\w+\W+){0,3}?".join(re.escape(w) for w in words) + r"\b"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)][:5]
