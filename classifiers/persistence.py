"""Saving and loading models with skops, trusting only the types listed here.

Never pickle: a model file is data a user could swap. Loading checks every type the file would
create against `ALLOWED_TYPES` (written here, reviewed like code) and refuses anything else,
and refuses a model saved under another scikit-learn version with a prompt to retrain.
"""

from __future__ import annotations

import hashlib
import json
import platform
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import sklearn
import skops
import skops.io as sio
from sklearn.pipeline import Pipeline

FORMAT = "mashdesk-routing-model/1"

# Every non-default type a routing model file may contain. skops trusts numpy/builtins itself.
ALLOWED_TYPES: frozenset[str] = frozenset(
    {
        "classifiers.calibration.SplitCalibratedClassifier",
        "classifiers.charngrams.CharNgramTfidf",
        "classifiers.features.prepare_records",
        "classifiers.features.select_chars",
        "classifiers.features.select_structured",
        "classifiers.features.select_words",
        "classifiers.features.split_tokens",
        "scipy.sparse._csr.csr_matrix",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.calibration._TemperatureScaling",
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "sklearn.frozen._frozen.FrozenEstimator",
        "sklearn.isotonic.IsotonicRegression",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.pipeline.FeatureUnion",
        "sklearn.pipeline.Pipeline",
        "sklearn.preprocessing._function_transformer.FunctionTransformer",
        "sklearn.svm._classes.LinearSVC",
    }
)


class ModelLoadError(Exception):
    """A model cannot be loaded; the message says why and what to do."""


class UntrustedModelError(ModelLoadError):
    pass


class ModelVersionError(ModelLoadError):
    pass


@dataclass
class ModelMetadata:
    version: str
    created_at: str
    sklearn_version: str
    skops_version: str
    numpy_version: str
    scipy_version: str
    python_version: str
    factory: str
    sha256: str = ""
    size_bytes: int = 0
    format: str = FORMAT
    extra: dict[str, Any] | None = None

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ModelMetadata:
        data = json.loads(text)
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


def current_versions() -> dict[str, str]:
    return {
        "sklearn_version": sklearn.__version__,
        "skops_version": skops.__version__,
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "python_version": platform.python_version(),
    }


def new_metadata(version: str, created_at: str, factory: str, **extra: Any) -> ModelMetadata:
    v = current_versions()
    return ModelMetadata(
        version=version,
        created_at=created_at,
        factory=factory,
        sklearn_version=v["sklearn_version"],
        skops_version=v["skops_version"],
        numpy_version=v["numpy_version"],
        scipy_version=v["scipy_version"],
        python_version=v["python_version"],
        extra=extra or None,
    )


def _plain_vocabularies(pipeline: Pipeline) -> None:
    """Make vectoriser vocabularies map to Python ints: skops writes a numpy scalar per entry
    otherwise, which is 25 times slower to save and load for the same model."""
    for step in _walk(pipeline):
        vocab = getattr(step, "vocabulary_", None)
        if isinstance(vocab, dict) and vocab and not isinstance(next(iter(vocab.values())), int):
            step.vocabulary_ = {str(k): int(v) for k, v in vocab.items()}


def _walk(obj: Any) -> list[Any]:
    found = [obj]
    for attr in ("steps", "transformer_list"):
        for _, child in getattr(obj, attr, None) or []:
            found.extend(_walk(child))
    return found


def dumps_model(pipeline: Pipeline, metadata: ModelMetadata) -> bytes:
    """Serialise with skops (deflate-compressed) and record size and hash in the metadata."""
    _plain_vocabularies(pipeline)
    data: bytes = sio.dumps(pipeline, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    metadata.sha256 = hashlib.sha256(data).hexdigest()
    metadata.size_bytes = len(data)
    return data


def check_compatible(metadata: ModelMetadata) -> None:
    if metadata.format != FORMAT:
        raise ModelLoadError(f"Model {metadata.version} has format {metadata.format!r}, expected {FORMAT!r}.")
    if metadata.sklearn_version != sklearn.__version__:
        raise ModelVersionError(
            f"Model {metadata.version} was saved with scikit-learn {metadata.sklearn_version}, "
            f"but this installation has scikit-learn {sklearn.__version__}. Models are not "
            "loaded across scikit-learn versions because their predictions can change silently. "
            "Retrain it here: mashdesk --db STORE train"
        )


def check_trusted(data: bytes) -> list[str]:
    try:
        found = sio.get_untrusted_types(data=data)
    except Exception as exc:  # a corrupt or foreign file fails here, before anything loads
        raise ModelLoadError(f"Not a readable model file: {exc}") from exc
    refused = sorted(set(found) - ALLOWED_TYPES)
    if refused:
        raise UntrustedModelError(
            "Refusing to load the model: it contains types outside the allowlist in "
            f"classifiers/persistence.py: {', '.join(refused)}"
        )
    return list(found)


def loads_model(data: bytes, metadata: ModelMetadata) -> Pipeline:
    """Load model bytes after the version, hash and allowlist checks."""
    check_compatible(metadata)
    if metadata.sha256 and hashlib.sha256(data).hexdigest() != metadata.sha256:
        raise ModelLoadError(f"Model {metadata.version} does not match its recorded hash.")
    found = check_trusted(data)
    model = sio.loads(data, trusted=found)
    if not isinstance(model, Pipeline):
        raise ModelLoadError("The model file does not hold a scikit-learn Pipeline.")
    return model


def metadata_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def save_model(pipeline: Pipeline, path: Path, metadata: ModelMetadata) -> ModelMetadata:
    """Write `path` (skops) and `path.json` (metadata) beside it."""
    data = dumps_model(pipeline, metadata)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    metadata_path(path).write_text(metadata.to_json(), encoding="utf-8")
    return metadata


def load_model(path: Path) -> tuple[Pipeline, ModelMetadata]:
    meta_file = metadata_path(path)
    if not meta_file.exists():
        raise ModelLoadError(
            f"No metadata beside {path} (expected {meta_file.name}); a model is never loaded without it."
        )
    metadata = ModelMetadata.from_json(meta_file.read_text(encoding="utf-8"))
    return loads_model(path.read_bytes(), metadata), metadata
