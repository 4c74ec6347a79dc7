"""Calibration on a held-back slice: one model fit instead of one per cross-validation fold.

Cross-validated calibration (CalibratedClassifierCV with cv=k) fits the classifier k+1 times;
on 50,000 contacts that alone breaks the 60-second training budget. Here the classifier is fit
once on most of the data and CalibratedClassifierCV calibrates the frozen classifier on the
stratified slice it never saw. Temperature scaling keeps the ranking of classes (so calibration
never changes which routing is on top) and is fitted for all classes at once.

With `groups` (the phrasing each synthetic contact was built from), the held-back slice is whole
phrasings instead of random rows: a slice sharing phrasings with the fit is answered almost
perfectly, which taught the calibration to be sure of itself and made it over-confident on new
wording. The classifier is then refit on all rows (a second fit) and keeps that temperature.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.frozen import FrozenEstimator
from sklearn.model_selection import train_test_split
from sklearn.utils.validation import check_is_fitted


class SplitCalibratedClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    def __init__(
        self,
        estimator: Any = None,
        *,
        method: str = "temperature",
        calibration_share: float = 0.15,
        random_state: int = 0,
        c_per_sample: float | None = None,
        max_c: float = 0.5,
    ) -> None:
        self.estimator = estimator
        self.method = method
        self.calibration_share = calibration_share
        self.random_state = random_state
        self.c_per_sample = c_per_sample
        self.max_c = max_c

    def _split(self, y: np.ndarray, groups: Any) -> tuple[np.ndarray, np.ndarray, bool]:
        """(fit rows, calibration rows, whether the calibration rows are whole groups)."""
        idx = np.arange(len(y))
        if groups is not None:
            rng = np.random.default_rng(self.random_state)
            names = sorted({str(g) for g in groups if g})
            held = {g for g in names if rng.random() < self.calibration_share}
            if len(names) > 1 and (not held or len(held) == len(names)):
                # few groups (writers, say): hold back exactly one
                held = {names[int(rng.integers(len(names)))]}
            in_cal = np.array([bool(g) and str(g) in held for g in groups])
            cal_classes = np.unique(y[in_cal]) if in_cal.any() else np.array([])
            if len(cal_classes) == len(np.unique(y)) and (~in_cal).any():
                return idx[~in_cal], idx[in_cal], True
        counts = np.unique(y, return_counts=True)[1]
        stratify = y if counts.min() >= 2 else None
        fit_idx, cal_idx = train_test_split(
            idx,
            test_size=self.calibration_share,
            random_state=self.random_state,
            stratify=stratify,
        )
        return fit_idx, cal_idx, False

    def _fit_estimator(self, X: Any, y: np.ndarray, w: np.ndarray | None, rows: np.ndarray) -> Any:
        est = clone(self.estimator)
        weights = getattr(est, "class_weight", None)
        if isinstance(weights, dict):
            # liblinear refuses weights for classes absent from y (e.g. few local decisions)
            present = set(np.unique(y[rows]).tolist())
            est.set_params(class_weight={c: float(weights.get(c, 1.0)) for c in present})
        if self.c_per_sample is not None:
            # more (synthetic, repetitive) data needs more regularisation to generalise
            est.set_params(C=min(self.max_c, self.c_per_sample / len(rows)))
        if w is None:
            est.fit(X[rows], y[rows])
        else:
            est.fit(X[rows], y[rows], sample_weight=w[rows])
        return est

    def fit(self, X: Any, y: Any, sample_weight: Any = None, groups: Any = None) -> SplitCalibratedClassifier:
        y = np.asarray(y)
        fit_idx, cal_idx, by_group = self._split(y, groups)
        w = None if sample_weight is None else np.asarray(sample_weight)
        est = self._fit_estimator(X, y, w, fit_idx)
        self.estimator_ = est
        cal = CalibratedClassifierCV(FrozenEstimator(est), method=self.method)
        with warnings.catch_warnings():
            # the frozen classifier was already fit with the weights; they now weight calibration
            warnings.filterwarnings("ignore", message=".*FrozenEstimator does not appear.*")
            if w is None:
                cal.fit(X[cal_idx], y[cal_idx])
            else:
                cal.fit(X[cal_idx], y[cal_idx], sample_weight=w[cal_idx])
        if by_group:
            # refit on every phrasing and keep the temperature learnt on unseen phrasings
            full = self._fit_estimator(X, y, w, np.arange(len(y)))
            if list(full.classes_) == list(est.classes_):
                for cc in cal.calibrated_classifiers_:
                    cc.estimator = FrozenEstimator(full)
                self.estimator_ = full
        self.calibrator_ = cal
        self.classes_ = self.estimator_.classes_
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "calibrator_")
        proba: np.ndarray = self.calibrator_.predict_proba(X)
        return proba

    def predict(self, X: Any) -> np.ndarray:
        return np.asarray(self.classes_[np.argmax(self.predict_proba(X), axis=1)])

    @property
    def coef_(self) -> np.ndarray:
        """The linear weights behind the probabilities, for explanations."""
        coef: np.ndarray = self.estimator_.coef_
        return coef
