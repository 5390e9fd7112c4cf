"""Search as researchers use it, on the demo archive in SQLite and in PostgreSQL: phrases, filters, facets,
grouping, sorting."""

from __future__ import annotations

import shutil

import pytest

from readingroom.api import Archive
from readingroom.errors import QuerySyntaxError


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def archive(request, demo_db):
    """The demo archive in each store: every search test below runs on both."""
    if request.param == "sqlite":
        store = None
        target = demo_db
    else:
        from readingroom.store.postgres import PostgresStore

        url, index = request.getfixturevalue("postgres_demo")
        store, target = PostgresStore(url, index), None
    with Archive(target, store=store) as a:
        yield a


def test_a_count_only_request_reads_no_hits(archive):
    from readingroom.search.query import Term
    from readingroom.store import SearchRequest

    counted = archive.store.search(SearchRequest(Term("unamir"), limit=0))
    assert counted.hits == [] and counted.total == archive.search("unamir", limit=100).total > 0


def test_phrase_finds_the_one_talking_point(archive):
    result = archive.search('"untenable situation"')
    assert result.total == 1
    (hit,) = result.hits
    assert (hit.source_id, hit.locator) == ("000_7b586f3c1424ed7d", "7.11")
    start, end = hit.highlights[0]
    assert hit.snippet[start:end].lower() == "untenable situation"


def test_a_word_a_line_end_broke_is_found_and_shown_as_the_source_has_it(archive):
    """1979ANKARA00334 writes "PRIMARY RESPON- SIBILITY": the stemmer had indexed "respon" and "sibil", so no
    search for the word found it. A compound the writer hyphenated stays two words."""
    hits = archive.search("responsibility", limit=500).hits
    hit = next(h for h in hits if (h.source_id, h.locator) == ("1979ANKARA00334", "3"))
    assert "RESPON- SIBILITY" in hit.text and "RESPONSIBILITY" not in hit.text
    assert "RESPON- SIBILITY" in [hit.snippet[a:b] for a, b in hit.highlights]  # marked where the reader looks
    assert archive.search("burdensharing").total == 0  # BURDEN- SHARING
    prefixed = archive.search("responsib*", limit=500).hits  # a prefix too
    assert ("1979ANKARA00334", "3") in {(h.source_id, h.locator) for h in prefixed}


def test_a_phrase_runs_across_a_word_a_line_end_broke(archive):
    """A reader quoting the cable types "primary responsibility"; the cable has "PRIMARY RESPON- SIBILITY"."""
    hits = archive.search('"primary responsibility"', limit=500).hits
    assert ("1979ANKARA00334", "3") in {(h.source_id, h.locator) for h in hits}
    assert all("PRIMARY RESPON" in h.text.upper() for h in hits)
    hit = next(h for h in hits if h.source_id == "1979ANKARA00334")
    assert "PRIMARY RESPON- SIBILITY" in [hit.snippet[a:b] for a, b in hit.highlights]
    assert archive.search('"burdensharing"').total == 0 and archive.search('"burden sharing"').total > 0


def test_words_are_anded_and_stemmed(archive):
    both = archive.search("withdrawal peacekeepers")
    assert both.total > 0 and not both.relaxed
    for h in both.hits:
        text = h.text.lower()
        assert "withdraw" in text and "peacekeep" in text


def test_relaxes_to_any_word_when_nothing_has_all(archive):
    result = archive.search("untenable xylophone")
    assert result.relaxed and result.total >= 1


def test_boolean_not_and_prefix(archive):
    with_not = archive.search("rwanda NOT unamir")
    assert with_not.total > 0
    assert all("unamir" not in h.text.lower() for h in with_not.hits)
    prefix = archive.search("peacekeep*")
    assert prefix.total >= archive.search("peacekeeping").total


def test_a_prefix_longer_than_the_indexed_stem_still_matches(archive):
    # "untenable" is indexed as the stem "unten": a reader typing untenab* must still find it, highlighted.
    for query in ("untenab*", "untena*", "untenable*"):
        result = archive.search(query)
        hit = next(h for h in result.hits if "untenable" in h.text)
        assert any(hit.snippet[s:e].lower().startswith("unten") for s, e in hit.highlights), query


def test_group_by_document_gives_one_hit_each(archive):
    result = archive.search("rwanda", group="doc", limit=20)
    ids = [h.doc_id for h in result.hits]
    assert len(ids) == len(set(ids)) == result.total_documents == 3


def test_sort_by_date(archive):
    oldest = archive.search("treaty", sort="date", limit=30)
    dates = [h.date for h in oldest.hits if h.date]
    assert dates == sorted(dates) and dates[0] < "1926"
    newest = archive.search("security", sort="-date", limit=10)
    assert newest.hits[0].date.startswith("1994")


