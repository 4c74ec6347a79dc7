"""The assistive routing classifier: Qt-free, advisory, explained, calibrated.

Modules: features (what the model sees), pipelines (named factories), model (RoutingModel:
suggestions, abstention, explanations), combine (rules + classifier, pure), persistence (skops
with an allowlist), registry (versions in the store: accept, rollback), training, evaluation,
card (model card), drift (monitoring).
"""
