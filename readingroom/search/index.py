"""The paragraph index: tantivy beside the store (a SQLite file, or on each server of a PostgreSQL archive),
derived from it and rebuilt from it.

The store is the truth. The index holds every paragraph with the document fields researchers filter and facet
on. It is committed at the end of each ingest (and enrich run); after a crash it is behind, never ahead, and
the next writer that opens it catches up from the store (paragraph rowids only grow), so a kill can never
leave a hit without its document.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import tantivy

from readingroom.search.hyphens import dehyphenated
from readingroom.search.query import Everything, Node, Term

FACET_FIELDS = ("classification", "sender", "recipient", "collection", "genre")
# One string field holds a paragraph's month, or its year when the date goes no further ("1994"): the year
# facet is the sum of its months and that bucket, one aggregation and one column fewer per paragraph.
PERIOD_FIELD = "period"
# Filters that match words of a field's value ("from:kigali" finds "AMEMBASSY KIGALI"). Sender, recipient and
# classification are matched against the distinct values of their facet field at query time instead of being
# indexed a second time as words in every paragraph; collection also holds a FRUS volume name, so it keeps a
# words field of its own.
WORD_FILTERS = {"from": "sender", "to": "recipient", "classification": "classification"}
_WRITER_HEAP = 64 * 1024 * 1024
_BULK_HEAP = 256 * 1024 * 1024
INDEX_VERSION = "12"  # bump when the schema changes: the index is rebuilt from the store on open


def _schema() -> tantivy.Schema:
    # Only what ranking, snippets, filters and facets need: a hit's citation details (document, locator,
    # offsets, title) are read from the store by paragraph rowid, which keeps the index lean and quick to build.
    b = tantivy.SchemaBuilder()
    b.add_integer_field("para", stored=True, indexed=True, fast=True)
    b.add_integer_field("doc_no", stored=True, fast=True)  # grouping and counting distinct documents
    b.add_text_field("doc_id", tokenizer_name="raw")
    b.add_text_field("kind", tokenizer_name="raw")
    b.add_text_field("text", stored=True, tokenizer_name="en_stem")
    # a paragraph with words a line end broke, once more with them joined (search/hyphens.py): "RESPON- SIBILITY"
    b.add_text_field("dehyphenated", tokenizer_name="en_stem")
    b.add_integer_field("day", stored=True, indexed=True, fast=True)  # yyyymmdd; a partial date sorts to its start
    for f in (*FACET_FIELDS, PERIOD_FIELD):
        b.add_text_field(f, fast=True, tokenizer_name="raw")
    b.add_text_field("collection_text", tokenizer_name="default")
    b.add_text_field("tag", fast=True, tokenizer_name="raw")
    b.add_text_field("entity", fast=True, tokenizer_name="raw")
    return b.build()


_ANALYZER = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40))
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.stemmer("english"))
    .build()
)
_PLAIN = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase()).build()


# The columns a store hands to `ParagraphIndex.add`, in this order (one tuple per paragraph).
ROW_COLUMNS = ("para", "doc_no", "doc_id", "source_id", "kind", "text", "date", "classification", "sender",
               "recipient", "collection", "genre", "tags_json", "entities")  # fmt: skip  (entities: a list of ids, or its JSON text)
# Only what the index holds or derives a field from: a hit's locator, offsets and title come from the store.


class ParagraphIndex:
    def __init__(self, path: str, archive_id: str):
        """`archive_id` names the archive the index is built from: an index of another archive is rebuilt."""
        self.path = Path(path)
        stamp = self.path / "readingroom-index-version"
        owner = self.path / "readingroom-archive-id"
        if self.path.exists() and not (_reads(stamp, INDEX_VERSION) and _reads(owner, archive_id)):
            shutil.rmtree(self.path)  # derived data: rebuilt from the store by catch_up()
        self.path.mkdir(parents=True, exist_ok=True)
        for file, value in ((stamp, INDEX_VERSION), (owner, archive_id)):
            if not _reads(file, value):  # written once, not on every open
                file.write_text(value)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        self._writer: tantivy.IndexWriter | None = None
        self.pending = 0
        self._reloaded = 0.0
        self._values: dict[tuple[str, int, int], list[tuple[str, frozenset[str]]]] = {}
        self._meta_stamp = _stamp(self.path)
        # The store's entities written so (American: GPE:UNITED STATES); the index knows ids and names alone.
        self.aliased: Callable[[str], list[str]] = lambda name: []

    # -- writing --------------------------------------------------------------------------------------------

    def writer(self, bulk: bool = False) -> tantivy.IndexWriter:
        if self._writer is None:
            heap, threads = (_BULK_HEAP, 0) if bulk else (_WRITER_HEAP, 1)  # 0: one indexing thread per core
            self._writer = self.index.writer(heap_size=heap, num_threads=threads)
        return self._writer

    def try_writer(self, bulk: bool = False) -> bool:
        """Take the writer lock if no other process holds it (a running ingest does)."""
        try:
            self.writer(bulk)
            return True
        except ValueError:
            return False

    def add(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Index paragraphs given as ROW_COLUMNS tuples; document fields are worked out once per document."""
        w = self.writer()
        cached_doc, doc_values = None, {}
        for row in rows:
            if row[1] != cached_doc:
                cached_doc, doc_values = row[1], _document_values(row)
            values = dict(doc_values, para=row[0], kind=row[4], text=row[5])
            if (joined := dehyphenated(row[5])) is not None:
                values["dehyphenated"] = joined
            if row[13] and row[13] != "[]":  # a list, or JSON text from the store
                values["entity"] = json.loads(row[13]) if isinstance(row[13], str) else row[13]
            w.add_document(tantivy.Document(**values))
            self.pending += 1

    def clear(self) -> None:
        """Forget every paragraph (committed with what is added next): the index is rebuilt from the store."""
        self.writer().delete_all_documents()
        self.pending += 1

    def commit(self) -> None:
        if self._writer is not None and self.pending:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
            self.pending = 0
            self.index.reload()
            self._reloaded = time.monotonic()
            self._values.clear()

    def rollback(self) -> None:
        """Forget what was added since the last commit (documents whose transaction was rolled back)."""
        if self._writer is not None:
            self._writer.rollback()
            self._writer = None
        self.pending = 0

    def close(self) -> None:
        self.commit()
        self._writer = None

    # -- reading --------------------------------------------------------------------------------------------

    def max_para(self) -> int:
        self.index.reload()
        searcher = self.index.searcher()
        if searcher.num_docs == 0:
            return 0
        hits = searcher.search(tantivy.Query.all_query(), limit=1, order_by_field="para", count=False).hits
        return int(searcher.doc(hits[0][1])["para"][0]) if hits else 0

    def num_docs(self) -> int:
        self.index.reload()
        return int(self.index.searcher().num_docs)

    def searcher(self) -> tantivy.Searcher:
        return self.index.searcher()

    def reload(self) -> None:
        """See what other processes committed; at most once a second, since each reload reads the index meta."""
        now = time.monotonic()
        if now - self._reloaded >= 1.0:
            self.index.reload()
            self._reloaded = now
            if (stamp := _stamp(self.path)) != self._meta_stamp:  # another process committed: values may differ
                self._meta_stamp = stamp
                self._values.clear()

    # -- query building ----------------------------------------------------------------------------------

    def text_query(self, node: Node, default_op: str = "AND") -> tantivy.Query:
        if isinstance(node, Term):
            return self._term(node)
        if isinstance(node, Everything):
            return tantivy.Query.all_query()
        occur = tantivy.Occur.Must if (node.op == "AND" and default_op == "AND") or node.op == "NOT" else tantivy.Occur.Should
        if node.op == "OR":
            occur = tantivy.Occur.Should
        parts = []
        for i, child in enumerate(node.children):
            q = self.text_query(child, default_op)
            parts.append((tantivy.Occur.MustNot if node.op == "NOT" and i > 0 else occur, q))
        return tantivy.Query.boolean_query(parts)

    def _term(self, term: Term) -> tantivy.Query:
        tokens = list[str | tuple[int, str]](analyze(term.text))
        if not tokens:
            return tantivy.Query.empty_query()
        if term.prefix and len(tokens) == 1:
            raw = analyze_plain(term.text)[-1]
            return self._in_text_or_across(lambda field: tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.regex_query(self.schema, field, re.escape(raw) + ".*"))]
                + [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, field, stem)) for stem in _short_stems(raw)]
            ))  # fmt: skip
        if term.prefix:
            return self._in_text_or_across(lambda field: tantivy.Query.phrase_prefix_query(self.schema, field, tokens))
        if len(tokens) == 1:
            return self._in_text_or_across(lambda field: tantivy.Query.term_query(self.schema, field, tokens[0]))
        return self._in_text_or_across(lambda field: tantivy.Query.phrase_query(self.schema, field, tokens))

    def _in_text_or_across(self, query_in: Callable[[str], tantivy.Query]) -> tantivy.Query:
        """A word or phrase in the text, or else only across a word a line end broke ("PRIMARY RESPON- SIBILITY",
        found in the paragraph's copy with its breaks joined): the second way counts only where the first fails, so
        a paragraph with breaks gains no score from being read twice."""
        in_text = query_in("text")
        across = tantivy.Query.boolean_query([
            (tantivy.Occur.Must, query_in("dehyphenated")), (tantivy.Occur.MustNot, in_text),
        ])  # fmt: skip
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, in_text), (tantivy.Occur.Should, across)])

    def filter_query(self, name: str, value: str) -> tantivy.Query:
        if name == "date":
            low, sep, high = value.partition("..")  # either end of a range may be open: date:1994.., date:..1994-04
            lo = date_bounds(low)[0] if low else 0
            hi = date_bounds(high)[1] if high else (99991299 if sep else date_bounds(low)[1])
            return tantivy.Query.range_query(self.schema, "day", tantivy.FieldType.Integer, lo, hi)
        if name == "doc":
            return tantivy.Query.term_query(self.schema, "doc_id", value)
        if name == "tag":
            return tantivy.Query.term_query(self.schema, "tag", value.upper())
        if name == "entity":
            ids = self.entities_named(value)
            return tantivy.Query.term_set_query(self.schema, "entity", ids) if ids else tantivy.Query.empty_query()
        if name == "kind":
            return tantivy.Query.term_query(self.schema, "kind", value.lower())
        if name == "genre":
            return tantivy.Query.term_query(self.schema, "genre", value.lower())
        words = analyze_plain(value)
        if not words:
            return tantivy.Query.empty_query()
        if name == "collection":
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "collection_text", w)) for w in words]
            )
        field, wanted = WORD_FILTERS[name], set(words)
        values = [v for v, its_words in self.values_of(field) if wanted <= its_words]
        if not values:
            return tantivy.Query.empty_query()
        return tantivy.Query.term_set_query(self.schema, field, values)

    def entities_named(self, value: str) -> list[str]:
        """`entity:` takes what `readingroom entity` takes — an id (GPE:RWANDA) or a name in any case
        ("Rwanda", "U.S.") or a name its mentions are written as ("American": GPE:UNITED STATES) — and, when no
        entity has that name, every entity whose name holds its words (`entity:dallaire` finds PER:ROMEO
        DALLAIRE). `entity:rwanda` had found nothing: only ids matched."""
        entities = self.values_of("entity")  # (id, its words), read once per index state
        if any(v == value for v, _ in entities):
            return [value]
        wanted = value
        if typed := re.match(r"^(PER|ORG|GPE|POST):", value, re.I):  # gpe:rwanda: a name of that type only
            prefix, wanted = typed.group(0).upper(), value[typed.end() :]
            entities = [(v, words) for v, words in entities if v.startswith(prefix)]
        name = re.sub(r"^THE\s+", "", re.sub(r"\.", "", " ".join(wanted.upper().split())))
        same = [v for v, _ in entities if v.split(":", 1)[-1] == name]
        if same:
            return same
        if aliased := [v for v in self.aliased(" ".join(wanted.split())) if not typed or v.startswith(prefix)]:
            return aliased
        wanted_words = set(analyze_plain(wanted))  # cached words of the id, its type (gpe) among them
        return [v for v, words in entities if wanted_words and wanted_words <= words]

    def values_of(self, field: str) -> list[tuple[str, frozenset[str]]]:
        """Every distinct value of a facet field in the index with its words (a few hundred senders even in a
        large archive), read from the field's column (about a millisecond per 200,000 paragraphs) once per
        index state."""
        searcher = self.searcher()
        key = (field, searcher.num_docs, searcher.num_segments)
        if key not in self._values:
            spec = {"values": {"terms": {"field": field, "size": 1_000_000}}}
            buckets = searcher.aggregate(tantivy.Query.all_query(), spec).get("values", {}).get("buckets", [])
            self._values = {k: v for k, v in self._values.items() if k[1:] == key[1:]}
            self._values[key] = [(b["key"], frozenset(analyze_plain(b["key"]))) for b in buckets]
        return self._values[key]


