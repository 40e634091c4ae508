"""Load, verify and apply the trained model.

The model is a logistic regression over standardised detector features, with
its Platt calibration folded into the coefficients, stored as JSON. JSON was
chosen over joblib/pickle because loading it runs no code: a tampered or
swapped file cannot execute anything, and the runtime needs neither
scikit-learn nor numpy. Its sha256 is still pinned in the model card so that a
corrupted or hand-edited file is refused unless the caller says ``trusted=True``.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, Sequence

MODEL_FILE = "model.json"
CARD_FILE = "model_card.json"
TRANSFORMS = ("none", "log1p")


class ModelIntegrityError(RuntimeError):
    """The model file does not match the checksum its model card pins."""


@dataclass(frozen=True)
class LinearModel:
    """A calibrated linear model: ``p = sigmoid(intercept + coef . z)``.

    ``z`` is each feature transformed, clipped to the training range and
    standardised; an undefined (NaN) feature gets ``z = 0``, the training mean,
    so it neither raises nor lowers the score.
    """

    name: str
    version: str
    feature_names: tuple[str, ...]
    transforms: tuple[str, ...]
    clip_low: tuple[float, ...]
    clip_high: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    bands: Mapping[str, float]
    metadata: Mapping[str, Any]

    # -- serialisation -------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "LinearModel":
        features = data["features"]
        model = cls(
            name=data["name"],
            version=data["version"],
            feature_names=tuple(f["name"] for f in features),
            transforms=tuple(f.get("transform", "none") for f in features),
            clip_low=tuple(float(f["clip"][0]) for f in features),
            clip_high=tuple(float(f["clip"][1]) for f in features),
            mean=tuple(float(f["mean"]) for f in features),
            scale=tuple(float(f["scale"]) for f in features),
            coef=tuple(float(f["coef"]) for f in features),
            intercept=float(data["intercept"]),
            bands=dict(data["bands"]),
            metadata=dict(data.get("metadata", {})),
        )
        unknown = set(model.transforms) - set(TRANSFORMS)
        if unknown:
            raise ValueError(f"unknown feature transforms {sorted(unknown)}")
        return model

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "news-reliability-linear/1",
            "name": self.name,
            "version": self.version,
            "intercept": self.intercept,
            "bands": dict(self.bands),
            "features": [
                {
                    "name": name,
                    "transform": self.transforms[i],
                    "clip": [self.clip_low[i], self.clip_high[i]],
                    "mean": self.mean[i],
                    "scale": self.scale[i],
                    "coef": self.coef[i],
                }
                for i, name in enumerate(self.feature_names)
            ],
            "metadata": dict(self.metadata),
        }

    # -- application ---------------------------------------------------------
    @cached_property
    def _columns(self) -> tuple[tuple[str, bool, float, float, float, float], ...]:
        return tuple(zip(self.feature_names, (t == "log1p" for t in self.transforms), self.clip_low,
                         self.clip_high, self.mean, self.scale))

    def standardise(self, features: Mapping[str, float]) -> list[float]:
        z = []
        isnan, log1p = math.isnan, math.log1p
        for name, logged, low, high, mean, scale in self._columns:
            value = features.get(name, math.nan)
            if value is None or isnan(value):
                z.append(0.0)
                continue
            if logged:
                value = log1p(value if value > 0.0 else 0.0)
            value = low if value < low else high if value > high else value
            z.append((value - mean) / scale)
        return z

    def contributions(self, features: Mapping[str, float]) -> list[float]:
        """Each feature's term in the log-odds."""
        return [c * z for c, z in zip(self.coef, self.standardise(features))]

    def probability(self, features: Mapping[str, float]) -> float:
        """Calibrated probability that the article is reliable."""
        return sigmoid(self.intercept + sum(self.contributions(features)))

    def typical(self, index: int) -> float:
        """Feature ``index`` at the training mean, in its own units (undoing the
        transform): the value that neither raises nor lowers the score."""
        mean = self.mean[index]
        return math.expm1(mean) if self.transforms[index] == "log1p" else mean

    @property
    def base_score(self) -> float:
        """The score of an article whose every feature is at the training mean."""
        return 100.0 * sigmoid(self.intercept)

    def band(self, score: float) -> str:
        if score >= self.bands["reliable"]:
            return "reliable"
        if score < self.bands["unreliable"]:
            return "unreliable"
        return "questionable"


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def sha256_of(path: "Path | str") -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def bundled_path(name: str) -> Path:
    """Path of a file in the shipped ``models/`` folder (package ``reliability.models``)."""
    return Path(str(resources.files("reliability.models").joinpath(name)))


def load_card(path: "Path | str | None" = None) -> dict[str, Any]:
    return json.loads(Path(path or bundled_path(CARD_FILE)).read_text(encoding="utf-8"))


def load_model(path: "Path | str | None" = None, *, trusted: bool = False) -> LinearModel:
    """Load the shipped model (default) or a model file of the same format.

    The shipped model's sha256 must match the one its model card pins; a file
    given by ``path`` must match the card next to it, if there is one, unless
    ``trusted`` is true.
    """
    model_path = Path(path) if path else bundled_path(MODEL_FILE)
    raw = model_path.read_bytes()
    if not trusted:
        card_path = model_path.with_name(CARD_FILE)
        if card_path.exists():
            expected = load_card(card_path).get("model_sha256")
            actual = hashlib.sha256(raw).hexdigest()
            if expected and expected != actual:
                raise ModelIntegrityError(
                    f"{model_path} has sha256 {actual[:12]}…, but {card_path.name} pins {expected[:12]}…; "
                    "retrain with `reliability train` or pass trusted=True if you changed it on purpose"
                )
    return LinearModel.from_dict(json.loads(raw.decode("utf-8")))


def apportion(contributions: Sequence[float], intercept: float) -> tuple[float, float, list[float]]:
    """Split ``score - base`` among features in proportion to their log-odds terms.

    Returns ``(base, score, points)`` with ``base + sum(points) == score``. The
    factor is the secant slope of the sigmoid between base and score, positive,
    so every feature keeps the sign of its term.
    """
    total = sum(contributions)
    base = 100.0 * sigmoid(intercept)
    score = 100.0 * sigmoid(intercept + total)
    if abs(total) < 1e-12:
        p = sigmoid(intercept)
        slope = 100.0 * p * (1 - p)
    else:
        slope = (score - base) / total
    return base, score, [c * slope for c in contributions]
