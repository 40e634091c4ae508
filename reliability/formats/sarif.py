"""SARIF 2.1.0, the format code-scanning services read (GitHub code scanning among them).

Each rule carries its documentation from the detector specs (summary,
rationale, examples), so a reader sees why a finding matters without leaving
the alert. Results are streamed: the rules are known before the first article.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import PurePath
from typing import Any, Sequence
from urllib.parse import quote

from . import Summary
from . import Writer as _Base
from .rows import CHECK_RULES, ArticleCheck, Violation
from .text import count

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def rule_descriptors(specs: Sequence[Any] | None = None) -> list[dict[str, Any]]:
    """SARIF reportingDescriptors for the checker's own rules and every detector rule."""
    if specs is None:
        from ..registry import all_specs

        specs = all_specs()
    rules = []
    for code, (name, summary, severity) in CHECK_RULES.items():
        rules.append({
            "id": code,
            "name": name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": summary},
            "defaultConfiguration": {"level": _LEVELS[severity]},
            "properties": {"detector": "check"},
        })
    for spec in specs:
        for rule in spec.rules:
            full = " ".join(part for part in (rule.summary, rule.rationale) if part)
            rules.append({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": full},
                "help": {"text": _help_text(rule), "markdown": _help_markdown(spec, rule)},
                "defaultConfiguration": {"level": _LEVELS.get(rule.severity, "note")},
                "properties": {
                    "detector": spec.name,
                    "feature": spec.qualified(rule.feature) if rule.feature else None,
                    "tags": [spec.name, rule.severity],
                },
            })
    return rules


def _help_text(rule: Any) -> str:
    parts = [rule.summary]
    if rule.rationale:
        parts.append(f"Why: {rule.rationale}")
    if rule.should:
        parts.append("Flagged: " + " | ".join(rule.should))
    if rule.should_not:
        parts.append("Not flagged: " + " | ".join(rule.should_not))
    return "\n".join(parts)


def _help_markdown(spec: Any, rule: Any) -> str:
    lines = [f"**{rule.code} {rule.name}** ({spec.name}, {rule.severity})", "", rule.summary]
    if rule.rationale:
        lines += ["", f"Why it matters: {rule.rationale}"]
    if rule.should:
        lines += ["", "Flagged:"] + [f"- `{' '.join(e.split())[:200]}`" for e in rule.should]
    if rule.should_not:
        lines += ["", "Not flagged:"] + [f"- `{' '.join(e.split())[:200]}`" for e in rule.should_not]
    return "\n".join(lines)


class CheckWriter(_Base):
    def __init__(self, out: Any, *, specs: Sequence[Any] | None = None, **options: Any) -> None:
        super().__init__(out, **options)
        from .. import __version__

        self.summary = Summary()
        rules = rule_descriptors(specs)
        self._index = {r["id"]: i for i, r in enumerate(rules)}
        driver = {"name": "news-reliability", "version": __version__, "semanticVersion": __version__, "rules": rules}
        head = {"$schema": SCHEMA, "version": "2.1.0"}
        run_head = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}
        # Open the document up to the results array, which rows then fill.
        self.out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "runs": [' + json.dumps(run_head, ensure_ascii=False)[:-1]
                       + ', "results": [')
        self._first = True

    def write(self, article: ArticleCheck) -> None:
        count(self.summary, article)
        for v in article.violations:
            self.out.write(("\n" if self._first else ",\n") + json.dumps(self._result(article, v), ensure_ascii=False))
            self._first = False

    def close(self, summary: Summary | None = None) -> None:
        self.out.write(("" if self._first else "\n") + "]}]}\n")

    def _result(self, article: ArticleCheck, v: Violation) -> dict[str, Any]:
        location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(article.path)}}}
        message = " ".join(v.message.split())
        if article.whole_file:  # a one-article file: offsets are the file's own
            region: dict[str, Any] = {"startLine": v.line, "startColumn": v.col}
            if v.end_line is not None:
                region.update(endLine=v.end_line, endColumn=v.end_col)
            if v.start is not None and v.end is not None:
                region.update(charOffset=v.start, charLength=v.end - v.start)
            if v.text:
                region["snippet"] = {"text": v.text}
            location["physicalLocation"]["region"] = region
        else:  # a record inside a .jsonl/.csv/...: name the record, lines are the article's
            location["logicalLocations"] = [{"fullyQualifiedName": article.id, "kind": "object"}]
            message = f"{article.id}:{v.line}:{v.col}: {message}"
        result: dict[str, Any] = {
            "ruleId": v.code,
            "level": _LEVELS.get(v.severity, "error"),
            "message": {"text": message},
            "locations": [location],
            # Stable across edits elsewhere in the file: the rule and the words found.
            "partialFingerprints": {"reliability/v1": fingerprint(article.id, v)},
        }
        if v.code in self._index:
            result["ruleIndex"] = self._index[v.code]
        return result


Writer = CheckWriter


def artifact_uri(path: str) -> str:
    """A relative URI with forward slashes (absolute paths become file: URIs)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return PurePath(os.path.abspath(path)).as_uri()
    return quote(pure.as_posix(), safe="/-._~")


def fingerprint(article_id: str, v: Violation) -> str:
    key = "\x1f".join((article_id, v.code, " ".join(v.text.split()).lower()))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