def _stamp(path: Path) -> int:
    """When tantivy last wrote the index's meta (every commit does): re-tagging a document on another server
    changes its entity values while the numbers of paragraphs and segments may stay the same."""
    try:
        return (path / "meta.json").stat().st_mtime_ns
    except OSError:
        return 0


def _reads(path: Path, expected: str) -> bool:
    return path.exists() and path.read_text().strip() == expected


def _document_values(row: tuple[Any, ...]) -> dict[str, Any]:
    """The fields every paragraph of a document shares: filters and facets."""
    (_, doc_no, doc_id, source_id, _, _, date, classification, sender, recipient, collection, genre,
     tags_json) = row[:13]  # fmt: skip
    values: dict[str, Any] = {"doc_no": doc_no, "doc_id": doc_id}
    if date:
        values.update(day=day_number(date), period=date[:7] if len(date) >= 7 else date[:4])
    for name, value in (("classification", classification), ("sender", sender), ("recipient", recipient),
                        ("collection", collection), ("genre", genre)):  # fmt: skip
        if value:
            values[name] = value
    volume = source_id.split("/")[0] if "/" in source_id else None  # a volume of many documents: collection:frus1925v02
    if collection or volume:
        values["collection_text"] = [v for v in (collection, volume) if v]
    if tags_json and tags_json != "[]":
        values["tag"] = json.loads(tags_json)
    return values


