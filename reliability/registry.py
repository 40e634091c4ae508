"""The one list of detectors, and rule selection by code prefix (as ruff does)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterable, Mapping, Sequence

from .detectors.anonymous_sourcing import AnonymousSourcing
from .detectors.base import Detector, DetectorSpec, RuleSpec
from .detectors.boilerplate import Boilerplate
from .detectors.hedging import Hedging
from .detectors.readability import Readability
from .detectors.reporting import Reporting
from .detectors.style import Style
from .detectors.unverifiable_names import UnverifiableNames

# Classes, not instances: building a Registry makes and loads fresh detectors,
# so there is no module-level mutable state.
DETECTOR_CLASSES: tuple[type[Detector], ...] = (
    AnonymousSourcing,
    UnverifiableNames,
    Boilerplate,
    Hedging,
    Readability,
    Style,
    Reporting,
)


@dataclass(frozen=True)
class Registry:
    """Loaded detectors, in a fixed order (the order of their features)."""

    detectors: tuple[Detector, ...]

    @classmethod
    def default(cls, options: "Mapping[str, Mapping[str, Any]] | None" = None) -> "Registry":
        """Every shipped detector, with its data loaded.

        ``options`` gives constructor arguments by detector name, e.g.
        ``{"unverifiable_names": {"extra_kb": ["local_officials.csv"]}}``.
        """
        options = dict(options or {})
        names = {detector_class.spec.name for detector_class in DETECTOR_CLASSES}
        unknown = sorted(set(options) - names)
        if unknown:
            raise ValueError(f"options for unknown detectors: {unknown} (detectors: {sorted(names)})")
        return cls(tuple(detector_class(**options.get(detector_class.spec.name, {})).load()
                         for detector_class in DETECTOR_CLASSES))

    @property
    def specs(self) -> tuple[DetectorSpec, ...]:
        return tuple(d.spec for d in self.detectors)

    @cached_property
    def feature_names(self) -> tuple[str, ...]:
        return tuple(qualified for _, _, names in self.feature_layout for _, qualified in names)

    @cached_property
    def feature_layout(self) -> tuple[tuple[Detector, frozenset[str], tuple[tuple[str, str], ...]], ...]:
        """Per detector: the features it declares, and each with its qualified name
        (worked out once, not for every article)."""
        return tuple(
            (d, frozenset(f.name for f in d.spec.features),
             tuple((f.name, d.spec.qualified(f.name)) for f in d.spec.features))
            for d in self.detectors
        )

    def rules(self) -> tuple[RuleSpec, ...]:
        return tuple(rule for spec in self.specs for rule in spec.rules)

    def rule(self, code: str) -> tuple[DetectorSpec, RuleSpec]:
        for spec in self.specs:
            for rule in spec.rules:
                if rule.code.upper() == code.upper():
                    return spec, rule
        raise KeyError(f"no rule {code!r}; known prefixes: {', '.join(s.code_prefix for s in self.specs)}")


def all_specs() -> tuple[DetectorSpec, ...]:
    """Detector specs without loading any data (for docs and rule listings)."""
    return tuple(cls.spec for cls in DETECTOR_CLASSES)


def rule_selected(code: str, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None) -> bool:
    """Ruff's semantics: the longest matching prefix wins; ``ALL`` selects everything."""
    code = code.upper()

    def longest(prefixes: Iterable[str] | None) -> int:
        best = -1
        for prefix in prefixes or ():
            p = prefix.strip().upper()
            if p == "ALL":
                best = max(best, 0)
            elif p and code.startswith(p):
                best = max(best, len(p))
        return best

    selected = longest(select) if select else 0
    ignored = longest(ignore)
    return selected >= 0 and selected > ignored
