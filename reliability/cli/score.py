"""`reliability score PATH...`: one row per input (score, band, top signals, findings, or an error).

Exit codes: 0 every input scored, 1 some inputs could not be read or scored,
2 usage error. With ``-o FILE`` rows are first appended to ``FILE.partial``
(flushed row by row) and ``FILE`` is written atomically at the end, so an
interrupted run leaves ``FILE`` untouched and ``--resume`` continues from the
partial file without losing or repeating rows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..config import ConfigError, Settings, resolve

SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}
_SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet",
                   ".txt": "table"}


class UsageError(Exception):
    """A mistake in the command line or settings: message on stderr, exit code 2."""


def register(subparsers: "argparse._SubParsersAction") -> None:
    from ..formats import SCORE_FORMATS

    parser = subparsers.add_parser(
        "score",
        help="score articles: one row per input with score, band, top signals and findings",
        description="Score every article in PATH... (files, folders walked recursively, globs, - for "
        "standard input). Each input yields exactly one row: its score, or the reason it could not be read.",
        epilog="Exit codes: 0 all inputs scored, 1 some inputs errored, 2 usage error. See docs/cli.md.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, globs, or - for standard input")
    parser.add_argument("-f", "--format", "--output-format", dest="format", choices=list(SCORE_FORMATS), default=None,
                        help="output format (default: from -o FILE's suffix; else table on a terminal, jsonl when piped)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write to FILE atomically (a temporary file, then a rename)")
    parser.add_argument("--resume", action="store_true",
                        help="continue an interrupted run with the same -o FILE (rows already in FILE.partial are kept)")
    parser.add_argument("--top", type=int, default=3, metavar="N", help="top signals per row (default: 3)")
    add_input_arguments(parser)
    parser.set_defaults(func=run)


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Flags shared by `score` and `check`: how to read inputs, processes, progress, settings."""
    from ..io.files import STDIN_FORMATS

    group = parser.add_argument_group("reading inputs")
    group.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                       help="score with N processes (default: 1; 0 = one per CPU)")
    group.add_argument("--max-bytes", type=parse_size, default=None, metavar="SIZE",
                       help="largest article to read, e.g. 5MB (default: 5MB)")
    group.add_argument("--text-field", default=None, metavar="NAME", help="field/column holding the text (default: text)")
    group.add_argument("--title-field", default=None, metavar="NAME", help="default: title")
    group.add_argument("--published-field", default=None, metavar="NAME", help="default: published")
    group.add_argument("--url-field", default=None, metavar="NAME", help="default: url")
    group.add_argument("--id-field", default=None, metavar="NAME", help="field naming each record (default: id)")
    group.add_argument("--exclude", action="append", default=None, metavar="GLOB",
                       help="leave matching files and folders out of folder walks (repeatable)")
    group.add_argument("--stdin-format", choices=list(STDIN_FORMATS), default="auto",
                       help="format of standard input (default: auto-detect)")
    group.add_argument("--model", default=None, metavar="PATH", help="score with this model.json instead of the shipped one")
    group.add_argument("--kb-extra", action="append", default=None, metavar="CSV",
                       help="your own knowledge-base rows (a newsroom's local officials); repeatable")
    group.add_argument("--progress", dest="progress", action="store_true", default=None,
                       help="always draw a progress bar on standard error")
    group.add_argument("--no-progress", dest="progress", action="store_false",
                       help="never draw a progress bar (default: only on a terminal, never under CI)")
    settings = parser.add_argument_group("settings")
    settings.add_argument("--config", default=None, metavar="FILE",
                          help="read settings from FILE (default: the nearest reliability.toml or pyproject.toml)")
    settings.add_argument("--isolated", action="store_true", help="ignore all config files")


def parse_size(value: str) -> int:
    """``5MB``, ``512k``, ``1000`` -> bytes."""
    text = value.strip().lower().replace(" ", "")
    number = text.rstrip("kmgb")
    unit = text[len(number):]
    try:
        size = float(number) * SIZE_UNITS[unit]
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 5MB, 512KB, 100000)") from None
    if size < 1:
        raise argparse.ArgumentTypeError("the size must be at least 1 byte")
    return int(size)


def settings_from_args(args: argparse.Namespace, **more: Any) -> Settings:
    """Config file, then the flags given (flags win)."""
    overrides = {
        "jobs": args.jobs,
        "max_bytes": args.max_bytes,
        "text_field": args.text_field,
        "title_field": args.title_field,
        "published_field": args.published_field,
        "url_field": args.url_field,
        "id_field": args.id_field,
        "exclude": args.exclude,
        "model": args.model,
        "kb_extra": args.kb_extra,
        **more,
    }
    return resolve(args.config, isolated=args.isolated, overrides=overrides)


def make_scorer(settings: Settings) -> Any:
    """The Scorer for a run (tests replace this to score with a fixed fake)."""
    from ..scoring import Scorer

    return Scorer(model_path=settings.model, kb_extra=settings.kb_extra)


def prepare_scorer(settings: Settings) -> Any:
    """The run's scorer, loaded here so that a broken model is a usage error before any article
    (worker processes get its arguments and load their own copy)."""
    scorer = make_scorer(settings)
    if hasattr(type(scorer), "registry"):
        try:
            scorer.registry  # noqa: B018 - loads the detectors and their data (and kb-extra files)
        except Exception as exc:  # a detector that fails to load: nothing can be scored
            raise UsageError(f"cannot load the detectors: {exc}") from None
    if hasattr(type(scorer), "model"):
        try:
            scorer.model  # noqa: B018 - loads detectors and model
        except (OSError, ValueError, RuntimeError) as exc:
            raise UsageError(f"cannot load the model: {exc}") from None
        except Exception as exc:  # a detector that fails to load: nothing can be scored
            raise UsageError(f"cannot load the detectors: {type(exc).__name__}: {exc}") from None
    return scorer


