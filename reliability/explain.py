"""Turn a model's log-odds terms into signals a journalist can check."""

from __future__ import annotations

import math
import re
from functools import lru_cache
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
    for i, (name, pts) in enumerate(zip(model.feature_names, points)):
        if pts == 0.0:
            continue
        value = features.get(name, math.nan)
        evidence = tuple(by_feature.get(name, ()))
        signals.append(
            Signal(
                feature=name,
                value=value,
                points=pts,
                message=describe(name, value, pts, evidence, specs.get(name), typical=model.typical(i)),
                findings=evidence,
            )
        )
    signals.sort(key=lambda s: -abs(s.points))
    return base, score, tuple(signals)


def describe(name: str, value: float, points: float, evidence: Sequence[Finding], spec: FeatureSpec | None,
             typical: float | None = None) -> str:
    """One line: what was measured, against the typical training article (so that
    "1 named source lowers the score" reads as fewer than usual), what it did to
    the score, and an example."""
    template = spec.message if spec and spec.message else name + " = {value:.2f}"
    try:
        what = spec.read(value) if spec and spec.message else template.format(value=value)
    except (ValueError, TypeError):
        what = f"{name} = {value}"
    line = f"{what[:1].upper()}{what[1:]}"
    if typical is not None and not math.isnan(value):
        line += f" (typical: {_same_format(template, spec.shown(typical) if spec else typical)})"
    direction = "lowers" if points < 0 else "raises"
    line += f"; {direction} the score by {abs(points):.1f} points"
    spans = [f for f in evidence if f.start is not None]
    if spans:
        example = " ".join(spans[0].text.split())
        if len(example) > _EXAMPLE_CHARS:
            example = example[: _EXAMPLE_CHARS - 1] + "…"
        more = f" and {len(spans) - 1} more" if len(spans) > 1 else ""
        line += f", e.g. '{example}'{more}"
    return line


_VALUE_FIELD = re.compile(r"\{value(:[^}]*)?\}")


@lru_cache(maxsize=4096)  # one per feature and model: the typical value does not change
def _same_format(template: str, number: float) -> str:
    """``number`` written as the template writes its value ("{value:.0%}" -> "45%")."""
    m = _VALUE_FIELD.search(template)
    spec = m.group(1)[1:] if m and m.group(1) else ".2f"
    try:
        return format(number, spec)
    except (ValueError, TypeError):
        return f"{number:.2f}"
