"""One command from the data to the shipped model, its card and the figures.

``reliability train`` runs :func:`train_and_evaluate`; ``reliability evaluate``
runs :func:`evaluate_model` and, with ``--gate``, :func:`gate`.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
from pathlib import Path
from typing import Callable

from ..model import CARD_FILE, MODEL_FILE, LinearModel, load_card, sha256_of
from ..registry import Registry
from .corpora import Datasets, build_datasets
from .evaluate import BOOTSTRAP, CorpusFigures, evaluate, render_markdown
from .train import TrainingResult, train_model

GATE_TOLERANCE = 0.005
GATED_METRICS = {"roc_auc": 1, "balanced_accuracy": 1, "brier": -1, "ece": -1, "share_below_reliable": 1}

Progress = Callable[[str], None]


def _training_checksum(datasets: Datasets) -> str:
    digest = hashlib.sha256()
    for article in sorted(datasets.train, key=lambda a: (a.corpus, a.id)):
        digest.update(f"{article.corpus}\t{article.id}\t{article.label}\t".encode())
        digest.update(hashlib.sha256(article.text.encode("utf-8")).digest())
    return digest.hexdigest()


def _dump(data: object) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def train_and_evaluate(data_dir: Path, out_dir: Path, report_dir: Path | None, *, seed: int = 13,
                       bootstrap: int = BOOTSTRAP, progress: Progress = lambda _: None) -> tuple[TrainingResult, list[CorpusFigures]]:
    """Build the datasets, fit, evaluate, and write model, card and figures."""
    registry = Registry.default()
    progress("reading and deduplicating corpora")
    datasets = build_datasets(data_dir, seed=seed)
    for note in datasets.notes:
        progress(note)
    train_sum = _training_checksum(datasets)
    progress(f"extracting features of {len(datasets.train)} training articles")
    result = train_model(datasets.train, registry, seed=seed, version="")
    # The version names the model's content (weights, features, bands), so a change of
    # detectors or training gives a new version even on the same data.
    content = hashlib.sha256(_dump(result.model.to_dict()).encode("utf-8")).hexdigest()
    result.model = dataclasses.replace(result.model, version=f"1.{content[:8]}")
    progress(f"C={result.chosen_c}, cross-validated ROC-AUC {result.cv_auc[result.chosen_c]:.3f}; evaluating")
    figures = evaluate(result.model, datasets, registry, seed=seed, progress=progress, bootstrap=bootstrap)

    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / MODEL_FILE
    model_path.write_text(_dump(result.model.to_dict()), encoding="utf-8")
    card = {
        "model": result.model.name,
        "version": result.model.version,
        "model_file": MODEL_FILE,
        "model_sha256": sha256_of(model_path),
        "trained_on": _dt.date.today().isoformat(),
        "seed": seed,
        "bootstrap_resamples": bootstrap,
        "detectors": {spec.name: spec.version for spec in registry.specs},
        "training_data": {"articles": len(datasets.train), "sha256": train_sum, "notes": datasets.notes},
        "evaluation_data_sha256": datasets.checksum(),
        "cross_validation": {"C": result.chosen_c, "roc_auc_by_C": {str(k): round(v, 4) for k, v in result.cv_auc.items()}},
        "bands": {
            "thresholds": result.model.bands,
            "validation_precision": result.band_precision,
            "validation_share": result.band_share,
        },
        "features": [
            {"name": n, "coef": c, "transform": t, "direction": result.model.metadata["directions"][n]}
            for n, c, t in zip(result.model.feature_names, result.model.coef, result.model.transforms)
        ],
        "evaluation": [f.to_dict() for f in figures],
    }
    (out_dir / CARD_FILE).write_text(_dump(card), encoding="utf-8")
    (out_dir / "MODEL_CARD.md").write_text(render_card(card, figures), encoding="utf-8")
    if report_dir is not None:
        report_dir.mkdir(parents=True, exist_ok=True)
        (report_dir / "evaluation.md").write_text(render_evaluation(card, figures), encoding="utf-8")
    return result, figures


def evaluate_model(model: LinearModel, data_dir: Path, *, seed: int = 13, bootstrap: int = BOOTSTRAP,
                   progress: Progress = lambda _: None) -> tuple[Datasets, list[CorpusFigures]]:
    datasets = build_datasets(data_dir, seed=seed)
    return datasets, evaluate(model, datasets, Registry.default(), seed=seed, progress=progress, bootstrap=bootstrap)


def gate(card: dict, datasets: Datasets, figures: list[CorpusFigures]) -> list[str]:
    """Reasons to refuse the model: figures below the card's, or other data."""
    problems = []
    if card.get("evaluation_data_sha256") != datasets.checksum():
        problems.append("the evaluation data differ from those the model card was measured on (checksum mismatch)")
    pinned = {(f["corpus"], f["system"]): f["values"] for f in card.get("evaluation", [])}
    for f in figures:
        if not f.system.startswith("model"):
            continue
        for metric, direction in GATED_METRICS.items():
            if metric not in f.values or metric not in pinned.get((f.corpus, f.system), {}):
                continue
            expected = pinned[(f.corpus, f.system)][metric]
            if direction * (f.values[metric] - expected) < -GATE_TOLERANCE:
                problems.append(f"{f.corpus} ({f.system}) {metric} {f.values[metric]:.4f} is worse than the card's {expected:.4f}")
    return problems


