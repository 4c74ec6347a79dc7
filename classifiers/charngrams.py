"""Character n-gram TF-IDF computed per distinct word, which is what makes it fast.

scikit-learn's `analyzer="char_wb"` builds the n-grams of every word occurrence in Python. The
n-grams of a word never change, so this vectoriser counts words once (in C, through
CountVectorizer) and multiplies by a word -> n-gram matrix built once per distinct word. The
result equals char_wb TF-IDF over space-separated tokens (n-grams of " word ").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from classifiers.features import split_tokens


def word_ngrams(word: str, lo: int, hi: int) -> list[str]:
    padded = f" {word} "
    out: list[str] = []
    for n in range(lo, hi + 1):
        if n > len(padded):
            break
        out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


class CharNgramTfidf(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """TF-IDF over character n-grams of whitespace-separated words (sublinear tf, l2 norm)."""

    def __init__(
        self,
        ngram_range: tuple[int, int] = (3, 5),
        min_df: int = 2,
        max_features: int | None = None,
        dtype: Any = np.float32,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.dtype = dtype

    def _word_matrix(self, words: Sequence[str], index: dict[str, int]) -> sp.csr_matrix:
        lo, hi = self.ngram_range
        rows: list[int] = []
        cols: list[int] = []
        for r, word in enumerate(words):
            for g in word_ngrams(word, lo, hi):
                c = index.get(g)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
        data = np.ones(len(rows), dtype=np.float64)
        m = sp.csr_matrix((data, (rows, cols)), shape=(len(words), len(index)))
        m.sum_duplicates()
        return m

    def fit(self, X: Iterable[str], y: Any = None) -> CharNgramTfidf:
        self.fit_transform(X)
        return self

    def fit_transform(self, X: Iterable[str], y: Any = None, **fit_params: Any) -> Any:
        docs = list(X)
        counter = CountVectorizer(tokenizer=split_tokens, token_pattern=None, lowercase=False)
        W = counter.fit_transform(docs)
        words = counter.get_feature_names_out()
        lo, hi = self.ngram_range
        all_grams: dict[str, int] = {}
        for word in words:
            for g in word_ngrams(str(word), lo, hi):
                all_grams.setdefault(g, len(all_grams))
        M = self._word_matrix([str(w) for w in words], all_grams)
        C = (W @ M).tocsc()
        df = np.diff(C.indptr)
        keep = np.flatnonzero(df >= self.min_df)
        if self.max_features is not None and keep.size > self.max_features:
            totals = np.asarray(C.sum(axis=0)).ravel()[keep]
            keep = np.sort(keep[np.argsort(-totals, kind="stable")[: self.max_features]])
        names = np.array(list(all_grams), dtype=object)[keep]
        self.vocabulary_: dict[str, int] = {str(g): i for i, g in enumerate(names)}
        n_docs = len(docs)
        self.idf_ = (np.log((1 + n_docs) / (1 + df[keep])) + 1.0).astype(np.float64)
        # Words seen in training, with their n-gram rows, so transform is a matrix product.
        self.word_index_: dict[str, int] = {str(w): i for i, w in enumerate(words)}
        self.word_grams_ = self._word_matrix([str(w) for w in words], self.vocabulary_)
        return self._finish(C.tocsr()[:, keep])

    def _finish(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts = counts.tocsr().astype(np.float64)
        np.log(counts.data, out=counts.data)
        counts.data += 1.0
        tfidf = counts @ sp.diags(self.idf_)
        out: sp.csr_matrix = normalize(tfidf, norm="l2", copy=False).astype(self.dtype)
        return out

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        check_is_fitted(self, "vocabulary_")
        docs = list(X)
        known_rows: list[int] = []
        known_cols: list[int] = []
        unknown: dict[str, int] = {}
        unk_rows: list[int] = []
        unk_cols: list[int] = []
        for r, doc in enumerate(docs):
            for tok in doc.split():
                c = self.word_index_.get(tok)
                if c is not None:
                    known_rows.append(r)
                    known_cols.append(c)
                else:
                    unk_rows.append(r)
                    unk_cols.append(unknown.setdefault(tok, len(unknown)))
        W = sp.csr_matrix(
            (np.ones(len(known_rows)), (known_rows, known_cols)),
            shape=(len(docs), len(self.word_index_)),
        )
        counts = W @ self.word_grams_
        if unknown:
            U = sp.csr_matrix((np.ones(len(unk_rows)), (unk_rows, unk_cols)), shape=(len(docs), len(unknown)))
            counts = counts + U @ self._word_matrix(list(unknown), self.vocabulary_)
        return self._finish(sp.csr_matrix(counts))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "vocabulary_")
        names = np.empty(len(self.vocabulary_), dtype=object)
        for g, i in self.vocabulary_.items():
            names[i] = g
        return names
