"""The query language: parsing, FTS5 rendering and clear errors."""

from __future__ import annotations

import re

import pytest

from readingroom.errors import QuerySyntaxError
from readingroom.search.query import parse_query, to_fts5


@pytest.mark.parametrize(
    "query, fts",
    [
        ("untenable situation", '("untenable" AND "situation")'),
        ('"untenable situation"', '"untenable situation"'),
        ("withdraw* OR rwanda", '("withdraw"* OR "rwanda")'),
        ("unamir NOT somalia", '("unamir" NOT "somalia")'),
        ("(a OR b) c", '(("a" OR "b") AND "c")'),
        ("UNAMIR's mandate", '("UNAMIR s" AND "mandate")'),
    ],
)
def test_rendering(query, fts):
    assert to_fts5(parse_query(query).tree) == fts


def test_fields_are_filters_not_words():
    q = parse_query('rwanda from:USUN date:1994-04 classification:"limited official use"')
    assert q.filters == {"from": ["USUN"], "date": ["1994-04"], "classification": ["limited official use"]}
    assert q.terms() == ["rwanda"]


@pytest.mark.parametrize(
    "query, message",
    [('"open phrase', "unbalanced quote"), ("(a OR b", "missing ')'"), ("a OR", "ends too early"),
     ("NOT a", "NOT needs a word before it"), ("bogus:x", "unknown field")],
)  # fmt: skip
def test_malformed_queries_say_what_is_wrong(query, message):
    with pytest.raises(QuerySyntaxError, match=re.escape(message)):
        parse_query(query)


def test_plain_words_are_told_from_exact_syntax():
    assert parse_query("untenable situation from:USUN").is_plain()
    for exact in ('"untenable situation"', "untenable AND situation", "untenab*", "a OR b", "a NOT b", "(a b)"):
        assert not parse_query(exact).is_plain(), exact
