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
    # One folder walk never reaches a path twice; remembering paths is needed only
    # across several arguments or a glob (which may match a folder and the files in
    # it), and would grow memory with a huge folder.
    remember = len(paths) > 1 or any(_GLOB_CHARS & set(raw) for raw in paths)

    def once(path: Path, display: str) -> Iterator[PathItem]:
        if not remember:
            yield PathItem(display=display, path=path)
            return
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            yield PathItem(display=display, path=path)

    def walked(folder: Path) -> Iterator[PathItem]:
        for item in walk_folder(folder, options, stats):
            if item.path is None:
                yield item
            else:
                yield from once(item.path, item.display)

    for raw in paths:
        if raw == STDIN:
            yield PathItem(display=STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from walked(path)
        elif path.exists() or path.is_symlink():
            yield from once(path, raw)
        elif _GLOB_CHARS & set(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield PathItem(display=raw, error="no file matches this pattern")
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    yield from walked(match_path)
                else:
                    yield from once(match_path, match)
        else:
            yield PathItem(display=raw, error="no such file or folder")


def walk_folder(root: Path, options: ReadOptions, stats: WalkStats) -> Iterator[PathItem]:
    """Readable files under ``root`` in path order (``a.txt``, ``b/z.txt``, ``c.md``), without
    following links to folders (no loops); a folder that cannot be listed is an error item."""
    stack: list[Iterator[os.DirEntry]] = []
    try:
        stack.append(iter(_sorted_entries(root)))
    except OSError as exc:
        yield PathItem(display=str(root), error=f"cannot list folder: {exc.strerror or exc}")
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        name = entry.name
        if name.startswith("."):
            stats.skipped_hidden += 1
        elif _excluded(entry.path, name, options.exclude):
            stats.skipped_excluded += 1
        elif _is_dir(entry):
            try:
                stack.append(iter(_sorted_entries(Path(entry.path))))
            except OSError as exc:
                yield PathItem(display=entry.path, error=f"cannot list folder: {exc.strerror or exc}")
        elif os.path.splitext(name)[1].lower() not in READABLE_SUFFIXES:
            stats.skipped_unknown += 1
            stats.note(entry.path)
        else:
            yield PathItem(display=entry.path, path=Path(entry.path))


def _sorted_entries(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _excluded(path: str, name: str, patterns: Sequence[str]) -> bool:
    posix = path.replace(os.sep, "/")
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(posix, f"*/{p}") for p in patterns)
