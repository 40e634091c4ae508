"""The one place that turns an article into an ArticleReport."""

from __future__ import annotations

import datetime as _dt
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .document import Document
from .explain import explain, feature_specs
from .features import extract
from .model import LinearModel, load_model
from .registry import Registry
from .report import ArticleReport, ModelInfo

Article = "str | Mapping[str, Any]"


class Scorer:
    """Loaded detectors and model, reused for every article.

    The constructor only stores its arguments; data and model are loaded on
    first use. Pass ``model_path`` to score with a model you trained yourself,
    and ``kb_extra`` to add your own knowledge-base rows (CSV files, see
    ``reliability/kb/README.md``) to the unverifiable-names check.
    """

    def __init__(self, *, registry: Registry | None = None, model: LinearModel | None = None,
                 model_path: "str | Path | None" = None, trusted: bool = False,
                 kb_extra: "Iterable[str | Path]" = ()) -> None:
        self._registry = registry
        self._model = model
        self.model_path = model_path
        self.trusted = trusted
        self.kb_extra = tuple(kb_extra)

    def __getstate__(self) -> dict[str, Any]:
        # A scorer sent to a worker process carries its arguments, not what
        # was loaded from them: the worker loads its own copy once.
        loaded = {name for name, attr in vars(Scorer).items() if isinstance(attr, cached_property)}
        return {key: value for key, value in self.__dict__.items() if key not in loaded}

    @cached_property
    def registry(self) -> Registry:
        if self._registry is not None:
            return self._registry
        if self.kb_extra:
            return Registry.default({"unverifiable_names": {"extra_kb": self.kb_extra}})
        return Registry.default()

    @cached_property
    def model(self) -> LinearModel:
        model = self._model or load_model(self.model_path, trusted=self.trusted)
        missing = set(model.feature_names) - set(self.registry.feature_names)
        if missing:
            raise ValueError(f"the model needs features no detector produces: {sorted(missing)}")
        return model

    @cached_property
    def _feature_specs(self) -> dict:
        return feature_specs(self.registry.specs)

    def score(self, text: str, *, title: str | None = None,
              published: "str | _dt.date | None" = None, url: str | None = None) -> ArticleReport:
        doc = Document.build(text, title=title, published=published, url=url)
        extraction = extract(self.registry, doc)
        model = self.model
        base, score, signals = explain(model, extraction.features, extraction.findings, self._feature_specs)
        return ArticleReport(
            score=score,
            band=model.band(score),
            signals=signals,
            findings=extraction.findings,
            features=extraction.features,
            model=ModelInfo(model.name, model.version),
            base_score=base,
        )

    def score_many(self, articles: Iterable["str | Mapping[str, Any]"]) -> Iterator[ArticleReport]:
        for article in articles:
            if isinstance(article, str):
                yield self.score(article)
            else:
                yield self.score(
                    article["text"],
                    title=article.get("title"),
                    published=article.get("published"),
                    url=article.get("url"),
                )
