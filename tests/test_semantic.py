"""Search by meaning with the real embedding model shipped in a wheel (the `[semantic]` extra), on a real archive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readingroom import search as search_stage
from readingroom.api import Archive
from readingroom.ingest.registry import ReadOptions
from readingroom.search import semantic
from readingroom.store import access
from tests.conftest import CABLES_1994, SEED, run_cli


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed and the two US 1994 cables, ingested and embedded through the CLI, as a user would."""
    folder = tmp_path_factory.mktemp("semantic")
    (folder / "sources").mkdir()
    for f in [SEED, *sorted(CABLES_1994.glob("*USUN*"))]:
        shutil.copy(f, folder / "sources" / f.name)
    db = str(folder / "archive.db")
    r = run_cli("ingest", str(folder / "sources"), "--embed", "--json", db=db)
    assert r.returncode == 0, r.stderr
    return db


def test_embedding_is_stored_once_and_resumes_with_new_paragraphs(embedded: str, tmp_path: Path) -> None:
    with Archive(embedded) as archive:
        store = archive.store
        stored = store.embedding_count()  # type: ignore[attr-defined]
        assert stored > 20 and store.count_to_embed() == 0  # type: ignore[attr-defined]
        assert archive.embed() == 0  # nothing recomputed
    db = tmp_path / "copy.db"
    shutil.copy(embedded, db)
    with Archive(str(db)) as archive:
        (tmp_path / "new.txt").write_text("1. The ambassador reported that the harvest failed across the northern provinces.\n")
        archive.ingest([tmp_path / "new.txt"])
        assert archive.store.count_to_embed() == 1  # type: ignore[attr-defined]
        assert archive.embed() == 1
        assert archive.store.embedding_count() == stored + 1  # type: ignore[attr-defined]


def test_documents_added_to_an_archive_with_vectors_are_not_lost_to_ask(embedded: str, tmp_path: Path) -> None:
    """New documents have no vectors until embedded: `ask` by meaning alone would never find them. The command
    line embeds them as it ingests (the archive holds vectors, so it keeps them complete); through the Python
    API, without `embed`, `auto` runs on words until they are embedded; once they are, by meaning at once."""
    new = tmp_path / "sources" / "harvest.txt"
    new.parent.mkdir()
    new.write_text("1. The ambassador reported that the sorghum harvest failed across the northern provinces.\n")
    question = "Why did the sorghum harvest fail in the northern provinces?"
    api_db = tmp_path / "api.db"
    shutil.copy(embedded, api_db)
    with Archive(str(api_db)) as archive:
        archive.ingest([new])
        assert not archive.store.vectors_complete()
        assert search_stage.resolve_mode(archive.store, "auto", best="semantic") == "lexical"
        on_words = archive.ask(question, limit=3)
        assert on_words.mode == "lexical" and "sorghum harvest failed" in on_words.evidence[0].quote
        assert archive.search("harvest", mode="semantic").total > 0  # the matrix is loaded, without the new vector
        assert archive.embed() == 1 and archive.store.vectors_complete()
        assert search_stage.resolve_mode(archive.store, "auto", best="semantic") == "semantic"
        # the process that embedded sees its own new vector at once, not after its once-a-second check
        by_meaning = archive.ask(question, limit=3)
        assert by_meaning.mode == "semantic" and "sorghum harvest failed" in by_meaning.evidence[0].quote
        assert by_meaning.to_dict()["mode"] == "semantic"
    cli_db = tmp_path / "cli.db"
    shutil.copy(embedded, cli_db)
    assert run_cli("ingest", str(new), "--no-embed", "--json", db=str(cli_db)).returncode == 0
    with Archive(str(cli_db)) as archive:
        assert archive.store.count_to_embed() == 1
    asked = run_cli("ask", question, "--mode", "semantic", db=str(cli_db))
    assert asked.returncode == 0 and "no vector yet" in asked.stderr and "readingroom embed" in asked.stderr
    assert "[explain; by meaning]" in " ".join(asked.stdout.split())  # how its candidates were drawn
    (tmp_path / "sources" / "more.txt").write_text("1. The minister said the rains came late to the eastern valleys.\n")
    assert run_cli("ingest", str(tmp_path / "sources"), "--json", db=str(cli_db)).returncode == 0
    with Archive(str(cli_db)) as archive:
        assert archive.store.count_to_embed() == 0 and archive.store.vectors_complete()