# Endings a prefix may be completed with. The index holds stems, and a stem can be shorter than the prefix a
# reader types ("untenab*": "untenable" is indexed as "unten"), so those stems are searched too.
_COMPLETIONS = ("", "e", "s", "es", "ed", "ing", "ion", "ions", "le", "les", "ble", "able", "ible", "bility", "al", "ally", "ance",
                "ence", "ant", "ent", "ment", "ness", "ity", "ize", "ise", "ive", "ous", "ful", "ly", "er", "y",
                "ies", "ation", "ational", "ated")  # fmt: skip


def _short_stems(prefix: str) -> list[str]:
    stems = {t for ending in _COMPLETIONS for t in analyze(prefix + ending)[:1]}
    return sorted(t for t in stems if not t.startswith(prefix))


def analyze(text: str) -> list[str]:
    return [t for t in _ANALYZER.analyze(text)]


def analyze_plain(text: str) -> list[str]:
    return [t for t in _PLAIN.analyze(text)]


def day_number(date: str) -> int:
    parts = (date + "-00-00").split("-")
    try:
        return int(parts[0]) * 10000 + int(parts[1] or 0) * 100 + int(parts[2] or 0)
    except ValueError:
        return 0


def date_bounds(value: str) -> tuple[int, int]:
    """'1994' -> (19940000, 19941299); '1994-04' -> (19940400, 19940499); a full date is itself."""
    value = value.strip()
    parts = value.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return year * 10000, year * 10000 + 1299
    month = int(parts[1])
    if len(parts) == 2:
        return year * 10000 + month * 100, year * 10000 + month * 100 + 99
    day = year * 10000 + month * 100 + int(parts[2])
    return day, day
