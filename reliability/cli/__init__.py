"""Command-line interface: ``reliability COMMAND ...``.

Each command is a module here with ``register(subparsers)`` (adds its parser and
sets ``func``) and returns an exit code: 0 all well, 1 articles failed or inputs
errored, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import check, evaluate, explain, report, rule, score, train

COMMANDS = (score, check, report, explain, rule, train, evaluate)


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="reliability",
        description="Score news articles for the marks of fabricated or low-quality content.",
    )
    parser.add_argument("--version", action="version", version=f"news-reliability {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
