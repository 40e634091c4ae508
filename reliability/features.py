"""Detectors -> one feature vector per article, plus the findings behind it.

The scikit-learn transformer over these features is
``reliability.frame.ReliabilityFeatures`` (``get_feature_names_out``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

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
    for detector, declared, names in registry.feature_layout:
        output = detector.detect(doc)
        values = output.features
        for name, qualified in names:
            value = values.get(name, math.nan)
            features[qualified] = float(value) if value is not None else math.nan
        if not declared.issuperset(values):
            undeclared = set(values) - declared
            raise RuntimeError(f"{detector.spec.name} emitted undeclared features {sorted(undeclared)}")
        findings.extend(output.findings)
    findings.sort(key=lambda f: (f.start is None, f.start or 0, f.detector, f.code))
    return Extraction(document=doc, features=features, findings=tuple(findings))
