import numpy as np
import pytest

from classifiers.evaluation import (
    classification_metrics,
    expected_calibration_error,
    format_metrics,
)

CLASSES = ["child_and_family_assessment", "early_help", "information_advice", "strategy_discussion"]


def test_ece_is_zero_when_confidence_matches_accuracy_and_large_when_not():
    proba = np.array([[0.5, 0.5, 0, 0]] * 4)
    assert expected_calibration_error(proba, np.array([0, 1, 0, 1])) == pytest.approx(0.0)
    sure = np.array([[1.0, 0, 0, 0]] * 4)
    assert expected_calibration_error(sure, np.array([1, 1, 1, 1])) == pytest.approx(1.0)


def test_metrics_per_class_confusion_groups_and_abstention():
    y = ["strategy_discussion", "strategy_discussion", "early_help", "information_advice"]
    proba = np.array(
        [
            [0, 0, 0, 0.9],  # SD right
            [0, 0.55, 0, 0.45],  # SD suggested as early help
            [0, 0.7, 0.3, 0],  # EH right
            [0, 0, 0.5, 0.5],  # IA: tie -> first max (information_advice)
        ]
    )
    m = classification_metrics(
        y,
        proba,
        CLASSES,
        abstain_below=0.6,
        groups={"channel": ["email", "phone", "email", "phone"]},
    )
    assert m["n"] == 4 and m["accuracy"] == 0.75
    sd = m["per_class"]["strategy_discussion"]
    assert sd["recall"] == 0.5 and sd["precision"] == 1.0 and sd["support"] == 2
    labels = m["confusion"]["labels"]
    assert labels[0] == "information_advice"
    i, j = labels.index("strategy_discussion"), labels.index("early_help")
    assert m["confusion"]["matrix"][i][j] == 1
    assert m["abstention"]["coverage"] == 0.5
    assert m["by_group"]["phone"] if False else m["by_group"]["channel"]["phone"]["n"] == 2
    assert m["by_group"]["channel"]["email"]["strategy_discussion_recall"] == 1.0
    text = format_metrics(m, "t")
    assert "strategy_discussion" in text and "abstention below 0.60" in text
