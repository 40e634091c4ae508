"""Settings from ``reliability.toml`` or ``[tool.reliability]`` in ``pyproject.toml``.

The nearest config file from the working directory upward is used (in one
folder, ``reliability.toml`` before ``pyproject.toml``; a ``pyproject.toml``
without a ``[tool.reliability]`` table does not count). Command-line flags win
over the file, the file over the defaults. Keys are spelled with dashes, as in
ruff (``min-score``); underscores are accepted too. Paths in the file
(``baseline``, ``model``) are relative to the file's folder.

Example::

    [tool.reliability]
    min-score = 40
    fail-on = ["unreliable"]
    select = ["RS1", "RS2"]
    ignore = ["RS203"]
    baseline = "reliability-baseline.json"
    exclude = ["drafts/*"]
    kb-extra = ["newsroom/local_officials.csv"]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .io import DEFAULT_MAX_BYTES, ReadOptions
from .report import BANDS, SEVERITIES

CONFIG_FILES = ("reliability.toml", "pyproject.toml")
_SELECTOR = re.compile(r"[A-Z]+[0-9]*")


class ConfigError(ValueError):
    """A config file or flag that cannot be used (a usage error: exit code 2)."""


@dataclass(frozen=True)
class Settings:
    """Everything ``reliability score`` and ``check`` can be told, with its default."""

    # Reading inputs.
    max_bytes: int = DEFAULT_MAX_BYTES
    text_field: str = "text"
    title_field: str = "title"
    published_field: str = "published"
    url_field: str = "url"
    id_field: str = "id"
    exclude: tuple[str, ...] = ()
    jobs: int = 1
    model: str | None = None
    kb_extra: tuple[str, ...] = ()
    # Check gates.
    min_score: float | None = None
    fail_on: tuple[str, ...] = ("unreliable",)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: str | None = None
    baseline: str | None = None
    output_format: str | None = None
    # Where the settings came from (for messages), not a setting.
    source: str | None = field(default=None, compare=False)

    def read_options(self, **extra: Any) -> ReadOptions:
        return ReadOptions(
            max_bytes=self.max_bytes,
            text_field=self.text_field,
            title_field=self.title_field,
            published_field=self.published_field,
            url_field=self.url_field,
            id_field=self.id_field,
            exclude=tuple(self.exclude),
            **extra,
        )

    @property
    def effective_severity(self) -> str:
        """Findings at or above this severity fail. Naming rules with ``select``
        means their findings fail whatever their severity; otherwise only errors do."""
        if self.severity:
            return self.severity
        return "info" if self.select else "error"

    @property
    def effective_select(self) -> tuple[str, ...]:
        return self.select if self.select else ("ALL",)


_KEYS = {f.name for f in fields(Settings)} - {"source"}


def find_config(start: "str | Path | None" = None) -> Path | None:
    """The nearest config file from ``start`` (default: the working directory) upward."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def load_config(path: "str | Path") -> Settings:
    """Settings from one file (``reliability.toml`` or ``pyproject.toml``)."""
    path = Path(path)
    table = _table(path)
    return settings_from_mapping(table, base_dir=path.parent, source=str(path))


def settings_from_mapping(table: Mapping[str, Any], *, base_dir: "Path | None" = None, source: str = "settings") -> Settings:
    """Validated Settings from a TOML table (dashes or underscores in keys)."""
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in _KEYS:
            known = ", ".join(sorted(k.replace("_", "-") for k in _KEYS))
            raise ConfigError(f"{source}: unknown setting {raw_key!r} (known: {known})")
        values[key] = _validate(key, value, source)
    for key in ("baseline", "model"):
        if values.get(key) and base_dir is not None and not Path(values[key]).is_absolute():
            values[key] = str(base_dir / values[key])
    if values.get("kb_extra") and base_dir is not None:
        values["kb_extra"] = tuple(p if Path(p).is_absolute() else str(base_dir / p) for p in values["kb_extra"])
    return Settings(source=source, **values)


