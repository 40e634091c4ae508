"""The public result types: one finding, one signal, one report per article."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

SCHEMA_VERSION = 1

SEVERITIES = ("info", "warning", "error")
BANDS = ("reliable", "questionable", "unreliable")


def severity_rank(severity: str) -> int:
    """Order severities so that callers can filter with ``>=``."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Finding:
    """One piece of evidence a detector found in the caller's text.

    ``start``/``end`` index the exact string the caller passed (``text[start:end]
    == finding.text``). A document-level finding has ``start = end = None``.
    """

    code: str
    detector: str
    start: int | None
    end: int | None
    text: str
    message: str
    severity: str = "info"
    feature: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "detector": self.detector,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "severity": self.severity,
            "feature": self.feature,
            "data": dict(self.data),
        }


@dataclass(frozen=True)
class Signal:
    """One feature's share of the score: ``points`` is signed, in score points."""

    feature: str
    value: float
    points: float
    message: str
    findings: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "value": _json_number(self.value),
            "points": round(self.points, 2),
            "message": self.message,
            "evidence": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version}


@dataclass(frozen=True)
class ArticleReport:
    """The score of one article, 0 (unreliable) to 100 (reliable), and why.

    ``base_score + sum(s.points for s in signals) == score`` (up to rounding);
    ``signals`` is ordered by the size of each contribution.
    """

    score: float
    band: str
    signals: tuple[Signal, ...]
    findings: tuple[Finding, ...]
    features: Mapping[str, float]
    model: ModelInfo
    base_score: float = 50.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (NaN features become ``None``)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "score": round(self.score, 2),
            "band": self.band,
            "base_score": round(self.base_score, 2),
            "signals": [s.to_dict() for s in self.signals],
            "findings": [f.to_dict() for f in self.findings],
            "features": {k: _json_number(v) for k, v in self.features.items()},
            "model": self.model.to_dict(),
        }


def _json_number(value: float) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)
