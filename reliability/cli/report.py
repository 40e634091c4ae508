"""`reliability report PATH... -o report.html`: one self-contained HTML page with
a sortable table of every article, its score and findings, and each article's
text with the evidence highlighted."""

from __future__ import annotations

import argparse
import io
import sys
from collections import defaultdict, deque
from typing import Any, Iterable, Iterator


def register(subparsers: "argparse._SubParsersAction") -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report of many articles",
        description=(
            "Score articles and write one HTML file (no network needed to open it): a sortable "
            "table of articles and scores, a score histogram, and each article's text with every "
            "finding highlighted in its detector's colour. Articles that cannot be read or scored "
            "are listed with their error."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of articles (txt, md, html, json, jsonl, csv, parquet)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write ('-' for standard output)")
    parser.add_argument("--title", default="News reliability report", help="the page title")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="score with N processes (default 1; 0 = one per CPU)")
    # The same model, knowledge base and reading settings as `reliability score`: a
    # report shows the scores a batch run gives the same files.
    parser.add_argument("--model", metavar="FILE", help="score with this model file instead of the shipped one")
    parser.add_argument("--kb-extra", action="append", default=None, metavar="CSV",
                        help="your own knowledge-base rows (a newsroom's local officials); repeatable")
    parser.add_argument("--config", default=None, metavar="FILE",
                        help="read settings from FILE (default: the nearest reliability.toml or pyproject.toml)")
    parser.add_argument("--isolated", action="store_true", help="ignore all config files")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on standard error")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import progress, progress_enabled, score_inputs
    from ..config import ConfigError, resolve
    from ..formats.html import HtmlReport, write_html
    from ..io import iter_inputs
    from .score import UsageError, prepare_scorer

    if args.jobs is not None and args.jobs < 0:
        print("reliability report: --jobs must be 0 (one per CPU) or more", file=sys.stderr)
        return 2
    try:
        settings = resolve(args.config, isolated=args.isolated,
                           overrides={"jobs": args.jobs, "model": args.model, "kb_extra": args.kb_extra})
        scorer = prepare_scorer(settings)
    except (UsageError, ConfigError) as exc:
        print(f"reliability report: error: {exc}", file=sys.stderr)
        return 2

    report = HtmlReport(title=args.title)
    metadata: dict[str, deque] = defaultdict(deque)
    options = settings.read_options()
    records = _remember_metadata(iter_inputs(args.paths, options), metadata)
    failed = 0
    rows = score_inputs(records, jobs=settings.jobs, scorer=scorer)
    for row in progress(rows, enabled=not args.quiet and progress_enabled()):
        title, url, published = _metadata_for(row, metadata)
        report.add_article(row.id, row.report, text=row.text, error=row.error,
                           title=title, url=url, published=published)
        failed += row.error is not None or row.report is None

    if args.output == "-":
        _write_stdout(report)
        size = None
    else:
        try:
            size = write_html(report, args.output)
        except OSError as exc:
            print(f"reliability report: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    if not args.quiet:
        where = "standard output" if size is None else f"{args.output} ({_human_size(size)})"
        note = f", {failed} not scored" if failed else ""
        print(f"reliability report: {len(report)} article{'s' if len(report) != 1 else ''}{note} -> {where}",
              file=sys.stderr)
    return 1 if failed else 0


def _write_stdout(report: Any) -> None:
    """The page is UTF-8 whatever the terminal's locale says."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a replaced sys.stdout (tests) takes text as it is
        report.write(sys.stdout)
        return
    sys.stdout.flush()
    out = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")
    try:
        report.write(out)
        out.flush()
    finally:
        out.detach()


def _remember_metadata(records: Iterable[Any], metadata: "dict[str, deque]") -> Iterator[Any]:
    """Pass records through, keeping title/url/published by id (result rows
    carry only id, report, error and text)."""
    for record in records:
        metadata[record.id].append((getattr(record, "title", None), getattr(record, "url", None),
                                    getattr(record, "published", None)))
        yield record


def _metadata_for(row: Any, metadata: "dict[str, deque]") -> tuple[Any, Any, Any]:
    queue = metadata.get(row.id)
    remembered = queue.popleft() if queue else (None, None, None)
    if queue is not None and not queue:
        del metadata[row.id]
    return tuple(getattr(row, name, None) or value
                 for name, value in zip(("title", "url", "published"), remembered))  # type: ignore[return-value]


def _human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"  # pragma: no cover
