"""A baseline file: today's violations, so that only new articles or new findings fail.

As linters do for legacy code, ``reliability check --baseline FILE`` records
every current violation the first time (when FILE does not exist) and from
then on hides the violations FILE already lists. A violation is known by its
article id, its rule code and the words it quotes (white space and case
folded), counted, so that editing elsewhere in an article does not make its
old findings new, while a second occurrence of the same finding does count as
new. An article that already failed its score gate keeps failing silently.

The file is JSON with sorted keys, one article per line group, so that it
diffs well under version control. Loading it keeps it in memory (one entry
per failing article, not per article checked).
"""

from __future__ import annotations

import collections
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, Counter, Mapping

from .formats.output import open_output
from .formats.rows import ArticleCheck, Violation

FORMAT = "news-reliability-baseline/1"

Key = tuple[str, str]


class BaselineError(ValueError):
    """The baseline file cannot be read (a usage error)."""


def violation_key(v: Violation) -> Key:
    return v.code, " ".join(v.text.split()).lower()


class Baseline:
    """Known violations per article id."""

    def __init__(self, articles: Mapping[str, Counter[Key]] | None = None) -> None:
        self.articles: dict[str, Counter[Key]] = {k: collections.Counter(v) for k, v in (articles or {}).items()}

    # -- reading and writing ---------------------------------------------------
    @classmethod
    def load(cls, path: "str | Path") -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BaselineError(f"baseline {path} is not valid JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("articles"), dict):
            raise BaselineError(f"{path} is not a reliability baseline (expected \"format\": \"{FORMAT}\")")
        articles: dict[str, Counter[Key]] = {}
        try:
            for article_id, entries in data["articles"].items():
                counter: Counter[Key] = collections.Counter()
                for entry in entries:
                    counter[(str(entry["code"]), str(entry.get("text", "")))] += int(entry.get("count", 1))
                articles[article_id] = counter
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            raise BaselineError(f"baseline {path} has a malformed entry: {exc!r}") from None
        return cls(articles)

    def save(self, path: "str | Path") -> None:
        """Write atomically, sorted, so that re-recording the same state changes nothing."""
        articles = {
            article_id: [
                {"code": code, "text": text, "count": n} if n > 1 else {"code": code, "text": text}
                for (code, text), n in sorted(counter.items())
            ]
            for article_id, counter in sorted(self.articles.items())
            if counter
        }
        document = {"format": FORMAT, "articles": articles}
        with open_output(path) as handle:
            handle.write(json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n")

    # -- use ------------------------------------------------------------------------
    def record(self, article: ArticleCheck) -> None:
        """Remember every violation of ``article`` (building a new baseline)."""
        if article.violations:
            self.articles[article.id] = collections.Counter(violation_key(v) for v in article.violations)

    def filter(self, article: ArticleCheck) -> ArticleCheck:
        """``article`` without the violations the baseline knows; ``baselined`` counts them."""
        known = self.articles.get(article.id)
        if not known or not article.violations:
            return article
        remaining = collections.Counter(known)
        new = []
        for v in article.violations:
            key = violation_key(v)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                new.append(v)
        hidden = len(article.violations) - len(new)
        return replace(article, violations=tuple(new), baselined=article.baselined + hidden)

    def __len__(self) -> int:
        return len(self.articles)

    def count(self) -> int:
        return sum(sum(c.values()) for c in self.articles.values())

    def to_dict(self) -> dict[str, Any]:  # for tests and debugging
        return {k: dict(v) for k, v in self.articles.items()}
