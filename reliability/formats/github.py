"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per violation.

GitHub turns these lines into annotations on the pull request's files. Values
are escaped as the workflow-command syntax requires.
"""

from __future__ import annotations

from typing import Any

from . import Summary
from . import Writer as _Base
from .rows import ArticleCheck
from .text import count, summary_line

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


class CheckWriter(_Base):
    def __init__(self, out: Any, **options: Any) -> None:
        super().__init__(out, **options)
        self.summary = Summary()

    def write(self, article: ArticleCheck) -> None:
        count(self.summary, article)
        for v in article.violations:
            props = [f"file={_prop(article.path)}"]
            if article.whole_file:  # lines are the file's own only for one-article files
                props += [f"line={v.line}", f"col={v.col}"]
                if v.end_line is not None:
                    props += [f"endLine={v.end_line}", f"endColumn={v.end_col}"]
                where = ""
            else:
                where = f"{article.id}:{v.line}:{v.col}: "
            props.append(f"title={_prop(f'{v.code} {v.name}')}")
            message = where + " ".join(v.message.split())
            self.out.write(f"::{_LEVELS.get(v.severity, 'error')} {','.join(props)}::{_data(message)}\n")

    def close(self, summary: Summary | None = None) -> None:
        s = summary or self.summary
        # The exit code fails the job; the summary is information.
        self.out.write(f"::notice title=reliability check::{_data(summary_line(s))}\n")


Writer = CheckWriter


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
