"""Command-line paths -> the files to read, in a stable order, with errors for missing ones."""

from __future__ import annotations

import fnmatch
import glob
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from . import READABLE_SUFFIXES, STDIN, ReadOptions

_GLOB_CHARS = frozenset("*?[")


@dataclass
class PathItem:
    """One file to read (``path``), standard input (``display == "-"``), or an error."""

    display: str
    path: Path | None = None
    error: str | None = None


@dataclass
class WalkStats:
    """What a folder walk left out, so that callers can say so (never a silent skip)."""

    skipped_unknown: int = 0
    skipped_hidden: int = 0
    skipped_excluded: int = 0
    examples: list[str] = field(default_factory=list)

    def note(self, path: str) -> None:
        if len(self.examples) < 3:
            self.examples.append(path)


def expand_paths(paths: Sequence[str], options: ReadOptions, stats: WalkStats | None = None) -> Iterator[PathItem]:
    """Files named, files under folders (recursive, sorted), glob matches, and ``-``.

    A file named on the command line is always read; a folder walk reads only
    files with a known suffix and leaves out hidden files and folders and the
    ``exclude`` patterns (counted in ``stats``). The same file reached twice is
    read once.
    """
    stats = stats if stats is not None else WalkStats()
    seen: set[str] = set()

    def once(path: Path, display: str) -> Iterator[PathItem]:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            yield PathItem(display=display, path=path)

    for raw in paths:
        if raw == STDIN:
            yield PathItem(display=STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in walk_folder(path, options, stats):
                yield from once(found, str(found))
        elif path.exists() or path.is_symlink():
            yield from once(path, raw)
        elif _GLOB_CHARS & set(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield PathItem(display=raw, error="no file matches this pattern")
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    for found in walk_folder(match_path, options, stats):
                        yield from once(found, str(found))
                else:
                    yield from once(match_path, match)
        else:
            yield PathItem(display=raw, error="no such file or folder")


def walk_folder(root: Path, options: ReadOptions, stats: WalkStats) -> Iterator[Path]:
    """Readable files under ``root``, depth first, names sorted, without following folder links."""
    for dirpath, dirnames, filenames in os.walk(root):
        kept = []
        for name in sorted(dirnames):
            if name.startswith("."):
                stats.skipped_hidden += 1
            elif _excluded(os.path.join(dirpath, name), name, options.exclude):
                stats.skipped_excluded += 1
            else:
                kept.append(name)
        dirnames[:] = kept  # os.walk descends into what is left, in this order
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            if name.startswith("."):
                stats.skipped_hidden += 1
            elif _excluded(full, name, options.exclude):
                stats.skipped_excluded += 1
            elif os.path.splitext(name)[1].lower() not in READABLE_SUFFIXES:
                stats.skipped_unknown += 1
                stats.note(full)
            else:
                yield Path(full)


def _excluded(path: str, name: str, patterns: Sequence[str]) -> bool:
    posix = path.replace(os.sep, "/")
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(posix, f"*/{p}") for p in patterns)