def test_semantic_finds_what_no_word_matches(embedded: str) -> None:
    with Archive(embedded) as archive:
        assert archive.search("bloodshed", mode="lexical").total == 0
        result = archive.search("bloodshed", mode="semantic", limit=3)
    assert result.mode == "semantic"
    assert "7.2" in [h.locator for h in result.hits]  # "We condemn ... the renewed fighting and widespread violence"
    assert all(h.highlights == [] for h in result.hits)  # no word of the query is in them: nothing to highlight


def test_auto_is_the_mode_that_measured_best(embedded: str, archive: Archive) -> None:
    archive.ingest([SEED])
    assert archive.search("untenable situation").mode == "lexical"
    with Archive(embedded) as embedded_archive:
        assert embedded_archive.search("untenable situation").mode == search_stage.BEST_WITH_VECTORS
        hybrid = embedded_archive.search("danger to the soldiers", mode="hybrid", limit=5)
        assert hybrid.mode == "hybrid" and hybrid.hits and any(h.highlights for h in hybrid.hits)
        for exact in ('"untenable situation"', "untenable AND situation", "untenab*", "untenable NOT Somalia"):
            result = embedded_archive.search(exact)  # phrases and operators ask for exact matches: lexical
            assert result.mode == "lexical" and result.total == 1 and result.hits[0].locator == "7.11", exact


def test_a_question_of_fact_or_a_comparison_is_answered_from_its_words_and_a_why_question_by_meaning(embedded: str) -> None:
    """Questions of fact and comparisons name what they ask about; by words they found more in the first five on
    every one of our 16 such questions (bench/RESULTS.md). A reader's explicit mode is kept."""
    with Archive(embedded) as archive:
        who = archive.ask("Who briefed the Security Council on Rwanda in April 1994?", limit=3)
        assert who.kind == "fact" and who.mode == "lexical" and who.evidence
        assert archive.ask("Compare the positions of the United States and the Secretary-General on UNAMIR.").mode == "lexical"
        assert archive.ask("Why did the United States want UNAMIR withdrawn?").mode == "semantic"
        assert archive.ask("Who briefed the Security Council on Rwanda in April 1994?", mode="semantic").mode == "semantic"


def test_hybrid_and_semantic_obey_filters_grouping_and_restrictions(embedded: str, tmp_path: Path) -> None:
    with Archive(embedded) as archive:
        for mode in ("semantic", "hybrid"):
            usun = archive.search("withdrawal of the peacekeepers from:USUN", mode=mode, limit=50)
            assert usun.hits and all("USUN" in (archive.document(h.doc_id).sender or "") for h in usun.hits)
            grouped = archive.search("withdrawal of the peacekeepers", mode=mode, group="doc", limit=10)
            assert len({h.doc_id for h in grouped.hits}) == len(grouped.hits) == grouped.total_documents
    with Archive(str(tmp_path / "closed.db")) as archive:  # the seed in a restricted collection
        archive.ingest(sorted(CABLES_1994.glob("*USUN*")))
        archive.ingest([SEED], ReadOptions(collection="closed"))
        archive.embed()
        access.restrict(archive.store.db, "closed")
        seed_id = archive.search('"untenable situation"', mode="lexical").hits[0].doc_id
        for mode in ("semantic", "hybrid"):
            seen = archive.search("withdrawal of UNAMIR", mode=mode, limit=100, hidden=("closed",))
            assert seen.hits and seed_id not in {h.doc_id for h in seen.hits}
            assert "closed" not in {v for v, _ in seen.facets.get("collection", [])}
            assert seed_id in {h.doc_id for h in archive.search("withdrawal of UNAMIR", mode=mode, limit=100).hits}