def merge(base: Settings, overrides: Mapping[str, Any]) -> Settings:
    """``base`` with every override that is not None (command-line flags win)."""
    changes = {}
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in _KEYS:
            raise ConfigError(f"unknown setting {key!r}")
        changes[key] = _validate(key, value, "command line")
    return replace(base, **changes)


def resolve(config: "str | Path | None" = None, *, isolated: bool = False,
            overrides: Mapping[str, Any] | None = None, start: "str | Path | None" = None) -> Settings:
    """Defaults, then the config file (given, or found from ``start``), then ``overrides``."""
    if isolated:
        base = Settings()
    elif config is not None:
        if not Path(config).is_file():
            raise ConfigError(f"config file {config} does not exist")
        base = load_config(config)
    else:
        found = find_config(start)
        base = load_config(found) if found else Settings()
    return merge(base, overrides or {})


# -- validation ------------------------------------------------------------------

def _validate(key: str, value: Any, source: str) -> Any:
    where = f"{source}: {key.replace('_', '-')}"
    if key in ("max_bytes", "jobs"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} must be a whole number, not {value!r}")
        if key == "max_bytes" and value < 1:
            raise ConfigError(f"{where} must be at least 1")
        return value
    if key == "min_score":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise ConfigError(f"{where} must be a number from 0 to 100, not {value!r}")
        return float(value)
    if key == "kb_extra":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{where} must be a list of CSV paths, not {value!r}")
        return tuple(value)
    if key in ("fail_on", "select", "ignore", "exclude"):
        items = _string_list(value, where)
        if key == "fail_on":
            items = tuple(i.lower() for i in items if i.lower() != "none")
            unknown = [i for i in items if i not in BANDS]
            if unknown:
                raise ConfigError(f"{where}: unknown band {unknown[0]!r} (bands: {', '.join(BANDS)}, or none)")
        if key in ("select", "ignore"):
            items = tuple(i.upper() for i in items)
            check_selectors(items, where)
        return items
    if key == "severity":
        if value not in SEVERITIES:
            raise ConfigError(f"{where} must be one of {', '.join(SEVERITIES)}, not {value!r}")
        return value
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where} must be a non-empty string, not {value!r}")
    return value


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):  # "RS1,RS2" from a flag, or one item in TOML
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(part.strip() for v in value for part in v.split(",") if part.strip())
    raise ConfigError(f"{where} must be a list of strings, not {value!r}")


def check_selectors(selectors: "tuple[str, ...]", where: str = "select") -> None:
    """Refuse a rule selector that can match no rule, now or later (a typo)."""
    from .registry import all_specs

    specs = all_specs()
    codes = [rule.code.upper() for spec in specs for rule in spec.rules]
    prefixes = [spec.code_prefix.upper() for spec in specs]
    for selector in selectors:
        if selector == "ALL":
            continue
        if not _SELECTOR.fullmatch(selector):
            raise ConfigError(f"{where}: {selector!r} is not a rule code or prefix (like RS1 or RS101)")
        if any(code.startswith(selector) for code in codes):
            continue
        # A family prefix ("RS", "RS4") or a code in a family whose rules are still being written.
        if any(p.startswith(selector) or selector.startswith(p) for p in prefixes):
            continue
        hint = " (RS0xx are set by --min-score and --fail-on)" if selector.startswith("RS0") else ""
        raise ConfigError(f"{where}: {selector!r} matches no rule{hint} (families: {', '.join(prefixes)}; "
                          "see `reliability rule --all`)")


def _table(path: Path) -> Mapping[str, Any]:
    data = _read_toml(path)
    tool = data.get("tool", {}).get("reliability")
    if path.name == "pyproject.toml":
        return tool or {}
    # reliability.toml: top-level keys, or a [tool.reliability] table.
    if tool is not None:
        return tool
    return data


def _has_tool_table(path: Path) -> bool:
    try:
        return "reliability" in _read_toml(path).get("tool", {})
    except ConfigError:
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError as exc:
            raise ConfigError("reading config files on Python 3.10 needs the 'tomli' package") from exc
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