def input_paths(args: argparse.Namespace, stdin: Any = None) -> list[str]:
    stdin = stdin if stdin is not None else sys.stdin
    if args.paths:
        return list(args.paths)
    if stdin is not None and not _isatty(stdin):
        return ["-"]
    raise UsageError("give at least one PATH (a file, folder or glob), or - to read standard input")


def show_progress(args: argparse.Namespace) -> bool:
    """The flag; else a bar on a terminal's standard error, outside CI, unless the rows
    themselves are printing to that terminal (they show the progress, and a bar would garble them)."""
    from ..batch import progress_enabled

    if args.progress is not None:
        return args.progress
    if args.output in (None, "-") and _isatty(sys.stdout):
        return False
    return progress_enabled()


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except (UsageError, ConfigError) as exc:
        print(f"reliability score: error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from ..batch import Journal, progress, score_inputs, skip_done
    from ..formats import Summary, writer_class
    from ..formats.output import open_output
    from ..formats.rows import score_row
    from ..io import iter_tasks
    from ..io.paths import WalkStats, expand_paths

    settings = settings_from_args(args)
    fmt = choose_format(args.format, args.output)
    writer_type = writer_class(fmt)
    if writer_type.binary and args.output in (None, "-") and _isatty(sys.stdout):
        raise UsageError(f"{fmt} is a binary format: write it to a file with -o FILE, or pipe it")
    if args.resume and args.output in (None, "-"):
        raise UsageError("--resume needs -o FILE (the run's rows are kept in FILE.partial)")
    if args.top < 0:
        raise UsageError("--top must be 0 or more")
    paths = input_paths(args)
    options = settings.read_options(stdin_format=args.stdin_format)
    stats = WalkStats()
    show = show_progress(args)
    # Paths stream from the folder walk; holding them all would grow memory with the
    # folder (a million paths are hundreds of MB). The bar's total is a separate walk.
    total = progress_total(expand_paths(paths, options, WalkStats())) if show else None
    scorer = prepare_scorer(settings)
    records = iter_tasks(expand_paths(paths, options, stats), options)
    summary = Summary()

    def rows(records_: Any, initial: int = 0) -> Iterator[dict]:
        scored = score_inputs(records_, jobs=settings.jobs, scorer=scorer)
        for row in progress(scored, total=total, enabled=show, initial=initial):
            yield score_row(row, top=args.top)

    if args.output in (None, "-"):
        with open_output(None, binary=writer_type.binary) as out:
            writer = writer_type(out)
            for row in rows(records):
                summary.count_score_row(row)
                writer.write(row)
            writer.close(summary)
    else:
        journal = Journal(args.output + ".partial")
        done: Any = {}
        if args.resume and journal.exists():
            done = journal.done_ids()
            print(f"reliability score: resuming: {sum(done.values())} rows already in {journal.path}", file=sys.stderr)
        elif args.resume:
            print(f"reliability score: nothing to resume ({journal.path} does not exist); starting from the beginning",
                  file=sys.stderr)
        elif journal.exists():
            print(f"reliability score: starting over; {journal.path} held an interrupted run (use --resume to continue one)",
                  file=sys.stderr)
        journal.open(resume=bool(args.resume))
        try:
            for row in rows(skip_done(records, done) if done else records, initial=sum(done.values()) if done else 0):
                journal.append(row)
        except KeyboardInterrupt:
            journal.close()
            print(f"\nreliability score: interrupted; finished rows are in {journal.path}: "
                  "run the same command with --resume to continue", file=sys.stderr)
            return 130
        journal.close()
        with open_output(args.output, binary=writer_type.binary) as out:
            writer = writer_type(out)
            for row in journal.read():
                summary.count_score_row(row)
                writer.write(row)
            writer.close(summary)
        journal.remove()
    report_skips(stats, "score")
    if summary.errors:
        print(f"reliability score: {summary.errors} of {summary.total} inputs could not be read or scored "
              "(see their error field)", file=sys.stderr)
    return 1 if summary.errors else 0


def choose_format(fmt: str | None, output: str | None, stdout: Any = None) -> str:
    """The flag, else the output file's suffix, else table on a terminal and jsonl in a pipe."""
    if fmt:
        return fmt
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix in _SUFFIX_FORMATS:
            return _SUFFIX_FORMATS[suffix]
        raise UsageError(f"cannot tell the format from {output!r}: add -f json|jsonl|csv|parquet|table")
    return "table" if _isatty(stdout if stdout is not None else sys.stdout) else "jsonl"


def progress_total(items: Iterable[Any]) -> int | None:
    """Rows to expect: one per file, unknown when record files (one row per record) are among them."""
    from ..io import RECORD_SUFFIXES

    count = 0
    for item in items:
        if item.error is None and (item.path is None or item.path.suffix.lower() in RECORD_SUFFIXES):
            return None
        count += 1
    return count


def report_skips(stats: Any, command: str) -> None:
    """Say on standard error what folder walks left out (never a silent skip)."""
    if stats.skipped_unknown:
        examples = ", ".join(stats.examples)
        print(f"reliability {command}: left out {stats.skipped_unknown} files of unknown type found in folders "
              f"(e.g. {examples}); name a file to read it as text", file=sys.stderr)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


__all__: Sequence[str] = ("register", "run", "add_input_arguments", "settings_from_args", "make_scorer",
                          "prepare_scorer", "parse_size", "choose_format", "UsageError", "progress_total",
                          "report_skips", "show_progress", "input_paths")