def test_cli_search_modes_and_their_errors(embedded: str, tmp_path: Path) -> None:
    r = run_cli("search", "bloodshed", "--mode", "semantic", "--json", db=embedded)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["mode"] == "semantic" and data["hits"] and data["hits"][0]["doc_id"]
    bare = tmp_path / "bare.db"
    assert run_cli("ingest", str(SEED), db=str(bare)).returncode == 0
    r = run_cli("search", "bloodshed", "--mode", "hybrid", db=str(bare))
    assert r.returncode == 2 and "readingroom embed" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_an_archive_embedded_with_another_model_says_so(embedded: str, tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    shutil.copy(embedded, db)
    with Archive(str(db)) as archive:
        archive.store.db.execute("UPDATE meta SET value = 'some-other-model' WHERE key = 'embedding_model'")
        archive.store.db.execute("DELETE FROM embeddings WHERE para = (SELECT max(para) FROM embeddings)")
    r = run_cli("embed", db=str(db))
    assert r.returncode != 0 and "embed --reset" in r.stderr
    r = run_cli("embed", "--reset", "--json", db=str(db))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["embedded"] > 20


def test_fusion_rewards_agreement() -> None:
    fused = dict(semantic.fuse([[1, 2, 3], [3, 1, 4]]))
    assert max(fused, key=fused.__getitem__) == 1 and fused[3] > fused[2] and fused[4] < fused[2]


def test_ask_by_meaning_finds_evidence_that_shares_no_words(embedded: str) -> None:
    q2 = "Do you agree that peacekeepers should be withdrawn from a location if there is risk to their lives?"
    phrase = "safety of UNAMIR personnel is not jeopardized"  # ¶5: no word of "risk to their lives"
    with Archive(embedded) as archive:
        lexical = archive.ask(q2, mode="lexical", limit=10)
        by_meaning = archive.ask(q2, limit=10)  # auto: vectors exist, so candidates come by meaning
    assert not any(phrase in " ".join(e.quote.split()) for e in lexical.evidence)
    found = [e for e in by_meaning.evidence if phrase in " ".join(e.quote.split())]
    assert found and found[0].locator == "5"
    with Archive(embedded) as archive:
        for e in by_meaning.evidence:  # the invariant holds in every mode: quotes are the stored text
            assert archive.document(e.doc_id).text[e.start : e.end] == e.quote


def test_a_killed_embed_resumes_where_it_stopped(tmp_path: Path) -> None:
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from tests.conftest import HISTORYLAB

    db = str(tmp_path / "big.db")
    with Archive(db) as archive:
        archive.ingest(sorted(HISTORYLAB.glob("*"))[:80])
        todo = archive.store.count_to_embed()
    assert todo > 2 * 128, "needs more than two batches"
    proc = subprocess.Popen([sys.executable, "-m", "readingroom", "embed", "--batch", "128", "--json"], env={**os.environ,
                            "READINGROOM_DB": db}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

    def stored() -> int:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM embeddings").fetchone()[0])
        finally:
            conn.close()

    deadline = time.monotonic() + 120
    while stored() == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = stored()
    assert 0 < done < todo, "the kill did not land mid-embed"
    assert run_cli("check", db=db).returncode == 0
    with Archive(db) as archive:
        assert archive.store.count_to_embed() == todo - done  # whole batches were kept, nothing half-written
        assert archive.embed() == todo - done
        assert archive.store.embedding_count() == todo and archive.store.count_to_embed() == 0


def test_a_reader_sees_vectors_another_process_adds_or_resets(embedded: str, tmp_path: Path) -> None:
    """A long-running reader (the web server) picks up vectors written by another process within a second,
    and a reset empties its matrix; it tells by a change counter, never by counting the table."""
    import time

    import numpy as np

    db = tmp_path / "copy.db"
    shutil.copy(embedded, db)
    with Archive(str(db)) as reader, Archive(str(db)) as writer:
        before = len(reader.store.vectors.matrix())  # type: ignore[attr-defined]
        para = writer.store.db.execute(
            "SELECT rowid FROM paragraphs WHERE rowid NOT IN (SELECT para FROM embeddings) LIMIT 1").fetchone()[0]
        vector = np.full(semantic.MiniLM.dim, semantic.MiniLM.dim**-0.5, dtype=np.float32)
        writer.store.add_embeddings(semantic.MODEL, [(para, vector.tobytes())])  # type: ignore[attr-defined]
        time.sleep(1.1)
        assert len(reader.store.vectors.matrix()) == before + 1  # type: ignore[attr-defined]
        writer.store.reset_embeddings()  # type: ignore[attr-defined]
        time.sleep(1.1)
        assert len(reader.store.vectors.matrix()) == 0  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def long_telegram(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Kennan's Long Telegram (FRUS 1946 vol. VI, doc. 475), ingested and embedded: paragraphs of up to 5,000
    characters."""
    from tests.conftest import FRUS

    db = str(tmp_path_factory.mktemp("long-telegram") / "lt.db")
    with Archive(db) as archive:
        archive.ingest([FRUS / "frus1946v06-d475.xml"])
        archive.embed()
    return db


def test_search_by_meaning_finds_a_long_paragraph_by_a_passage_past_its_opening(long_telegram: str) -> None:
    """A paragraph's vector sees its first 256 word pieces; Kennan's ¶25 (3,400 characters) says "Much depends on
    health and vigor of our own society" near its end. Its passages are embedded with it, so search by meaning
    finds it first (it came fifth)."""
    from readingroom.parse.sentences import passages

    with Archive(long_telegram) as archive:
        found = archive.search("health and vigor of our own society", mode="semantic", limit=5)
        assert found.hits[0].locator == "25"
        doc = archive.document(found.hits[0].doc_id)
        stored = archive.store.passage_vectors([doc.id])  # type: ignore[attr-defined]
    para = doc.paragraph("25")
    assert [(s, e) for s, e, _ in stored[(doc.id, para.ordinal)]] == passages(doc.text, para.ranges())
    assert all(len(v) == 384 * 4 for spans in stored.values() for _, _, v in spans)


def test_an_archive_embedded_before_passages_were_kept_gets_them_from_embed(long_telegram: str, tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    shutil.copy(long_telegram, db)
    with Archive(db) as archive:
        kept = archive.store.db.execute("SELECT count(*) FROM passage_embeddings").fetchone()[0]
        archive.store.db.execute("DELETE FROM passage_embeddings")
        archive.store.db.execute("DELETE FROM meta WHERE key = 'passages_backfilled'")  # as such an archive is
    r = run_cli("embed", "--json", db=db)
    assert r.returncode == 0, r.stderr
    with Archive(db) as archive:
        assert archive.store.db.execute("SELECT count(*) FROM passage_embeddings").fetchone()[0] == kept > 10
        assert archive.search("health and vigor of our own society", mode="semantic", limit=1).hits[0].locator == "25"


def test_a_long_paragraph_is_quoted_where_it_answers_by_meaning(long_telegram: str) -> None:
    """Kennan's ¶24 runs to 4,000 characters; its stored vector saw the first 256 word pieces. Asked by meaning
    how he would deal with Soviet power, the quote is the passage that answers, not the one that shares the
    question's words."""
    with Archive(long_telegram) as archive:
        answer = archive.ask("How did Kennan think the United States should deal with Soviet power?", mode="semantic")
    assert any("without recourse to any general military conflict" in e.quote for e in answer.evidence if e.locator == "24")
    assert all(len(e.quote) <= 600 for e in answer.evidence)


def test_a_long_paragraph_that_makes_several_points_gives_each_its_own_quote(long_telegram: str) -> None:
    """Asked by meaning why the Soviet Union was hostile, Kennan's long paragraphs compete passage by passage:
    one paragraph may give two quotes, each its own sentences, verified at its own offsets, and never the same
    words twice."""
    with Archive(long_telegram) as archive:
        answer = archive.ask("Why, according to Kennan, was the Soviet Union hostile to the West?", mode="semantic")
        doc = archive.document(answer.evidence[0].doc_id)
    by_paragraph: dict[str, list[tuple[int, int]]] = {}
    for e in answer.evidence:
        assert doc.text[e.start : e.end] == e.quote and len(e.quote) <= 600
        by_paragraph.setdefault(e.locator, []).append((e.start, e.end))
    twice = [spans for spans in by_paragraph.values() if len(spans) > 1]
    assert twice, "no paragraph gave a second passage"
    for spans in twice:
        (s1, e1), (s2, e2) = sorted(spans)[:2]
        assert e1 <= s2  # distinct passages, not the same words twice


KENNAN_WORDS = sorted(set("""soviet power insecurity capitalist encirclement marxism dogma police regime russian rulers
    penetration peaceful coexistence trusteeship international organization communist parties workers health society
    logic force military conflict diplomacy public educated realities withdrawal retreat""".split()))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(KENNAN_WORDS), min_size=1, max_size=5),
       prefix=st.sampled_from(["Why did", "How did Kennan think", "Do you agree that", "What", ""]))  # fmt: skip
def test_every_quote_by_meaning_is_exact_text_inside_its_paragraph(long_telegram: str, words: list[str], prefix: str) -> None:
    """The verification invariant where quotes are cut from long paragraphs passage by passage."""
    with Archive(long_telegram) as archive:
        answer = archive.ask(f"{prefix} {' '.join(words)}?", limit=8, mode="semantic")
        for e in answer.evidence:
            doc = archive.document(e.doc_id)
            assert doc.text[e.start : e.end] == e.quote and e.quote.strip()
            assert any(s <= e.start and e.end <= t for s, t in doc.paragraph(e.locator).ranges())


def test_corroboration_by_meaning_names_why_and_what_both_passages_name(tmp_path: Path) -> None:
    """With vectors, corroboration draws the passages nearest in meaning to the one asked about, and says so,
    with the people, places and organisations both name (after `enrich`); every quote is the other document's
    own text."""
    from readingroom.enrich import enrich_archive
    from readingroom.inquire.corroborate import corroborate

    with Archive(str(tmp_path / "a.db")) as archive:
        archive.ingest([SEED, *sorted(CABLES_1994.glob("*USUN*"))])
        archive.embed()
        enrich_archive(archive.store)
        seed = archive.document("000_7b586f3c1424ed7d")
        found = corroborate(archive.store, seed, "4")
        assert found and all(c.doc_id != seed.id for c in found)
        assert any(c.reason.startswith("close in meaning") for c in found)
        assert any("GPE:RWANDA" in c.shared_entities and "RWANDA" in c.reason for c in found)
        for c in found:
            assert archive.document(c.doc_id).text[c.start : c.end] == c.quote


def test_a_when_question_prefers_the_passage_that_gives_a_day_and_a_who_question_one_that_names_someone(
    tmp_path: Path,
) -> None:
    """By meaning alone, "When did the Afghan constitutional commission meet?" had ranked the paragraphs about the
    commission that give no day above the one that does ("HAS MET TWICE, ON MARCH 30 AND APRIL 22": 5th of 5)."""
    from readingroom.enrich import enrich_archive
    from tests.conftest import HISTORYLAB

    with Archive(str(tmp_path / "a.db")) as archive:
        archive.ingest([HISTORYLAB / "1976KABUL03173.txt", HISTORYLAB / "1974BONN08226.txt"])
        archive.embed()
        enrich_archive(archive.store)
        when = archive.ask("When did the Afghan constitutional commission meet to discuss its work?", limit=3,
                           mode="semantic")  # fmt: skip
        assert any("HAS MET TWICE, ON MARCH 30 AND APRIL 22" in e.quote for e in when.evidence)
        who = archive.ask("Who in the West German government expressed shock at India's nuclear test?", limit=2,
                          mode="semantic")  # fmt: skip
        assert any("DISARMAMENT COMMISSIONER ROTH" in e.quote for e in who.evidence)
