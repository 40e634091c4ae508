"""JUnit XML: one test case per article, failed by its violations, errored when unreadable.

The suite's totals must stand in its opening tag, so test cases are spooled to
a temporary file (in memory up to a few MB, then on disk) and copied out at
the end: memory stays flat however many articles there are.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from . import Summary
from . import Writer as _Base
from .rows import ArticleCheck
from .text import count

# Characters XML 1.0 does not allow, even escaped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPOOL_BYTES = 4 * 1024 * 1024


class CheckWriter(_Base):
    def __init__(self, out: Any, *, suite: str = "reliability check", **options: Any) -> None:
        super().__init__(out, **options)
        self.suite = suite
        self.summary = Summary()
        self._cases = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8")

    def write(self, article: ArticleCheck) -> None:
        count(self.summary, article)
        attrs = f"classname={_attr(article.path)} name={_attr(article.id)} file={_attr(article.path)}"
        if article.passed:
            self._cases.write(f"    <testcase {attrs}/>\n")
            return
        self._cases.write(f"    <testcase {attrs}>\n")
        if article.error is not None:
            self._cases.write(f"      <error type=\"RS000\" message={_attr(article.error)}/>\n")
        else:
            lines = "\n".join(f"{article.id}:{v.line}:{v.col}: {v.code} {' '.join(v.message.split())}" for v in article.violations)
            codes = " ".join(sorted({v.code for v in article.violations}))
            n = len(article.violations)
            message = f"{n} {'violation' if n == 1 else 'violations'}" + ("" if article.score is None else f"; score {article.score:.1f} ({article.band})")
            self._cases.write(f"      <failure type={_attr(codes)} message={_attr(message)}>{_text(lines)}</failure>\n")
        self._cases.write("    </testcase>\n")

    def close(self, summary: Summary | None = None) -> None:
        s = self.summary
        failures = s.failed - s.errors
        totals = f'tests="{s.total}" failures="{failures}" errors="{s.errors}"'
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(f"<testsuites name={_attr(self.suite)} {totals}>\n")
        self.out.write(f'  <testsuite name={_attr(self.suite)} {totals} skipped="0">\n')
        self._cases.seek(0)
        shutil.copyfileobj(self._cases, self.out)
        self._cases.close()
        self.out.write("  </testsuite>\n</testsuites>\n")


Writer = CheckWriter


def _attr(value: str) -> str:
    return quoteattr(_XML_ILLEGAL.sub("\ufffd", value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _text(value: str) -> str:
    return escape(_XML_ILLEGAL.sub("\ufffd", value))
