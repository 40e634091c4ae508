"""Fit the shipped model: detector features -> calibrated logistic regression -> JSON.

Deterministic: the same data, detectors and seed give a byte-identical model file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from ..document import Document
from ..features import extract
from ..model import LinearModel
from ..registry import Registry
from .corpora import LabeledArticle

C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
DIRECTIONS_FILE = "feature_directions.csv"
_BOUNDS = {"risk": (None, 0.0), "credibility": (0.0, None), "free": (None, None)}
FOLDS = 5
# Winsorising at the 2nd and 98th percentiles: a few articles with extreme rates (a 40-word text with
# three exclamation marks) otherwise set a coefficient's scale; cross-validated AUC 0.750 -> 0.757.
CLIP_QUANTILES = (0.02, 0.98)
BAND_PRECISION = 0.80


@dataclass
class TrainingResult:
    model: LinearModel
    oof_scores: list[float]  # out-of-fold calibrated scores of the training articles
    labels: list[int]
    chosen_c: float
    cv_auc: dict[float, float]
    band_precision: dict[str, float]
    band_share: dict[str, float]


PRIOR_CAP = 3.0


def load_directions() -> dict[str, str]:
    """feature -> risk | credibility | free | exclude | prior, from the shipped data file."""
    import csv
    from importlib import resources

    raw = resources.files(__package__).joinpath(DIRECTIONS_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in raw.splitlines() if line and not line.startswith("#"))
    rows = list(rows)
    directions = {row["feature"]: row["direction"] for row in rows}
    unknown = set(directions.values()) - set(_BOUNDS) - {"exclude", "prior"}
    if unknown:
        raise ValueError(f"{DIRECTIONS_FILE}: unknown directions {sorted(unknown)}")
    return directions


def load_priors() -> dict[str, float]:
    """feature -> hand-set log-odds per occurrence, for the ``prior`` features."""
    import csv
    from importlib import resources

    raw = resources.files(__package__).joinpath(DIRECTIONS_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in raw.splitlines() if line and not line.startswith("#"))
    return {row["feature"]: float(row["prior_log_odds"]) for row in rows if row["direction"] == "prior"}


def fit_logistic(Z, y, w, C: float, bounds):
    """Weighted, L2-regularised logistic regression with a sign bound per
    coefficient (L-BFGS-B); returns ``(coef, intercept)``. scikit-learn's
    LogisticRegression has no bounds, which the sign constraints need."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import expit

    d = Z.shape[1]

    def objective(params):
        coef, intercept = params[:-1], params[-1]
        margin = Z @ coef + intercept
        loss = np.sum(w * (np.logaddexp(0.0, margin) - y * margin)) + 0.5 * coef @ coef / C
        residual = w * (expit(margin) - y)
        gradient = np.append(Z.T @ residual + coef / C, residual.sum())
        return loss, gradient

    result = minimize(objective, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                      bounds=list(bounds) + [(None, None)], options={"maxiter": 5000, "gtol": 1e-9})
    return result.x[:-1], float(result.x[-1])


def featurize(articles: Sequence[LabeledArticle], registry: Registry, texts: Sequence[str] | None = None):
    """The feature matrix (numpy, NaN where undefined) of ``articles``."""
    import numpy as np

    texts = texts if texts is not None else [a.text for a in articles]
    rows = []
    for article, text in zip(articles, texts):
        doc = Document.build(text, title=article.title)
        rows.append(list(extract(registry, doc).features.values()))
    return np.asarray(rows, dtype=float).reshape(len(rows), len(registry.feature_names))


def _round(x: float) -> float:
    return float(f"{x:.10g}")


def _sample_weights(articles: Sequence[LabeledArticle]):
    """Equal total weight for every (corpus, label) cell, so that a feature which
    only tells the corpora apart cannot pass for a reliability signal."""
    import numpy as np

    cells: dict[tuple[str, int], int] = {}
    for a in articles:
        cells[(a.corpus, a.label)] = cells.get((a.corpus, a.label), 0) + 1
    n = len(articles)
    return np.asarray([n / (len(cells) * cells[(a.corpus, a.label)]) for a in articles])


def _prepare(X, feature_names: Sequence[str]):
    """Choose a transform per feature and the clip range, from the training data only."""
    import numpy as np

    transforms, lows, highs = [], [], []
    for j in range(X.shape[1]):
        col = X[:, j]
        finite = col[np.isfinite(col)]
        transform = "none"
        # Rates per 1,000 words are skewed counts: log1p on every one of them (not only the widest)
        # makes the first occurrences count more than the tenth; cross-validated AUC 0.744 -> 0.750.
        if finite.size and finite.min() >= 0 and (np.quantile(finite, 0.95) > 5 or feature_names[j].endswith("_per_1k")):
            transform = "log1p"
        values = np.log1p(finite) if transform == "log1p" else finite
        if values.size:
            low, high = np.quantile(values, CLIP_QUANTILES)
        else:
            low, high = 0.0, 0.0
        transforms.append(transform)
        lows.append(_round(float(low)))
        highs.append(_round(float(high)))
    return transforms, lows, highs


def _transform(X, transforms, lows, highs):
    import numpy as np

    Z = np.array(X, dtype=float, copy=True)
    for j, transform in enumerate(transforms):
        col = Z[:, j]
        if transform == "log1p":
            col = np.log1p(np.clip(col, 0, None))
        Z[:, j] = np.clip(col, lows[j], highs[j])
    return Z


def _folds(articles: Sequence[LabeledArticle], seed: int):
    from sklearn.model_selection import StratifiedGroupKFold

    labels = [f"{a.corpus}:{a.label}" for a in articles]
    groups = [a.group for a in articles]
    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=seed)
    return list(splitter.split(list(range(len(articles))), labels, groups))


