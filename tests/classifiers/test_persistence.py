import json
import os

import numpy as np
import pytest
import sklearn
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from classifiers.persistence import (
    ALLOWED_TYPES,
    ModelLoadError,
    ModelVersionError,
    UntrustedModelError,
    dumps_model,
    load_model,
    loads_model,
    metadata_path,
    new_metadata,
    save_model,
)


def test_round_trip_gives_identical_probabilities(tmp_path, micro_pipeline, tiny_rows):
    path = tmp_path / "model.skops"
    meta = save_model(micro_pipeline, path, new_metadata("v9", "2026-11-23T00:00:00", "f"))
    assert metadata_path(path).exists()
    assert json.loads(metadata_path(path).read_text())["sklearn_version"] == sklearn.__version__
    loaded, meta2 = load_model(path)
    assert meta2.sha256 == meta.sha256
    records = [r.record for r in tiny_rows[:20]]
    assert np.allclose(loaded.predict_proba(records), micro_pipeline.predict_proba(records))


def test_a_model_from_another_scikit_learn_version_is_refused(tmp_path, micro_pipeline):
    path = tmp_path / "model.skops"
    save_model(micro_pipeline, path, new_metadata("v1", "now", "f"))
    meta = json.loads(metadata_path(path).read_text())
    meta["sklearn_version"] = "0.24.2"
    metadata_path(path).write_text(json.dumps(meta))
    with pytest.raises(ModelVersionError, match="scikit-learn 0.24.2.*Retrain"):
        load_model(path)


def test_types_outside_the_allowlist_are_refused():
    evil = Pipeline([("x", FunctionTransformer(os.system))])
    meta = new_metadata("v1", "now", "f")
    data = dumps_model(evil, meta)
    with pytest.raises(UntrustedModelError, match="system"):
        loads_model(data, meta)


def test_tampered_bytes_and_missing_metadata_are_refused(tmp_path, micro_pipeline):
    meta = new_metadata("v1", "now", "f")
    data = dumps_model(micro_pipeline, meta)
    with pytest.raises(ModelLoadError, match="hash"):
        loads_model(data[:-10] + b"0123456789", meta)
    lone = tmp_path / "lone.skops"
    lone.write_bytes(data)
    with pytest.raises(ModelLoadError, match="metadata"):
        load_model(lone)


def test_allowlist_covers_exactly_what_a_trained_model_needs(micro_pipeline):
    import skops.io as sio

    found = set(sio.get_untrusted_types(data=sio.dumps(micro_pipeline)))
    assert found <= ALLOWED_TYPES
