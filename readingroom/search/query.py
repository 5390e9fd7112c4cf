"""The query language researchers type, parsed into an engine-neutral tree and rendered for FTS5.

    untenable situation              both words (AND is implied)
    "untenable situation"            the exact phrase
    withdraw* AND (UNAMIR OR Rwanda) NOT Somalia
    from:USUN to:SECSTATE classification:confidential doc:ID collection:frus1925v02
    tag:PREL NOT Rwanda               what the filters select, less the paragraphs with the word
    date:1994-04   date:1994-04-06..1994-07-15
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import cast

from readingroom.errors import QuerySyntaxError
from readingroom.model import ParagraphKind

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _is_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, naming a month and day that exist (the `date:` filter's forms)."""
    m = _DATE.fullmatch(value.strip())
    if m is None:
        return False
    try:
        datetime.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return False
    return True


def _is_date_range(value: str) -> bool:
    """A date, or two joined by "..", either of which may be left open (date:1994.., date:..1994-04)."""
    low, sep, high = value.partition("..")
    if not sep:
        return _is_date(low)
    return bool(low or high) and all(_is_date(part) for part in (low, high) if part)


FIELDS = ("from", "to", "classification", "collection", "doc", "date", "genre", "tag", "entity", "kind")
_EXAMPLES = {"from": "from:kigali", "to": "to:usun", "classification": "classification:secret",
             "collection": "collection:frus", "doc": "doc:1976DAMASC06820", "date": "date:1994-04",
             "genre": "genre:cable", "tag": "tag:PREL", "entity": 'entity:"GPE:RWANDA"', "kind": "kind:subject"}  # fmt: skip
KINDS = frozenset(v for k, v in vars(ParagraphKind).items() if k.isupper() and isinstance(v, str))
_DATE_FORMS = "write date:1994, date:1994-04, date:1994-04-15, date:1994-04-06..1994-07-15, date:1994.. or date:..1994-04"
_TOKEN = re.compile(
    r'\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<field>[a-z]+):(?P<fvalue>"[^"]*"|[^\s()]+)|"(?P<phrase>[^"]*)"(?P<open>)'
    r"|(?P<word>[^\s()\"]+))"
)


@dataclass
class Term:
    text: str
    prefix: bool = False
    phrase: bool = False


@dataclass
class Op:
    op: str  # AND | OR | NOT
    children: list[Node]


@dataclass
class Everything:
    """What a query's filters select, before any words narrow it: "tag:PREL NOT rwanda" is Everything NOT rwanda."""


Node = Term | Op | Everything


@dataclass
class Query:
    tree: Node | None
    filters: dict[str, list[str]] = field(default_factory=dict)
    operators: bool = False  # the searcher typed AND, OR, NOT or parentheses

    def is_plain(self) -> bool:
        """Only bare words: no phrases, prefixes or operators, which say the searcher wants exact matches."""

        def plain(n: Node | None) -> bool:
            if isinstance(n, Term):
                return not (n.phrase or n.prefix)
            return n is None or isinstance(n, Everything) or all(plain(c) for c in n.children)

        return not self.operators and plain(self.tree)

    def terms(self) -> list[str]:
        out: list[str] = []

        def walk(n: Node | None, negated: bool = False) -> None:
            if isinstance(n, Term) and not negated:
                out.append(n.text)
            elif isinstance(n, Op):
                for i, c in enumerate(n.children):
                    walk(c, negated or (n.op == "NOT" and i > 0))

        walk(self.tree)
        return out


