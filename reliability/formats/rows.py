"""The shapes renderers take: a flat score row, and an article's check result."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..batch import ResultRow

TOP_SIGNALS = 3
# Files whose article is extracted from markup: offsets count in the extracted text, not the file.
_EXTRACTED_SUFFIXES = (".html", ".htm", ".xhtml")
# The columns of a score row, in output order.
SCORE_COLUMNS = ("id", "score", "band", "findings", "top_signals", "error")


def score_row(row: ResultRow, *, top: int = TOP_SIGNALS) -> dict[str, Any]:
    """One flat, JSON-serialisable row: id, score, band, findings count, top signals, error."""
    report = row.report
    if report is None:
        return {"id": row.id, "score": None, "band": None, "findings": None, "top_signals": [], "error": row.error or "no report"}
    return {
        "id": row.id,
        "score": round(float(report.score), 2),
        "band": report.band,
        "findings": len(report.findings),
        "top_signals": [
            {"feature": s.feature, "points": round(float(s.points), 2), "message": s.message}
            for s in report.signals[:top]
        ],
        "error": None,
    }


def signals_text(signals: Sequence[dict[str, Any]]) -> str:
    """Top signals in one cell: ``feature (-4.2); feature (+1.0)``."""
    return "; ".join(f"{s['feature']} ({s['points']:+.1f})" for s in signals)


# -- check results ---------------------------------------------------------------

@dataclass(frozen=True)
class Violation:
    """One reason an article fails ``reliability check``.

    ``kind`` is ``finding`` (a detector's rule), ``score`` (the article's
    score or band failed the gate; code RS001) or ``error`` (the input could
    not be read or scored; code RS000). Lines and columns count from 1.
    """

    code: str
    name: str
    severity: str
    message: str
    kind: str = "finding"
    line: int = 1
    col: int = 1
    end_line: int | None = None
    end_col: int | None = None
    start: int | None = None
    end: int | None = None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "kind": self.kind,
            "message": self.message,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class ArticleCheck:
    """The verdict on one article: failed when it has any violation not covered by the baseline."""

    id: str
    score: float | None
    band: str | None
    violations: tuple[Violation, ...] = ()
    error: str | None = None
    baselined: int = 0  # violations the baseline file already knew
    source: str | None = None  # the file, when the id is a record's own

    @property
    def passed(self) -> bool:
        return not self.violations

    @property
    def path(self) -> str:
        """The file the article came from (``path#N`` -> ``path``)."""
        return self.source or source_path(self.id)

    @property
    def whole_file(self) -> bool:
        """True when the article's text is its whole file, so that its lines are the file's lines
        (not for a record inside a file, standard input, or an HTML page's extracted text)."""
        return self.path == self.id and self.id != "-" and not self.id.lower().endswith(_EXTRACTED_SUFFIXES)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "passed": self.passed,
            "score": None if self.score is None else round(self.score, 2),
            "band": self.band,
            "error": self.error,
            "baselined": self.baselined,
            "violations": [v.to_dict() for v in self.violations],
        }


def source_path(record_id: str) -> str:
    """The file part of a record id (``data/a.jsonl#3`` -> ``data/a.jsonl``)."""
    head, sep, tail = record_id.rpartition("#")
    return head if sep and tail.isdigit() else record_id


@dataclass
class LineIndex:
    """Character offsets -> 1-based line and column, for one text."""

    text: str
    _starts: list[int] = field(default_factory=list, init=False, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        if not self._starts:
            starts = [0]
            find = self.text.find
            at = find("\n")
            while at != -1:
                starts.append(at + 1)
                at = find("\n", at + 1)
            self._starts = starts
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


# Codes of the checker itself (not of a detector): the RS0 family.
INPUT_ERROR = "RS000"
LOW_SCORE = "RS001"
CHECK_RULES = {
    INPUT_ERROR: ("input-error", "The input could not be read or scored (empty, binary, undecodable, "
                  "over the size limit, an HTML page with no article, a bad record).", "error"),
    LOW_SCORE: ("low-score", "The article's reliability score is below --min-score, or its band is one "
                "that --fail-on names.", "error"),
}
