"""Figures on corpora the model never saw, with bootstrap intervals, a leakage
control (first and last 30 words removed) and a bag-of-words baseline."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

from ..model import LinearModel
from ..registry import Registry
from .corpora import Datasets, LabeledArticle, trim_words
from .train import _sample_weights, featurize

BOOTSTRAP = 1000
ECE_BINS = 10
METRICS = ("roc_auc", "balanced_accuracy", "brier", "ece")
ONE_CLASS = "llmfake_llm_fakes"


@dataclass
class CorpusFigures:
    corpus: str
    system: str  # "model", "model-trimmed", "baseline", "baseline-trimmed"
    n: int
    positives: int
    values: dict[str, float] = field(default_factory=dict)
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "corpus": self.corpus, "system": self.system, "n": self.n, "positives": self.positives,
            "values": {k: round(v, 4) for k, v in self.values.items()},
            "intervals": {k: [round(lo, 4), round(hi, 4)] for k, (lo, hi) in self.intervals.items()},
        }


def expected_calibration_error(p, y, bins: int = ECE_BINS) -> float:
    import numpy as np

    p, y = np.asarray(p, float), np.asarray(y, float)
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            total += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(total)


def roc_auc(p, y) -> float:
    """Mann-Whitney ROC-AUC with ties counted half (same as scikit-learn's), in numpy:
    fast enough to recompute for every bootstrap resample."""
    from scipy.stats import rankdata

    ranks = rankdata(p)
    positives = y == 1
    n_pos = int(positives.sum())
    n_neg = len(y) - n_pos
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _metrics(p, y, reliable_threshold: float) -> dict[str, float]:
    import numpy as np

    p, y = np.asarray(p, float), np.asarray(y, int)
    if y.min() == y.max():
        return {
            "share_below_reliable": float((p * 100 < reliable_threshold).mean()),
            "mean_score": float(p.mean() * 100),
        }
    predicted = p >= 0.5
    positives = y == 1
    balanced = (predicted[positives].mean() + (~predicted[~positives]).mean()) / 2
    return {
        "roc_auc": roc_auc(p, y),
        "balanced_accuracy": float(balanced),
        "brier": float(np.mean((p - y) ** 2)),
        "ece": expected_calibration_error(p, y),
    }


def figures(corpus: str, system: str, p, y, reliable_threshold: float, seed: int,
            bootstrap: int = BOOTSTRAP) -> CorpusFigures:
    import numpy as np

    p, y = np.asarray(p, float), np.asarray(y, int)
    result = CorpusFigures(corpus, system, len(y), int(y.sum()), _metrics(p, y, reliable_threshold))
    rng = np.random.default_rng(seed)
    samples: dict[str, list[float]] = {k: [] for k in result.values}
    two_classes = y.min() != y.max()
    for _ in range(bootstrap):
        idx = rng.integers(0, len(y), len(y))
        if two_classes and y[idx].min() == y[idx].max():
            continue
        for key, value in _metrics(p[idx], y[idx], reliable_threshold).items():
            samples[key].append(value)
    for key, values in samples.items():
        if values:
            lo, hi = np.percentile(values, [2.5, 97.5])
            result.intervals[key] = (float(lo), float(hi))
    return result


def model_probabilities(model: LinearModel, X, feature_names: Sequence[str]):
    """Calibrated probabilities for a feature matrix built by ``featurize``."""
    import numpy as np

    index = {n: i for i, n in enumerate(feature_names)}
    out = []
    for row in np.asarray(X, float):
        features = {n: row[index[n]] for n in model.feature_names if n in index}
        out.append(model.probability(features))
    return np.asarray(out)


class Baseline:
    """TF-IDF + logistic regression trained on the same articles and weights."""

    def __init__(self, seed: int = 13) -> None:
        self.seed = seed

    def fit(self, articles: Sequence[LabeledArticle]) -> "Baseline":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=100_000, sublinear_tf=True)
        X = self.vectorizer_.fit_transform([a.text for a in articles])
        self.classifier_ = LogisticRegression(C=4.0, max_iter=5000)
        self.classifier_.fit(X, [a.label for a in articles], sample_weight=_sample_weights(articles))
        return self

    def predict_proba(self, texts: Sequence[str]):
        return self.classifier_.predict_proba(self.vectorizer_.transform(list(texts)))[:, 1]


def evaluate(model: LinearModel, datasets: Datasets, registry: Registry, *, seed: int = 13,
             baseline: Baseline | None = None, progress=None, bootstrap: int = BOOTSTRAP) -> list[CorpusFigures]:
    """All figures for every evaluation corpus, model and baseline, full and trimmed."""
    names = list(registry.feature_names)
    threshold = model.bands["reliable"]
    results: list[CorpusFigures] = []
    if baseline is None:
        baseline = Baseline(seed).fit(datasets.train)
    for corpus, articles in datasets.evaluations.items():
        if progress:
            progress(f"evaluating {corpus} ({len(articles)} articles)")
        y = [a.label for a in articles]
        trimmed = [trim_words(a.text) for a in articles]
        keep = [i for i, t in enumerate(trimmed) if t.strip()]
        X = featurize(articles, registry)
        results.append(figures(corpus, "model", model_probabilities(model, X, names), y, threshold, seed, bootstrap))
        results.append(figures(corpus, "baseline", baseline.predict_proba([a.text for a in articles]), y, threshold, seed, bootstrap))
        kept_articles = [articles[i] for i in keep]
        kept_y = [y[i] for i in keep]
        kept_texts = [trimmed[i] for i in keep]
        Xt = featurize(kept_articles, registry, texts=kept_texts)
        results.append(figures(corpus, "model-trimmed", model_probabilities(model, Xt, names), kept_y, threshold, seed, bootstrap))
        results.append(figures(corpus, "baseline-trimmed", baseline.predict_proba(kept_texts), kept_y, threshold, seed, bootstrap))
    return results


def render_markdown(results: Sequence[CorpusFigures]) -> str:
    """The evaluation table the README links to."""

    def cell(f: CorpusFigures, key: str) -> str:
        if key not in f.values:
            return "–"
        value = f.values[key]
        lo, hi = f.intervals.get(key, (math.nan, math.nan))
        return f"{value:.3f} [{lo:.3f}, {hi:.3f}]"

    lines = [
        "| corpus | system | n (reliable) | ROC-AUC | balanced acc. | Brier | ECE |",
        "|---|---|---|---|---|---|---|",
    ]
    one_class = []
    for f in results:
        if "roc_auc" not in f.values:
            one_class.append(f)
            continue
        lines.append(
            f"| {f.corpus} | {f.system} | {f.n} ({f.positives}) | {cell(f, 'roc_auc')} | "
            f"{cell(f, 'balanced_accuracy')} | {cell(f, 'brier')} | {cell(f, 'ece')} |"
        )
    if one_class:
        lines += ["", "| corpus | system | n | share scored below `reliable` | mean score |", "|---|---|---|---|---|"]
        for f in one_class:
            lines.append(f"| {f.corpus} | {f.system} | {f.n} | {cell(f, 'share_below_reliable')} | {f.values['mean_score']:.1f} |")
    return "\n".join(lines) + "\n"