def parse_query(text: str) -> Query:
    tokens = _tokenize(text)
    filters: dict[str, list[str]] = {}
    rest: list[tuple[str, object]] = []
    for i, t in enumerate(tokens):
        if t[0] == "AND" and i and tokens[i - 1][0] == "field":
            continue  # "date:1994 AND withdraw": a filter narrows the whole query, so this AND joins nothing
        if t[0] == "field":
            name, value = cast(tuple[str, str], t[1])
            before, after = rest[-1][0] if rest else None, tokens[i + 1][0] if i + 1 < len(tokens) else None
            if "OR" in (before, after) or before == "NOT":
                raise QuerySyntaxError(f"'{name}:' cannot be joined by {'NOT' if before == 'NOT' else 'OR'}: a field"
                                       " filter narrows the whole query",
                                       "write it beside the words: withdraw* (unamir OR rwanda) date:1994-04")  # fmt: skip
            if before == "AND":
                rest.pop()  # "withdraw AND date:1994": the same
            if name not in FIELDS:
                raise QuerySyntaxError(f"unknown field '{name}:'", f"fields are {', '.join(f + ':' for f in FIELDS)}")
            value = str(value).strip('"')
            if not value.strip():
                raise QuerySyntaxError(f"'{name}:' needs a value", f"write {_EXAMPLES[name]}")
            if name == "date" and not _is_date_range(value):
                raise QuerySyntaxError(f"'date:{value}' is not a date or a range of dates", _DATE_FORMS)
            if name == "kind" and value.lower() not in KINDS:
                raise QuerySyntaxError(f"'kind:{value}' is not a kind of paragraph", f"kinds are {', '.join(sorted(KINDS))}")
            filters.setdefault(str(name), []).append(value)
        else:
            rest.append(t)
    if rest and rest[0][0] == "NOT" and filters:
        rest.insert(0, ("everything", "*"))  # "tag:PREL NOT rwanda": the PREL cables, less those naming Rwanda
    parser = _Parser(rest)
    tree = parser.expression() if rest else None
    if parser.pos != len(rest):
        raise QuerySyntaxError(f"unexpected '{rest[parser.pos][1]}' in query", "check the parentheses")
    return Query(tree, filters, operators=any(t[0] in ("AND", "OR", "NOT", "(") for t in rest))


def _tokenize(text: str) -> list[tuple[str, object]]:
    if text.count('"') % 2:
        raise QuerySyntaxError("unbalanced quote in query", 'close the phrase with a second "')
    tokens: list[tuple[str, object]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m["lp"]:
            tokens.append(("(", "("))
        elif m["rp"]:
            tokens.append((")", ")"))
        elif m["field"]:
            tokens.append(("field", (m["field"].lower(), m["fvalue"])))
        elif m["phrase"] is not None:
            if m["phrase"].strip():
                tokens.append(("phrase", m["phrase"]))
        elif m["word"] in ("AND", "OR", "NOT"):
            tokens.append((m["word"], m["word"]))
        elif m["word"] and m["word"].endswith(":") and m["word"][:-1].lower() in FIELDS:
            name = m["word"][:-1].lower()  # "from:" with nothing after it: not the word "from"
            raise QuerySyntaxError(f"'{name}:' needs a value", f"write {_EXAMPLES[name]}")
        elif m["word"] and re.search(r"\w", m["word"]):
            tokens.append(("word", m["word"]))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, object]]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def expression(self) -> Node:
        node = self.conjunction()
        while self.peek() == "OR":
            self.pos += 1
            node = _join("OR", node, self.conjunction())
        return node

    def conjunction(self) -> Node:
        node = self.primary()
        while self.peek() in ("AND", "NOT", "word", "phrase", "("):
            kind = self.peek()
            if kind == "AND":
                self.pos += 1
                if self.peek() == "NOT":
                    kind = "NOT"
            if kind == "NOT":
                self.pos += 1
                node = Op("NOT", [node, self.primary()])
            else:
                node = _join("AND", node, self.primary())
        return node

    def primary(self) -> Node:
        kind = self.peek()
        if kind is None:
            raise QuerySyntaxError("query ends too early", "an operator needs a word after it")
        token = self.tokens[self.pos]
        self.pos += 1
        if kind == "(":
            node = self.expression()
            if self.peek() != ")":
                raise QuerySyntaxError("missing ')' in query", "close every parenthesis")
            self.pos += 1
            return node
        if kind == "phrase":
            return Term(str(token[1]), phrase=True)
        if kind == "everything":
            return Everything()
        if kind == "word":
            word = str(token[1])
            return Term(word.rstrip("*"), prefix=word.endswith("*") and len(word) > 1)
        if kind == "NOT":
            raise QuerySyntaxError("NOT needs a word or a filter before it", "write: rwanda NOT somalia, or tag:PREL NOT rwanda")
        raise QuerySyntaxError(f"unexpected '{token[1]}' in query", "put a word before the operator")


def _join(op: str, left: Node, right: Node) -> Node:
    if isinstance(left, Op) and left.op == op:
        left.children.append(right)
        return left
    return Op(op, [left, right])