def render_evaluation(card: dict, figures: list[CorpusFigures]) -> str:
    return (
        "# Evaluation on held-out corpora\n\n"
        f"Model `{card['model']}` {card['version']} (trained {card['trained_on']}, seed {card['seed']}). "
        "Produced by `reliability train --data ../shared/data` (re-check with `reliability evaluate --data ../shared/data --gate`).\n\n"
        "Every corpus below was never trained on: CheckThat test is deduplicated against train and dev, ReCOVery is "
        "split by publisher, Perez-Rosas and LLMFake are other corpora. `*-trimmed` rows score the same articles with "
        "their first and last 30 words removed (site templates live there); `baseline` is TF-IDF + logistic regression "
        "trained on the same articles with the same weights. Brackets: bootstrap 95% intervals "
        f"({card['bootstrap_resamples']} resamples). Balanced accuracy at score 50; ECE over 10 bins.\n\n"
        + render_markdown(figures)
        + "\n## Data\n\n" + "\n".join(f"- {n}" for n in card["training_data"]["notes"]) + "\n"
    )


def render_card(card: dict, figures: list[CorpusFigures]) -> str:
    bands = card["bands"]
    lines = [
        f"# Model card: {card['model']} {card['version']}",
        "",
        f"Trained {card['trained_on']} with seed {card['seed']} by `reliability train`; file `{card['model_file']}` "
        f"(sha256 `{card['model_sha256']}`, pinned here and checked on load).",
        "",
        "## What it is",
        "A logistic regression over the detectors' features (each transformed, clipped to the training range and "
        "standardised), calibrated by Platt scaling on out-of-fold predictions, stored as JSON coefficients: loading "
        "it runs no code. Training weights give every (corpus, label) cell equal weight, so a feature that only tells "
        "the corpora apart cannot pass for a reliability signal. Coefficients are sign-constrained: a risk signal "
        "(anonymous sourcing, boilerplate, hedging, sensational language) can only lower the score, whatever a "
        "publisher's template taught the data. Knowledge-base evidence of fabrication (a refuted office holder, a "
        "rank that does not exist, a near-miss of a known name, a placeholder expert) never occurs in the training "
        "corpora, so its weight is a hand-set prior, listed below.",
        "",
        "## Training data",
        f"{card['training_data']['articles']} articles: CheckThat! 2022 Task 3 train+dev (CLEF, research use; true = 1, "
        "false and partially false = 0, other dropped) and the training publishers of ReCOVery (CC BY-NC-SA 4.0; "
        "labels describe the publisher).",
        *[f"- {n}" for n in card["training_data"]["notes"]],
        "",
        "## Bands",
        f"`reliable` from score {bands['thresholds']['reliable']:.0f}, `unreliable` below {bands['thresholds']['unreliable']:.0f}, "
        "`questionable` between. Chosen on out-of-fold validation scores as the widest bands whose (class-balanced) "
        "precision is at least 0.80:",
        f"- reliable: precision {bands['validation_precision']['reliable']}, share of validation articles {bands['validation_share']['reliable']}",
        f"- unreliable: precision {bands['validation_precision']['unreliable']}, share {bands['validation_share']['unreliable']}",
        f"- questionable: share {bands['validation_share']['questionable']}",
        "",
        f"## Cross-validation\nGrouped 5-fold (publisher or duplicate cluster), ROC-AUC by C: {card['cross_validation']['roc_auc_by_C']}; chosen C = {card['cross_validation']['C']}.",
        "",
        "## Evaluation (held-out corpora)",
        f"Evaluation data sha256 `{card['evaluation_data_sha256']}`.",
        "",
        render_markdown(figures),
        "## Features and coefficients",
        "Log-odds per standard deviation of the (transformed) feature; `prior` rows are log-odds per occurrence "
        "(at most 3 counted), set by hand because no training article shows that evidence. `risk` features may "
        "only lower the score and `credibility` features only raise it (sign-constrained fit); see "
        "`reliability/training/feature_directions.csv`.",
        "",
        "| feature | coefficient | direction | transform |",
        "|---|---|---|---|",
        *[f"| {f['name']} | {f['coef']:+.3f} | {f['direction']} | {f['transform']} |" for f in card["features"]],
        "",
        "## Limits",
        "- Labels of ReCOVery describe publishers, not articles; CheckThat labels come from fact-checks of claims.",
        "- Perez-Rosas fakes are crowd-written rewrites matched in topic: humans reach about 70% accuracy, and style "
        "features carry little signal there.",
        "- The score measures the marks of low-quality or fabricated writing, not the truth of any claim.",
        "",
    ]
    return "\n".join(lines)


def shipped_card() -> dict:
    return load_card()
