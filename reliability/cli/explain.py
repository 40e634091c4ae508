"""`reliability explain FILE`: the score, the signals with their points, and the
article with every finding highlighted in its detector's colour."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Sequence, TextIO

from ..report import ArticleReport, Finding

if TYPE_CHECKING:
    from ..io import ReadOptions
    from ..scoring import Scorer

# ANSI background colours per detector; later detectors cycle through the rest.
_DETECTOR_COLOURS = {
    "anonymous_sourcing": "43",  # yellow
    "unverifiable_names": "41",  # red
    "boilerplate": "47",  # grey
    "hedging": "46",  # cyan
    "readability": "44",  # blue
    "style": "45",  # magenta
    "reporting": "42",  # green
}
_SPARE_COLOURS = ("100", "104", "105")
_BAND_COLOURS = {"reliable": "32", "questionable": "33", "unreliable": "31"}


def register(subparsers: "argparse._SubParsersAction") -> None:
    parser = subparsers.add_parser(
        "explain", help="explain one article's score, with the evidence highlighted",
        description="Print the score, every signal with its signed points (base + points = score), "
        "and the article text with each finding highlighted in the colour of its detector.",
    )
    parser.add_argument("path", help="an article file (.txt, .md, .html, .json ...) or - for standard input")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) if the file does not say")
    parser.add_argument("--title", help="the article's title")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="highlight with terminal colours (default: when writing to a terminal)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON instead")
    parser.add_argument("--no-text", action="store_true", help="omit the highlighted article text")
    # The same model, knowledge base and reading settings as `reliability score`, so
    # that the score explained is the score a batch run gives the same file.
    parser.add_argument("--model", default=None, metavar="PATH", help="score with this model.json instead of the shipped one")
    parser.add_argument("--kb-extra", action="append", default=None, metavar="CSV",
                        help="your own knowledge-base rows (a newsroom's local officials); repeatable")
    parser.add_argument("--config", default=None, metavar="FILE",
                        help="read settings from FILE (default: the nearest reliability.toml or pyproject.toml)")
    parser.add_argument("--isolated", action="store_true", help="ignore all config files")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..config import ConfigError, resolve
    from .score import UsageError, prepare_scorer

    try:
        settings = resolve(args.config, isolated=args.isolated, overrides={"model": args.model, "kb_extra": args.kb_extra})
        scorer = prepare_scorer(settings)
    except (UsageError, ConfigError) as exc:
        print(f"reliability explain: error: {exc}", file=sys.stderr)
        return 2
    return _explain(args, scorer, settings.read_options())


def _explain(args: argparse.Namespace, scorer: "Scorer", options: "ReadOptions") -> int:
    from ..io import iter_inputs

    # Two records at most: a feed of a million rows is not read to explain its first.
    records = list(itertools.islice(iter_inputs([args.path], options), 2))
    if not records:
        print(f"reliability explain: nothing to read in {args.path}", file=sys.stderr)
        return 2
    record = records[0]
    if record.error:
        print(f"reliability explain: {record.id}: {record.error}", file=sys.stderr)
        return 1
    if len(records) > 1:
        print(f"reliability explain: {args.path} holds more than one article; explaining the first", file=sys.stderr)
    report = scorer.score(record.text, title=args.title or record.title,
                          published=args.published or record.published, url=record.url)
    if args.json:
        print(json.dumps(report.to_dict(), indent=1, ensure_ascii=False))
        return 0
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    render(report, record.text, record.id, sys.stdout, colour=colour, show_text=not args.no_text)
    return 0


def _paint(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def detector_colours(findings: Sequence[Finding]) -> dict[str, str]:
    colours = dict(_DETECTOR_COLOURS)
    spare = iter(_SPARE_COLOURS * 4)
    for finding in findings:
        if finding.detector not in colours:
            colours[finding.detector] = next(spare, "100")
    return colours


def render(report: ArticleReport, text: str, name: str, out: TextIO, *, colour: bool, show_text: bool = True) -> None:
    width = min(100, shutil.get_terminal_size((100, 20)).columns)
    band = _paint(report.band.upper(), "1;" + _BAND_COLOURS.get(report.band, "0"), colour)
    out.write(f"{name}\n  score {report.score:.1f} / 100  {band}   (base {report.base_score:.1f}; "
              f"model {report.model.name} {report.model.version})\n\n")
    out.write("Signals (points from the base score; they add up to the score)\n")
    for signal in report.signals:
        sign = _paint(f"{signal.points:+6.1f}", "31" if signal.points < 0 else "32", colour)
        lines = textwrap.wrap(signal.message, width - 10) or [""]
        out.write(f"  {sign}  {lines[0]}\n")
        for line in lines[1:]:
            out.write(f"          {line}\n")
    colours = detector_colours(report.findings)
    spans = [f for f in report.findings if f.start is not None]
    out.write(f"\nFindings: {len(report.findings)}")
    if spans:
        legend = "  ".join(_paint(f" {d} ", colours[d], colour) for d in sorted({f.detector for f in spans}))
        out.write(f"   {legend}")
    out.write("\n")
    for finding in report.findings:
        where = f"{finding.start}-{finding.end}" if finding.start is not None else "article"
        out.write(f"  {finding.code} {finding.severity:<7} {where:<11} {finding.message}\n")
    if show_text and spans:
        out.write("\nText (findings highlighted; [code] after each)\n\n")
        out.write(highlight(text, spans, colours, colour))
        out.write("\n")


def highlight(text: str, findings: Sequence[Finding], colours: dict[str, str], colour: bool) -> str:
    """The text with non-overlapping highlights: where findings overlap, the
    earlier (then longer) one is drawn, and the codes of all are listed after it."""
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end or 0)))
    pieces, pos = [], 0
    i = 0
    while i < len(ordered):
        first = ordered[i]
        start, end = first.start, first.end
        codes = [first.code]
        j = i + 1
        while j < len(ordered) and ordered[j].start < end:
            end = max(end, ordered[j].end)
            codes.append(ordered[j].code)
            j += 1
        if start < pos:
            start = pos
        pieces.append(text[pos:start])
        marked = text[start:end]
        tag = "[" + ",".join(dict.fromkeys(codes)) + "]"
        if colour:
            pieces.append(_paint(marked, "30;" + colours[first.detector], True) + _paint(tag, "2", True))
        else:
            pieces.append(f"«{marked}»{tag}")
        pos = max(pos, end)
        i = j
    pieces.append(text[pos:])
    return "".join(pieces)