def train_model(
    articles: Sequence[LabeledArticle],
    registry: Registry,
    *,
    seed: int = 13,
    name: str = "news-reliability-linear",
    version: str = "1",
    X=None,
    exclude: Sequence[str] = (),
) -> TrainingResult:
    """Fit, cross-validate, calibrate and export the model."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    X_all = featurize(articles, registry) if X is None else X
    names = list(registry.feature_names)
    directions = load_directions()
    missing = [n for n in names if n not in directions]
    if missing:
        raise ValueError(f"{DIRECTIONS_FILE} does not say which way these features may move the score: {missing}")
    priors = {n: w for n, w in load_priors().items() if n in names and n not in set(exclude)}
    excluded = set(exclude) | {n for n in names if directions[n] in ("exclude", "prior")}
    keep = [j for j, n in enumerate(names) if n not in excluded]
    X_all = X_all[:, keep]
    names = [names[j] for j in keep]
    y = np.asarray([a.label for a in articles])
    w = _sample_weights(articles)
    transforms, lows, highs = _prepare(X_all, names)
    Z = _transform(X_all, transforms, lows, highs)
    mean = np.nanmean(Z, axis=0)
    mean = np.where(np.isfinite(mean), mean, 0.0)
    std = np.nanstd(Z, axis=0)
    scale = np.where(np.isfinite(std) & (std > 1e-9), std, 1.0)
    Zs = (Z - mean) / scale
    Zs = np.where(np.isfinite(Zs), Zs, 0.0)

    folds = _folds(articles, seed)
    bounds = [_BOUNDS[directions[n]] for n in names]

    def fit(c: float, idx):
        return fit_logistic(Zs[idx], y[idx], w[idx], c, bounds)

    cv_auc: dict[float, float] = {}
    oof_by_c: dict[float, np.ndarray] = {}
    for c in C_GRID:
        oof = np.zeros(len(y))
        for train_idx, test_idx in folds:
            coef_c, intercept_c = fit(c, train_idx)
            oof[test_idx] = Zs[test_idx] @ coef_c + intercept_c
        oof_by_c[c] = oof
        cv_auc[c] = float(roc_auc_score(y, oof, sample_weight=w))
    chosen = max(C_GRID, key=lambda c: (round(cv_auc[c], 3), -c))
    final_coef, final_intercept = fit(chosen, np.arange(len(y)))

    platt = LogisticRegression(C=1e6, max_iter=1000)
    platt.fit(oof_by_c[chosen].reshape(-1, 1), y, sample_weight=w)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    coef = [a * float(c) for c in final_coef]
    intercept = a * final_intercept + b
    # Hand-set evidence weights join after calibration, on the raw count.
    for prior_name, weight in sorted(priors.items()):
        names.append(prior_name)
        transforms.append("none")
        lows.append(0.0)
        highs.append(PRIOR_CAP)
        mean = np.append(mean, 0.0)
        scale = np.append(scale, 1.0)
        coef.append(weight)
        directions[prior_name] = "prior"
    oof_scores = [100.0 / (1.0 + math.exp(-(a * v + b))) for v in oof_by_c[chosen]]

    bands, precision, shares = choose_bands(oof_scores, y.tolist(), w.tolist())
    model = LinearModel(
        name=name,
        version=version,
        feature_names=tuple(names),
        transforms=tuple(transforms),
        clip_low=tuple(lows),
        clip_high=tuple(highs),
        mean=tuple(_round(m) for m in mean),
        scale=tuple(_round(s) for s in scale),
        coef=tuple(_round(c) for c in coef),
        intercept=_round(intercept),
        bands=bands,
        metadata={"seed": seed, "C": chosen, "calibration": "Platt scaling on out-of-fold logits",
                  "directions": {n: directions[n] for n in names}},
    )
    return TrainingResult(model, oof_scores, y.tolist(), chosen, cv_auc, precision, shares)


def choose_bands(scores: Sequence[float], labels: Sequence[int], weights: Sequence[float]):
    """Thresholds from validation scores: ``reliable`` is the lowest score above
    which at least 80% (weighted) of articles are reliable; ``unreliable`` the
    highest score below which at least 80% are unreliable."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    candidates = sorted({round(s) for s in scores} | {50})

    def precision_above(t: float) -> tuple[float, float]:
        sel = [i for i in order if scores[i] >= t]
        tot = sum(weights[i] for i in sel)
        return (sum(weights[i] for i in sel if labels[i] == 1) / tot if tot else 0.0), len(sel) / len(scores)

    def precision_below(t: float) -> tuple[float, float]:
        sel = [i for i in order if scores[i] < t]
        tot = sum(weights[i] for i in sel)
        return (sum(weights[i] for i in sel if labels[i] == 0) / tot if tot else 0.0), len(sel) / len(scores)

    reliable = next((t for t in candidates if t >= 50 and precision_above(t)[0] >= BAND_PRECISION), 90)
    unreliable = next((t for t in reversed(candidates) if t <= 50 and precision_below(t)[0] >= BAND_PRECISION), 10)
    p_rel, s_rel = precision_above(reliable)
    p_unrel, s_unrel = precision_below(unreliable)
    bands = {"reliable": float(reliable), "unreliable": float(unreliable)}
    return bands, {"reliable": round(p_rel, 3), "unreliable": round(p_unrel, 3)}, {
        "reliable": round(s_rel, 3), "unreliable": round(s_unrel, 3), "questionable": round(1 - s_rel - s_unrel, 3)}
