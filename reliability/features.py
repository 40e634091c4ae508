"""Detectors -> one feature vector per article, plus the findings behind it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Mapping

from .document import Document
from .registry import Registry
from .report import Finding


@dataclass(frozen=True)
class Extraction:
    """What all detectors found in one article."""

    document: Document
    features: Mapping[str, float]
    findings: tuple[Finding, ...]


def extract(registry: Registry, doc: Document) -> Extraction:
    """Run every detector once on ``doc``."""
    features: dict[str, float] = {}
    findings: list[Finding] = []
    for detector in registry.detectors:
        output = detector.detect(doc)
        spec = detector.spec
        declared = {f.name for f in spec.features}
        for name in declared:
            value = output.features.get(name, math.nan)
            features[spec.qualified(name)] = float(value) if value is not None else math.nan
        undeclared = set(output.features) - declared
        if undeclared:
            raise RuntimeError(f"{spec.name} emitted undeclared features {sorted(undeclared)}")
        findings.extend(output.findings)
    findings.sort(key=lambda f: (f.start is None, f.start or 0, f.detector, f.code))
    ordered = {name: features[name] for name in registry.feature_names}
    return Extraction(document=doc, features=ordered, findings=tuple(findings))


class FeatureTransformer:
    """A scikit-learn transformer: article texts -> detector features.

    ``fit`` learns nothing; ``transform`` accepts a sequence of strings or a
    pandas Series/DataFrame (column ``text``, optional ``title``/``published``).
    """

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry

    def fit(self, X: object = None, y: object = None) -> "FeatureTransformer":
        self.registry_ = self.registry or Registry.default()
        self.n_features_in_ = 1
        return self

    def get_feature_names_out(self, input_features: object = None) -> "list[str]":
        registry = getattr(self, "registry_", None) or self.registry or Registry.default()
        import numpy as np

        return np.asarray(registry.feature_names, dtype=object)

    def transform(self, X: object) -> "object":
        import numpy as np

        registry = getattr(self, "registry_", None)
        if registry is None:
            self.fit()
            registry = self.registry_
        rows = [list(extract(registry, doc).features.values()) for doc in _documents(X)]
        return np.asarray(rows, dtype=float).reshape(len(rows), len(registry.feature_names))

    def fit_transform(self, X: object, y: object = None) -> "object":
        return self.fit(X, y).transform(X)

    def set_output(self, *, transform: str | None = None) -> "FeatureTransformer":
        return self

    def get_params(self, deep: bool = True) -> dict:
        return {"registry": self.registry}

    def set_params(self, **params: object) -> "FeatureTransformer":
        for key, value in params.items():
            setattr(self, key, value)
        return self


def _documents(X: object) -> Iterable[Document]:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    if pd is not None and isinstance(X, pd.DataFrame):
        for row in X.itertuples(index=False):
            record = row._asdict()
            yield Document.build(
                str(record.get("text", "")),
                title=record.get("title"),
                published=record.get("published") if isinstance(record.get("published"), str) else None,
            )
        return
    for item in X:  # type: ignore[union-attr]
        yield Document.build(item if isinstance(item, str) else str(item))
