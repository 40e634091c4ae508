"""An HTML page -> its article body, title and date (trafilatura).

trafilatura is a maintained main-content extractor that drops navigation,
comments and footers far better than hand-written rules. Its output is turned
into plain text with a blank line between paragraphs, so that detectors that
read paragraphs see the page's structure.
"""

from __future__ import annotations

from . import InputRecord, ReadOptions
from .decode import NotText, decode_bytes

# Tags of trafilatura's XML whose items go on their own lines.
_BLOCKS_WITH_ITEMS = frozenset({"list", "table"})
_ITEM_TAGS = frozenset({"item", "row"})


def read_html(display: str, data: bytes, options: ReadOptions) -> InputRecord:
    """One record for one page: the article, or an error saying why there is none."""
    try:
        markup, _encoding = decode_bytes(data)
    except NotText as exc:
        return InputRecord(id=display, text=None, error=str(exc))
    if len(data) > options.max_bytes:
        return InputRecord(id=display, text=None, error=f"page is over the {options.max_bytes:,}-byte limit (raise it with --max-bytes)")
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml without its html-clean module
        return InputRecord(id=display, text=None, error=f"cannot extract HTML: trafilatura is not usable ({exc})")
    try:
        extracted = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # The page's own metadata only: no slow scan of every date-like string.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on malformed pages
        return InputRecord(id=display, text=None, error=f"cannot parse HTML: {type(exc).__name__}: {exc}")
    if extracted is None:
        return InputRecord(id=display, text=None, error="no article text found in the HTML page")
    title = _clean(getattr(extracted, "title", None))
    text = _body_text(extracted, title)
    if not text.strip():
        return InputRecord(id=display, text=None, error="no article text found in the HTML page")
    return InputRecord(
        id=display,
        text=text,
        title=title,
        published=_clean(getattr(extracted, "date", None)),
        url=_clean(getattr(extracted, "url", None)),
    )


def _body_text(extracted: object, title: str | None) -> str:
    body = getattr(extracted, "body", None)
    if body is None:
        return str(getattr(extracted, "text", "") or "")
    blocks: list[str] = []
    for element in body:
        if element.tag in _BLOCKS_WITH_ITEMS:
            items = [" ".join("".join(item.itertext()).split()) for item in element.iter() if item.tag in _ITEM_TAGS]
            block = "\n".join(i for i in items if i)
        else:
            block = "".join(element.itertext()).strip()
        if block:
            blocks.append(block)
    # The headline repeats the title passed beside the text; keep it only once.
    if blocks and title and " ".join(blocks[0].split()) == " ".join(title.split()):
        blocks = blocks[1:]
    return "\n\n".join(blocks)


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
