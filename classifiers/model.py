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
    return name


class RoutingModel:
    """A fitted pipeline plus what is needed to explain it; not itself persisted (see registry)."""

    def __init__(self, pipeline: Pipeline, version: str | None = None) -> None:
        self.pipeline = pipeline
        self.version = version
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
        self._word_names = self._word_vec.get_feature_names_out()
        self._fact_names = self._dict_vec.get_feature_names_out()
        self._coef = self._linear_coef()

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
        """The feature row for one prepared record, without FeatureUnion's parallel machinery."""
        w = self._union.transformer_weights or {}
        blocks = [
            self._word_vec.transform([prepared["words"]]) * w.get("word", 1.0),
            self._char_vec.transform([prepared["chars"]]) * w.get("char", 1.0),
            self._dict_vec.transform([prepared["structured"]]) * w.get("struct", 1.0),
        ]
        return sp.hstack(blocks, format="csr")

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
        proba = self._clf.predict_proba(x)[0]
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
            items = self._evidence(record["text"], prepared[0]["chars"], x, k)
            pos = sorted((e for e in items if e.weight > 0), key=lambda e: -e.weight)[:top]
            neg = sorted((e for e in items if e.weight < 0), key=lambda e: e.weight)[:top]
            spans = _spans_index(record["text"])
            for e in pos + neg:
                if e.kind == "text":
                    e.spans = _find_spans(e.label, record["text"], spans)
            suggestion.evidence_for = pos
            suggestion.evidence_against = neg
        return suggestion

    def _evidence(self, text: str, chars: str, x: Any, k: int) -> list[Evidence]:
        """Per-feature contributions to class k, grouped into words, phrases and facts."""
        idx = x.indices
        contrib = x.data.astype(np.float64) * self._coef[k, idx]
        by_key: dict[str, float] = {}
        char_contrib: dict[int, float] = {}
        lo_c, hi_c = self._n_word, self._n_word + self._n_char
        facts: list[Evidence] = []
        for j, c in zip(idx, contrib, strict=True):
            if c == 0.0:
                continue
            if j < lo_c:
                term = str(self._word_names[j])
                by_key[term] = by_key.get(term, 0.0) + c
            elif j < hi_c:
                char_contrib[int(j - lo_c)] = float(c)
            else:
                name = str(self._fact_names[j - hi_c])
                facts.append(Evidence(describe_fact(name), round(float(c), 4), "fact"))
        if char_contrib:
            # share each n-gram's weight among the distinct words of this contact containing it
            lo, hi = self._char_vec.ngram_range
            vocab = self._char_vec.vocabulary_
            word_grams: dict[str, list[int]] = {}
            shared: Counter[int] = Counter()
            for w in set(chars.split()):
                ids = {vocab[g] for g in word_ngrams(w, lo, hi) if g in vocab}
                word_grams[w] = [i for i in ids if i in char_contrib]
                shared.update(word_grams[w])
            for w, ids in word_grams.items():
                if ids:
                    share = sum(char_contrib[i] / shared[i] for i in ids)
                    by_key[w] = by_key.get(w, 0.0) + share
        items = [
            Evidence(_readable(term), round(float(weight), 4), "text")
            for term, weight in by_key.items()
            if abs(weight) > 1e-6
        ]
        return items + facts


def _readable(term: str) -> str:
    """ "neg_marks" -> "no ... marks" style label: the negated word, marked as negated."""
    parts = [f"(negated) {p[4:]}" if p.startswith("neg_") else p for p in term.split()]
    return " ".join(parts)


def _spans_index(text: str) -> dict[str, list[tuple[int, int]]]:
    index: dict[str, list[tuple[int, int]]] = {}
    for m in _WORDS.finditer(text.lower()):
        index.setdefault(m.group(0), []).append((m.start(), m.end()))
    return index


def _find_spans(
    label: str, text: str, index: dict[str, list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Where a word or two-word phrase (function words may sit between) occurs in the text."""
    words = [w.removeprefix("(negated) ") for w in label.split(" ") if w != "(negated)"]
    words = [w for w in words if w]
    if len(words) == 1:
        return list(index.get(words[0], []))[:5]
    pattern = r"\b" + r"\W+(?:\w+\W+){0,3}?".join(re.escape(w) for w in words) + r"\b"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)][:5]