def test_facets_count_matching_paragraphs(archive):
    result = archive.search("rwanda")
    facets = dict(result.facets["classification"])
    assert facets["CONFIDENTIAL"] == result.total
    assert dict(result.facets["year"]) == {"1994": result.total}
    assert ("RW", 12) in result.facets["tag"] or "RW" in dict(result.facets["tag"])


@pytest.mark.parametrize(
    "query, check",
    [
        ("rwanda date:1994-07", lambda h: h.date.startswith("1994-07")),
        ("rwanda date:1994-04-01..1994-04-30", lambda h: "1994-04-01" <= h.date <= "1994-04-30"),
        ("rwanda date:1994-05..", lambda h: h.date >= "1994-05"),
        ("treaty date:..1925-01", lambda h: h.date <= "1925-01-31"),
        ("rwanda from:USUN", lambda h: h.source_id.startswith("fgt-")),
        ("kigali tag:RW", lambda h: h.source_id.startswith("fgt-")),
        ("treaty collection:frus1925v02", lambda h: h.source_id.startswith("frus1925v02/")),
        ("unamir classification:confidential", lambda h: True),
    ],
)
def test_field_filters(archive, query, check):
    result = archive.search(query, limit=50)
    assert result.total > 0, query
    assert all(check(h) for h in result.hits), query


def test_doc_filter_takes_what_show_takes(archive):
    """`doc:` names a document the way a reader cites it — its cable number or FRUS VOLUME/XMLID — as well as by
    its id or the start of its id; it had matched the id alone, so `doc:1976DAMASC06820` found nothing."""
    by_number = archive.search("doc:1976DAMASC06820", limit=100)
    assert by_number.total > 0 and {h.source_id for h in by_number.hits} == {"1976DAMASC06820"}
    doc_id = by_number.hits[0].doc_id
    assert archive.search(f"doc:{doc_id}", limit=100).total == by_number.total
    assert archive.search(f"doc:{doc_id[:10]}", limit=100).total == by_number.total
    frus = archive.search("doc:frus1925v02/d100", limit=100)
    assert frus.total > 0 and {h.source_id for h in frus.hits} == {"frus1925v02/d100"}
    assert archive.search("doc:d100", limit=100).total == frus.total  # the end of a source id, as bulk records are named
    assert archive.search("doc:1976DAMASC99999").total == 0


def test_filters_alone_list_documents(archive):
    result = archive.search("from:USUN to:SECSTATE", group="doc")
    assert result.total_documents >= 2 and result.hits


def test_what_the_filters_select_less_a_word(archive):
    """"tag:PREL NOT rwanda" — the PREL cables' paragraphs that do not name Rwanda — had been refused: "NOT needs a
    word before it". The filters select; NOT takes away; words after it still narrow."""
    tagged, naming = archive.search("tag:PREL", limit=100), archive.search("tag:PREL rwanda", limit=100)
    without = archive.search("tag:PREL NOT rwanda", limit=100)
    assert naming.total and without.total and without.total == tagged.total - naming.total
    assert all("rwanda" not in h.text.lower() for h in without.hits)
    assert {h.doc_id for h in without.hits} <= {h.doc_id for h in tagged.hits}
    narrowed = archive.search("from:USUN NOT rwanda council", limit=100)
    assert narrowed.total and all("council" in h.text.lower() and "rwanda" not in h.text.lower() for h in narrowed.hits)
    with pytest.raises(QuerySyntaxError, match="NOT needs a word or a filter before it"):
        archive.search("NOT rwanda")


def test_kind_filter_searches_one_part_of_the_documents(archive):
    subjects = archive.search("kind:subject rwanda", limit=50)
    assert subjects.total >= 2 and all(h.kind == "subject" and h.locator == "subject" for h in subjects.hits)
    assert subjects.total < archive.search("rwanda").total
    questions = archive.search("kind:guiding_question")
    assert [h.locator for h in questions.hits] == ["q1", "q2"]
    with pytest.raises(QuerySyntaxError, match="kinds are .*talking_point"):
        archive.search("kind:footnote")


def test_malformed_query_is_an_error(archive):
    with pytest.raises(QuerySyntaxError):
        archive.search("(rwanda OR")


def test_index_is_rebuilt_from_the_store_when_lost(tmp_path, demo_db):
    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    with Archive(str(db)) as a:  # no index folder beside the copy: it is rebuilt on open
        assert a.search('"untenable situation"').total == 1
        assert a.check() == []


