"""`reliability evaluate`: figures of a model on the held-out corpora; `--gate` refuses a worse model."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: "argparse._SubParsersAction") -> None:
    parser = subparsers.add_parser(
        "evaluate", help="measure a model on held-out corpora; --gate fails when it is worse than its card",
    )
    parser.add_argument("--data", type=Path, required=True, help="folder holding the corpora (e.g. ../shared/data)")
    parser.add_argument("--model", type=Path, default=None, help="model.json to evaluate (default: the shipped model)")
    parser.add_argument("--card", type=Path, default=None, help="model card to gate against (default: the model's own card)")
    parser.add_argument("--gate", action="store_true", help="exit 1 when any figure is worse than the card's, or the data changed")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--bootstrap", type=int, default=1000, help="resamples for the 95%% intervals (default: 1000)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..model import CARD_FILE, bundled_path, load_card, load_model
    from ..training.evaluate import render_markdown
    from ..training.pipeline import evaluate_model, gate

    model = load_model(args.model)
    datasets, figures = evaluate_model(model, args.data, seed=args.seed, bootstrap=args.bootstrap, progress=lambda m: print(m, file=sys.stderr))
    if args.json:
        print(json.dumps([f.to_dict() for f in figures], indent=1))
    else:
        print(render_markdown(figures))
    if not args.gate:
        return 0
    card_path = args.card or (args.model.with_name(CARD_FILE) if args.model else bundled_path(CARD_FILE))
    problems = gate(load_card(card_path), datasets, figures)
    for problem in problems:
        print(f"gate: {problem}", file=sys.stderr)
    print("gate: " + ("FAILED" if problems else "passed"), file=sys.stderr)
    return 1 if problems else 0
