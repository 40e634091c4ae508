"""Text: ``path:line:col: CODE message`` per violation (as compilers and ruff print), then a summary."""

from __future__ import annotations

from typing import Any

from . import Summary
from . import Writer as _Base
from .rows import ArticleCheck


class CheckWriter(_Base):
    def __init__(self, out: Any, **options: Any) -> None:
        super().__init__(out, **options)
        self.summary = Summary()

    def write(self, article: ArticleCheck) -> None:
        count(self.summary, article)
        for v in article.violations:
            self.out.write(f"{article.id}:{v.line}:{v.col}: {v.code} {' '.join(v.message.split())}\n")

    def close(self, summary: Summary | None = None) -> None:
        self.out.write(summary_line(summary or self.summary) + "\n")


Writer = CheckWriter


def count(summary: Summary, article: ArticleCheck) -> None:
    summary.total += 1
    summary.baselined += article.baselined
    summary.violations += len(article.violations)
    if article.error is not None:
        summary.errors += 1
    if not article.passed:
        summary.failed += 1


def summary_line(s: Summary) -> str:
    noun = "article" if s.total == 1 else "articles"
    if s.failed == 0:
        line = f"All checks passed: {s.total} {noun}."
    else:
        line = f"{s.failed} of {s.total} {noun} failed ({s.violations} {'violation' if s.violations == 1 else 'violations'}"
        line += f", {s.errors} unreadable)." if s.errors else ")."
    if s.baselined:
        line += f" {s.baselined} known {'violation' if s.baselined == 1 else 'violations'} hidden by the baseline."
    return line
