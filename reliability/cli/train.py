"""`reliability train`: rebuild the model, its card and the evaluation table from the data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: "argparse._SubParsersAction") -> None:
    parser = subparsers.add_parser(
        "train", help="train the model from labeled corpora (shared normalized.jsonl format)",
        description="Fit the model on CheckThat train+dev and ReCOVery's training publishers, evaluate it on "
        "held-out corpora, and write model.json, model_card.json, MODEL_CARD.md and evaluation.md.",
    )
    parser.add_argument("--data", type=Path, required=True, help="folder holding checkthat2022_t3/, recovery/, ... (e.g. ../shared/data)")
    parser.add_argument("--out", type=Path, default=Path("models"), help="where to write the model and card (default: models)")
    parser.add_argument("--report", type=Path, default=Path("benchmarks"), help="where to write evaluation.md (default: benchmarks)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--bootstrap", type=int, default=1000, help="resamples for the 95%% intervals (default: 1000)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..training.pipeline import train_and_evaluate

    if not (args.data / "checkthat2022_t3" / "normalized.jsonl").exists():
        print(f"reliability train: no corpora under {args.data}", file=sys.stderr)
        return 2
    result, figures = train_and_evaluate(args.data, args.out, args.report, seed=args.seed, bootstrap=args.bootstrap,
                                         progress=lambda m: print(m, file=sys.stderr))
    from ..training.evaluate import render_markdown

    print(render_markdown(figures))
    print(f"wrote {args.out / 'model.json'} ({len(result.model.feature_names)} features, bands {result.model.bands})")
    return 0
