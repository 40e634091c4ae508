"""Building and reading regex sources: the one trie builder and the one reader of
group structure that the lexicon matchers and the detectors share."""

from __future__ import annotations

from typing import Iterable, Sequence


def trie_regex(sequences: Iterable[Sequence[str]]) -> str:
    """A regex matching exactly the given sequences of regex units, as a trie:
    shared openings are written once, and at each branch the longer sequence is
    tried first (a sequence that ends where another goes on is a greedy optional).

    Sibling units must not match the same character (one unit per letter), so
    that the order of the branches cannot change what matches.
    """
    trie: dict = {}
    for sequence in sequences:
        node = trie
        for unit in sequence:
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends_here = "" in node
        branches = [unit + emit(child) for unit, child in sorted(node.items()) if unit != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy optional: the longer phrase wins, the shorter one still matches.
        return "(?:" + body + ")?" if ends_here else body

    return emit(trie)


def scan_to(source: str, i: int, stop_at_bar: bool) -> int:
    """Index of the first top-level ``|`` (when ``stop_at_bar``) or of the ``)``
    closing the group ``i`` is in, from ``i``; classes and escapes are skipped.
    ``len(source)`` when there is none."""
    depth, in_class = 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "|" and depth == 0 and stop_at_bar:
            return i
        i += 1
    return i


def closing_paren(source: str, open_at: int) -> int:
    """Index of the ``)`` that closes the group opened at ``source[open_at]``."""
    close = scan_to(source, open_at + 1, stop_at_bar=False)
    if close >= len(source):
        raise ValueError(f"unbalanced parentheses in {source!r}")
    return close


def split_top_level(source: str) -> list[str]:
    """``a|b(c|d)`` -> ``["a", "b(c|d)"]``: alternatives outside groups and classes."""
    parts, i = [], 0
    while True:
        j = scan_to(source, i, stop_at_bar=True)
        parts.append(source[i:j])
        if j >= len(source) or source[j] != "|":
            return parts
        i = j + 1
