"""The shared regex builders: a trie of phrases matches exactly those phrases,
longest first; group structure is read past classes and escapes."""

import re

import pytest
from hypothesis import given, strategies as st

from reliability.lexicons.patterns import closing_paren, split_top_level, trie_regex

words = st.lists(st.text(alphabet="abc'", min_size=1, max_size=5), min_size=1, max_size=12)


@given(words, st.text(alphabet="abc'", max_size=5))
def test_a_trie_matches_exactly_its_words(vocabulary, other):
    pattern = re.compile(trie_regex(tuple(re.escape(ch) for ch in word) for word in vocabulary))
    for word in vocabulary:
        assert pattern.fullmatch(word)
    assert bool(pattern.fullmatch(other)) == (other in vocabulary)


def test_a_trie_prefers_the_longer_phrase():
    pattern = re.compile(trie_regex([("s", "a", "y"), ("s", "a", "y", "s")]))
    assert pattern.match("says").group() == "says"
    assert pattern.match("say so").group() == "say"


def test_alternatives_are_split_outside_groups_and_classes_only():
    assert split_top_level(r"a|b(?:c|d)|[|)]e|\|f") == ["a", "b(?:c|d)", "[|)]e", r"\|f"]


def test_the_closing_parenthesis_skips_classes_and_escapes():
    source = r"x(?:a[)]|\)b)y"
    assert source[closing_paren(source, 1)] == ")" and closing_paren(source, 1) == len(source) - 2
    with pytest.raises(ValueError, match="unbalanced"):
        closing_paren("(?:ab", 0)
