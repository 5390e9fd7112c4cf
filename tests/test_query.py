"""The query language: parsing into a tree, and clear errors."""

from __future__ import annotations

import re

import pytest

from readingroom.errors import QuerySyntaxError
from readingroom.search.query import Node, Term, parse_query


def _shape(node: Node) -> str:
    """The parsed tree written out: phrases in quotes, prefixes with *, operators in brackets."""
    if isinstance(node, Term):
        return f'"{node.text}"' + ("*" if node.prefix else "")
    return "(" + f" {node.op} ".join(_shape(c) for c in node.children) + ")"


@pytest.mark.parametrize(
    "query, tree",
    [
        ("untenable situation", '("untenable" AND "situation")'),
        ('"untenable situation"', '"untenable situation"'),
        ("withdraw* OR rwanda", '("withdraw"* OR "rwanda")'),
        ("unamir NOT somalia", '("unamir" NOT "somalia")'),
        ("(a OR b) c", '(("a" OR "b") AND "c")'),
        ("a OR b c", '("a" OR ("b" AND "c"))'),
    ],
)
def test_parse_tree(query, tree):
    assert _shape(parse_query(query).tree) == tree


def test_fields_are_filters_not_words():
    q = parse_query('rwanda from:USUN date:1994-04 classification:"limited official use"')
    assert q.filters == {"from": ["USUN"], "date": ["1994-04"], "classification": ["limited official use"]}
    assert q.terms() == ["rwanda"]


def test_a_filter_may_be_joined_by_and_as_people_write_it():
    """The demo suggests `withdraw* AND date:1994-04`; it had failed: "query ends too early"."""
    for text in ("withdraw* AND date:1994-04", "date:1994-04 AND withdraw*", "withdraw* date:1994-04"):
        q = parse_query(text)
        assert q.filters == {"date": ["1994-04"]} and q.terms() == ["withdraw"], text
    q = parse_query("unamir AND entity:rwanda AND withdraw AND tag:PREL")
    assert q.terms() == ["unamir", "withdraw"] and q.filters == {"entity": ["rwanda"], "tag": ["PREL"]}
    for text, joined in (("rwanda OR date:1994", "OR"), ("date:1994 OR rwanda", "OR"), ("rwanda NOT date:1994", "NOT")):
        with pytest.raises(QuerySyntaxError, match=f"'date:' cannot be joined by {joined}"):
            parse_query(text)  # a filter narrows the whole query: OR and NOT cannot be said of it


@pytest.mark.parametrize(
    "query, message",
    [('"open phrase', "unbalanced quote"), ("(a OR b", "missing ')'"), ("a OR", "ends too early"),
     ("NOT a", "NOT needs a word or a filter before it"), ("bogus:x", "unknown field"),
     ("rwanda date:abc", "'date:abc' is not a date"), ("date:1994-13", "is not a date"),
     ("date:1994-04-31", "is not a date"), ("date:1994-04..spring", "is not a date"), ("date:..", "is not a date"),
     ("rwanda from:", "'from:' needs a value"), ("tag: RW", "'tag:' needs a value"), ('to:""', "'to:' needs a value")],
)  # fmt: skip
def test_malformed_queries_say_what_is_wrong(query, message):
    with pytest.raises(QuerySyntaxError, match=re.escape(message)):
        parse_query(query)


def test_a_date_range_may_be_open_at_either_end():
    assert parse_query("rwanda date:1994..").filters == {"date": ["1994.."]}
    assert parse_query("date:..1994-04").filters == {"date": ["..1994-04"]}


def test_plain_words_are_told_from_exact_syntax():
    assert parse_query("untenable situation from:USUN").is_plain()
    for exact in ('"untenable situation"', "untenable AND situation", "untenab*", "a OR b", "a NOT b", "(a b)"):
        assert not parse_query(exact).is_plain(), exact
