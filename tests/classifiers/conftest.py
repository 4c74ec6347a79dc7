from __future__ import annotations

import pytest

from classifiers.model import RoutingModel
from classifiers.training import TrainingRow, fit_pipeline, synthetic_rows
from mashdesk.synthetic import generate_contacts


@pytest.fixture(scope="session")
def tiny_rows() -> list[TrainingRow]:
    # 1,000: with 38-62 train phrasings per concern, 500 contacts left some concerns barely seen
    return synthetic_rows(generate_contacts(1000, seed=21), seed=21)


@pytest.fixture(scope="session")
def tiny_pipeline(tiny_rows):
    # a small model: the tests check behaviour, not accuracy
    return fit_pipeline(tiny_rows, char_max_features=20000, word_max_features=20000)


@pytest.fixture(scope="session")
def micro_pipeline(tiny_rows):
    # smallest useful model, for tests that save and load it many times
    return fit_pipeline(tiny_rows[:200], char_max_features=1500, word_max_features=1500)


@pytest.fixture(scope="session")
def tiny_model(tiny_pipeline) -> RoutingModel:
    return RoutingModel(tiny_pipeline, version="test")
