"""Write a file atomically: into a temporary file beside it, then rename.

An interrupted run therefore leaves either the old file or the complete new
one, never half of one. ``-`` or no path means standard output.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any, Iterator


@contextlib.contextmanager
def open_output(path: "str | Path | None", *, binary: bool = False, stdout: IO[Any] | None = None) -> Iterator[IO[Any]]:
    """A handle to write to; the file appears under ``path`` only when the block ends without error."""
    if path is None or str(path) == "-":
        stream = stdout or sys.stdout
        if binary:
            stream = getattr(stream, "buffer", stream)
        yield stream
        stream.flush()
        return
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        if binary:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(target, temp_name)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def _keep_mode(target: Path, temp_name: str) -> None:
    """mkstemp creates 0600 files; give the result the mode a plain open() would."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp_name, mode)