def test_year_and_month_facets_and_word_filters_on_document_fields(tmp_path):
    """Years and months come from each document's date as precise as it is known: a document dated only
    "1975" counts in 1975 but in no month. A filter word finds every sender, recipient or classification
    holding that word, and only those."""
    import json

    records = [
        {"id": "a", "date": "1975-03-02", "sender": "AMEMBASSY SAIGON", "classification": "LIMITED OFFICIAL USE",
         "text": "The evacuation of the embassy staff began at dawn."},
        {"id": "b", "date": "1975-03", "sender": "SECSTATE WASHDC", "classification": "SECRET",
         "text": "The evacuation plan was approved by the Secretary."},
        {"id": "c", "date": "1975", "sender": "AMEMBASSY PHNOM PENH", "classification": "CONFIDENTIAL",
         "text": "Evacuation by helicopter is the only route left."},
        {"id": "d", "date": "1976-11-30", "sender": "USMISSION GENEVA", "classification": "UNCLASSIFIED",
         "text": "No evacuation is foreseen from Geneva."},
    ]  # fmt: skip
    path = tmp_path / "cables.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    with Archive(str(tmp_path / "a.db")) as a:
        a.ingest([path])
        result = a.search("evacuation")
        assert result.facets["year"] == [("1975", 3), ("1976", 1)]
        assert result.facets["month"] == [("1975-03", 2), ("1976-11", 1)]
        by_sender = lambda q: sorted(h.source_id.split("/")[-1] for h in a.search(q).hits)  # noqa: E731
        assert by_sender("evacuation from:amembassy") == ["a", "c"]
        assert by_sender('evacuation from:"phnom penh"') == ["c"]
        assert by_sender("evacuation from:penh classification:confidential") == ["c"]
        assert by_sender('evacuation classification:"official use"') == ["a"]
        assert by_sender("evacuation from:embassy") == []  # a word, not a piece of one
        assert by_sender("evacuation from:london") == []


def test_the_archive_overview_counts_documents_exactly(archive):
    """The landing page's figures: documents by year and by field value, counted exactly (the index's
    distinct-document estimate had said 444 cables of the demo's 450)."""
    o = archive.overview()
    docs = [archive.document(i) for i in archive.store.document_ids()]
    assert o.documents == len(docs) == archive.stats()["documents"]
    assert o.paragraphs == archive.stats()["paragraphs"]
    years: dict[str, int] = {}
    for d in docs:
        if d.date:
            years[d.date[:4]] = years.get(d.date[:4], 0) + 1
    assert o.years == sorted(years.items()) and o.undated == len(docs) - sum(years.values())
    assert (o.first_year, o.last_year) == (min(years), max(years))
    genres: dict[str, int] = {}
    for d in docs:
        genres[d.genre] = genres.get(d.genre, 0) + 1
    assert o.facets["genre"] == sorted(genres.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    sender, count = o.facets["sender"][0]
    assert count == sum(d.sender == sender for d in docs) and count >= max(n for _, n in o.facets["sender"])
    assert "PREL" in dict(o.facets["tag"])
    assert [q for _, _, q in o.questions][0].startswith("Why did the U.S. State Department want to withdraw")
    assert set(o.to_dict()) >= {"documents", "paragraphs", "years", "undated", "facets", "first_year", "last_year"}


def test_every_matching_document_can_be_reached_page_by_page(archive):
    """Grouped by document, paging on reaches every document counted: 1,320 demo paragraphs say "government",
    more than the first batch of paragraphs grouping reads (past it, pages had come back empty)."""
    from readingroom.search.engine import GROUP_POOL

    first = archive.search("government", group="doc", limit=1)
    assert first.total > GROUP_POOL and not first.documents_estimated
    for sort in ("relevance", "date"):
        seen: list[str] = []
        while page := archive.search("government", group="doc", limit=100, offset=len(seen), sort=sort).hits:
            seen += [h.doc_id for h in page]
        assert len(seen) == len(set(seen)) == first.total_documents, sort


def test_documents_are_counted_exactly_and_a_very_large_count_says_it_is_an_estimate(archive):
    from readingroom.search.engine import EXACT_DOCUMENTS

    # 451 paragraphs in 294 documents of the demo, which the index's estimate put at 286
    found = archive.search("minister", group="doc", limit=1000)  # every matching paragraph is looked at
    assert found.total <= EXACT_DOCUMENTS and not found.documents_estimated
    assert found.total_documents == len(found.hits) == len({h.doc_id for h in found.hits}) > 250
    memoranda = archive.search("genre:memorandum", group="doc", limit=100)
    assert memoranda.total_documents == dict(archive.store.value_counts("genre", 10))["memorandum"] == len(memoranda.hits)

    broad = archive.search("date:1900..2000")  # nearly every paragraph
    assert broad.total > EXACT_DOCUMENTS and broad.documents_estimated
    assert broad.to_dict()["documents_estimated"] is True
    dated = sum(n for year, n in archive.overview().years if "1900" <= year <= "2000")
    assert abs(broad.total_documents - dated) <= 0.03 * dated
