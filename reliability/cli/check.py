"""`reliability check PATH...`: fail (exit 1) when articles score too low or carry chosen findings.

An article fails when its score is below ``--min-score``, its band is one that
``--fail-on`` names (default: unreliable), or it has a finding whose rule is
selected (``--select``/``--ignore`` by code prefix, as ruff does) and whose
severity reaches ``--severity``. An input that cannot be read fails too (RS000).
A baseline file hides the violations it recorded, so only new ones fail.

Exit codes: 0 every article passed (or ``--exit-zero``), 1 some failed,
2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..batch import ResultRow
from ..config import ConfigError, Settings
from ..formats.rows import INPUT_ERROR, LOW_SCORE, ArticleCheck, LineIndex, Violation
from ..report import severity_rank
from .score import (UsageError, add_input_arguments, input_paths, prepare_scorer, progress_total, report_skips,
                    settings_from_args, show_progress)

_EVIDENCE_CHARS = 80


def register(subparsers: "argparse._SubParsersAction") -> None:
    from ..formats import CHECK_FORMATS

    parser = subparsers.add_parser(
        "check",
        help="fail when articles score below a threshold or carry chosen findings (for CI)",
        description="Check articles as a linter checks code: print each violation as PATH:LINE:COL: CODE message "
        "(or github, junit, sarif, json) and exit 1 when any article fails.",
        epilog="Exit codes: 0 all passed, 1 some failed (or could not be read), 2 usage error. "
        "Settings also come from [tool.reliability] in pyproject.toml or reliability.toml. See docs/cli.md.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, globs, or - for standard input")
    gates = parser.add_argument_group("what fails")
    gates.add_argument("--min-score", type=float, default=None, metavar="SCORE",
                       help="fail articles scoring below SCORE (0-100)")
    gates.add_argument("--fail-on", default=None, metavar="BANDS",
                       help="fail articles in these bands, comma-separated: unreliable,questionable or none "
                       "(default: unreliable)")
    gates.add_argument("--select", default=None, metavar="CODES",
                       help="rule codes or prefixes whose findings fail, comma-separated (e.g. RS1,RS203; ALL)")
    gates.add_argument("--ignore", default=None, metavar="CODES", help="rule codes or prefixes to leave out")
    gates.add_argument("--severity", choices=["info", "warning", "error"], default=None,
                       help="findings of selected rules fail from this severity up "
                       "(default: info when --select is given, else error)")
    gates.add_argument("--exit-zero", action="store_true", help="exit 0 even when articles fail")
    base = parser.add_argument_group("baseline")
    base.add_argument("--baseline", default=None, metavar="FILE",
                      help="hide the violations recorded in FILE; when FILE does not exist, record today's")
    base.add_argument("--update-baseline", action="store_true", help="re-record FILE with today's violations")
    out = parser.add_argument_group("output")
    out.add_argument("-f", "--output-format", "--format", dest="format", choices=list(CHECK_FORMATS), default=None,
                     help="text (default), github (workflow annotations), junit, sarif or json")
    out.add_argument("-o", "--output", metavar="FILE", default=None, help="write to FILE atomically")
    add_input_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except (UsageError, ConfigError) as exc:
        print(f"reliability check: error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from ..baseline import Baseline, BaselineError
    from ..batch import progress, score_inputs
    from ..formats import writer_class
    from ..formats.output import open_output
    from ..io import iter_tasks
    from ..io.paths import WalkStats, expand_paths

    settings = settings_from_args(
        args,
        min_score=args.min_score,
        fail_on=args.fail_on,
        select=args.select,
        ignore=args.ignore,
        severity=args.severity,
        baseline=args.baseline,
        output_format=args.format,
    )
    fmt = settings.output_format or "text"
    try:
        writer_type = writer_class(fmt, check=True)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.update_baseline and not settings.baseline:
        raise UsageError("--update-baseline needs --baseline FILE (or baseline = ... in the config)")
    recording = False
    baseline = None
    if settings.baseline:
        recording = args.update_baseline or not Path(settings.baseline).exists()
        try:
            baseline = Baseline() if recording else Baseline.load(settings.baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None

    paths = input_paths(args)
    options = settings.read_options(stdin_format=args.stdin_format)
    stats = WalkStats()
    show = show_progress(args)
    # Paths stream from the folder walk (memory stays flat); the bar's total is a separate walk.
    total = progress_total(expand_paths(paths, options, WalkStats())) if show else None
    scorer = prepare_scorer(settings)
    rule_info = rule_table()
    scored = score_inputs(iter_tasks(expand_paths(paths, options, stats), options), jobs=settings.jobs,
                          scorer=scorer)
    failed = 0
    with open_output(args.output, binary=writer_type.binary) as out:
        writer = writer_type(out)
        for row in progress(scored, total=total, enabled=show):
            article = judge(row, settings, rule_info)
            if baseline is not None:
                if recording:
                    baseline.record(article)
                article = baseline.filter(article)
            if not article.passed:
                failed += 1
            writer.write(article)
        writer.close()
    report_skips(stats, "check")
    if recording and baseline is not None:
        baseline.save(settings.baseline)
        print(f"reliability check: recorded {baseline.count()} violations in {len(baseline)} articles "
              f"to baseline {settings.baseline}", file=sys.stderr)
    if failed and not args.exit_zero:
        return 1
    return 0


def rule_table() -> dict[str, tuple[str, str]]:
    """Rule code -> (name, default severity), read from the detector specs."""
    from ..formats.rows import CHECK_RULES
    from ..registry import all_specs

    table = {code: (name, severity) for code, (name, _summary, severity) in CHECK_RULES.items()}
    for spec in all_specs():
        for rule in spec.rules:
            table[rule.code] = (rule.name, rule.severity)
    return table


def judge(row: ResultRow, settings: Settings, rule_info: dict[str, tuple[str, str]] | None = None) -> ArticleCheck:
    """The verdict on one scored input under ``settings``."""
    from ..registry import rule_selected

    rule_info = rule_info if rule_info is not None else rule_table()
    report = row.report
    if report is None:
        message = f"could not read or score: {row.error or 'no report'}"
        violation = Violation(INPUT_ERROR, rule_info[INPUT_ERROR][0], "error", message, kind="error")
        return ArticleCheck(row.id, None, None, (violation,), error=row.error or "no report", source=row.source)
    violations: list[Violation] = []
    gate = score_gate(report.score, report.band, settings)
    if gate:
        violations.append(Violation(LOW_SCORE, rule_info[LOW_SCORE][0], "error", gate, kind="score"))
    threshold = severity_rank(settings.effective_severity)
    select, ignore = settings.effective_select, settings.ignore
    index = LineIndex(row.text or "")
    for finding in report.findings:
        if severity_rank(finding.severity) < threshold or not rule_selected(finding.code, select, ignore):
            continue
        violations.append(_finding_violation(finding, index, rule_info))
    return ArticleCheck(row.id, float(report.score), report.band, tuple(violations), source=row.source)


def score_gate(score: float, band: str, settings: Settings) -> str | None:
    """Why the score or band fails, or None."""
    reasons = []
    if settings.min_score is not None and score < settings.min_score:
        reasons.append(f"below the minimum {settings.min_score:g}")
    if band in settings.fail_on:
        reasons.append(f"in the {band} band")
    if not reasons:
        return None
    return f"Score {score:.1f} ({band}) is " + " and ".join(reasons)


def _finding_violation(finding: Any, index: LineIndex, rule_info: dict[str, tuple[str, str]]) -> Violation:
    name = rule_info.get(finding.code, (finding.code, finding.severity))[0]
    message = " ".join(finding.message.split())
    evidence = " ".join((finding.text or "").split())
    if evidence and evidence.lower() not in message.lower():
        if len(evidence) > _EVIDENCE_CHARS:
            evidence = evidence[: _EVIDENCE_CHARS - 1] + "…"
        message = f"{message} \u201c{evidence}\u201d"
    if finding.start is None or not index.text:
        return Violation(finding.code, name, finding.severity, message, text=finding.text or "")
    line, col = index.position(finding.start)
    end_line, end_col = index.position(finding.end if finding.end is not None else finding.start)
    return Violation(finding.code, name, finding.severity, message, line=line, col=col, end_line=end_line,
                     end_col=end_col, start=finding.start, end=finding.end, text=finding.text or "")


__all__ = ["register", "run", "judge", "score_gate", "rule_table"]
