"""Turn a model's log-odds terms into signals a journalist can check."""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from .detectors.base import DetectorSpec, FeatureSpec
from .model import LinearModel, apportion
from .report import Finding, Signal

_EXAMPLE_CHARS = 90


def feature_specs(specs: Sequence[DetectorSpec]) -> dict[str, FeatureSpec]:
    return {spec.qualified(f.name): f for spec in specs for f in spec.features}


def explain(
    model: LinearModel,
    features: Mapping[str, float],
    findings: Sequence[Finding],
    specs: Mapping[str, FeatureSpec],
) -> tuple[float, float, tuple[Signal, ...]]:
    """``(base, score, signals)``: every feature that moved the score, largest
    first, so that ``base + sum(points) == score``."""
    base, score, points = apportion(model.contributions(features), model.intercept)
    by_feature: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.feature:
            by_feature.setdefault(finding.feature, []).append(finding)
    signals = []
    for name, pts in zip(model.feature_names, points):
        if pts == 0.0:
            continue
        value = features.get(name, math.nan)
        evidence = tuple(by_feature.get(name, ()))
        signals.append(
            Signal(
                feature=name,
                value=value,
                points=pts,
                message=describe(name, value, pts, evidence, specs.get(name)),
                findings=evidence,
            )
        )
    signals.sort(key=lambda s: -abs(s.points))
    return base, score, tuple(signals)


def describe(name: str, value: float, points: float, evidence: Sequence[Finding], spec: FeatureSpec | None) -> str:
    """One line: what was measured, what it did to the score, and an example."""
    template = spec.message if spec and spec.message else name + " = {value:.2f}"
    try:
        what = template.format(value=value)
    except (ValueError, TypeError):
        what = f"{name} = {value}"
    direction = "lowers" if points < 0 else "raises"
    line = f"{what[:1].upper()}{what[1:]}; {direction} the score by {abs(points):.1f} points"
    spans = [f for f in evidence if f.start is not None]
    if spans:
        example = " ".join(spans[0].text.split())
        if len(example) > _EXAMPLE_CHARS:
            example = example[: _EXAMPLE_CHARS - 1] + "…"
        more = f" and {len(spans) - 1} more" if len(spans) > 1 else ""
        line += f", e.g. '{example}'{more}"
    return line
