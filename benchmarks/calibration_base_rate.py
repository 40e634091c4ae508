"""How much of the model's calibration error is the corpus's share of reliable articles.

The model is calibrated as if half of all articles were reliable (training
gives every corpus and label equal weight); a held-out corpus in which another
share is reliable can be miscalibrated "in the large" even when the model
ranks its articles well, and no text model can know a feed's share. Per
held-out corpus this prints the share of reliable articles, the mean predicted
probability and the expected calibration error (ECE, 10 bins):

* as shipped;
* after the textbook prior shift to the corpus's own share (every log-odds
  moved by logit(share) - logit(0.5); Saerens et al., 2002);
* after moving every log-odds by the one amount that makes the mean predicted
  probability equal the share (what is left is error in the model's ranking
  and spread, not in the base rate).

Corpora are the held-out sets of ``reliability train``; LLMFake has only fakes.

    python benchmarks/calibration_base_rate.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import math
import statistics
from pathlib import Path

from reliability.model import load_model
from reliability.registry import Registry
from reliability.training.corpora import build_datasets
from reliability.training.evaluate import expected_calibration_error, model_probabilities
from reliability.training.train import featurize

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shifted(probabilities: list[float], shift: float) -> list[float]:
    out = []
    for p in probabilities:
        p = min(max(p, 1e-12), 1 - 1e-12)
        out.append(1 / (1 + math.exp(-(math.log(p / (1 - p)) + shift))))
    return out


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def mean_matching_shift(probabilities: list[float], share: float) -> float:
    """The log-odds shift after which the mean probability equals ``share`` (bisection)."""
    low, high = -10.0, 10.0
    for _ in range(60):
        mid = (low + high) / 2
        if statistics.fmean(shifted(probabilities, mid)) < share:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()

    model = load_model()
    registry = Registry.default()
    names = list(registry.feature_names)
    datasets = build_datasets(args.data)
    print(f"model {model.name} {model.version}")
    print(f"{'corpus':28s} {'n':>5s} {'reliable':>8s} {'mean p':>7s} {'ECE shipped':>12s} "
          f"{'ECE prior shift':>16s} {'ECE mean matched':>17s}")
    for corpus, articles in datasets.evaluations.items():
        labels = [a.label for a in articles]
        if len(set(labels)) < 2:
            continue
        probabilities = list(model_probabilities(model, featurize(articles, registry), names))
        share = sum(labels) / len(labels)
        shipped = expected_calibration_error(probabilities, labels)
        prior = expected_calibration_error(shifted(probabilities, logit(share) - logit(0.5)), labels)
        matched = expected_calibration_error(shifted(probabilities, mean_matching_shift(probabilities, share)), labels)
        print(f"{corpus:28s} {len(labels):5d} {share:8.3f} {statistics.fmean(probabilities):7.3f} {shipped:12.3f} "
              f"{prior:16.3f} {matched:17.3f}")


if __name__ == "__main__":
    main()
