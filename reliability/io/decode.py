"""Bytes -> text, or a clear reason why the bytes are not text.

UTF-8 is tried first (it is what almost every file is, and a strict decode
rarely succeeds by accident); byte-order marks are honoured; anything else is
handed to charset-normalizer, and the result must still look like text.
"""

from __future__ import annotations

import codecs
import re

# Magic numbers of formats people drop into article folders by mistake.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"PAR1", "a Parquet file"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "a SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Text whose share of control or unassigned characters is above this is not text.
_MAX_JUNK_SHARE = 0.02
_SAMPLE_CHARS = 20_000
_TIE_BREAK = ("cp1252", "latin_1", "iso8859_15")
# Control codes other than white space, surrogates, private use and non-characters.
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")


class NotText(ValueError):
    """The bytes are not readable text; the message says why, for an error row."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``; raises :class:`NotText` with a reason a person understands."""
    if not data.strip():
        raise NotText("empty file" if not data else "file holds only white space")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(encoding), encoding), encoding
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason} at byte {exc.start})") from None
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise NotText(f"binary file ({what}), not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data[: 2 * 1024 * 1024])
    best = matches.best()
    if best is None or best.encoding is None:
        raise NotText("binary or undecodable file: no text encoding fits its bytes")
    encoding = best.encoding
    # Short samples fit several single-byte code pages equally well; among equals,
    # Windows-1252 is by far the most common for Western news text (and what
    # browsers read "latin-1" as), so a tie goes to it.
    for match in matches:
        if (match.encoding in _TIE_BREAK and abs(match.chaos - best.chaos) < 0.01
                and abs(match.coherence - best.coherence) < 0.05):
            encoding = match.encoding
            break
    if b"\x00" in data[:8192] and not encoding.startswith(("utf_16", "utf_32")):
        raise NotText("binary file (it contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise NotText(f"undecodable file: its bytes are not valid {encoding}") from None
    return _checked(text, encoding), encoding


def _checked(text: str, encoding: str) -> str:
    """``text`` unless it is mostly control characters (a binary file that happens to decode)."""
    sample = text[:_SAMPLE_CHARS]
    if not sample.strip():
        raise NotText("file holds only white space")
    junk = len(_JUNK.findall(sample))
    if junk > _MAX_JUNK_SHARE * len(sample):
        raise NotText(f"binary file: {junk / len(sample):.0%} of its characters are control codes (read as {encoding})")
    return text
