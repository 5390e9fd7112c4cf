"""The PostgreSQL store, on a real server (tests/postgres.py): the same archive as SQLite for the same files, a
team's shared archive seen by a second app server with its own index, accounts and restricted collections over
HTTP, and nothing lost when an ingest is killed. (Every test taking the `archive` fixture also runs on it.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psycopg
import pytest

from readingroom.api import Archive
from readingroom.cli.demo import demo_folder
from readingroom.enrich import ENTITY_VERSION, enrich_archive
from readingroom.ingest.registry import ReadOptions
from readingroom.store import access, sqlstore
from readingroom.store.postgres import PostgresStore
from readingroom.store.schema import LATEST

from .conftest import CABLES_1994, SEED, SEED_EXPECTED, run_cli, served
from .test_access import SECRET_TEXT
from .test_crash_and_workers import _fingerprint, reference  # noqa: F401  (the SQLite archive of the demo)
from .test_entities import (
    check_initials_links,
    check_nationality_leads_to_its_country,
    check_surname_links,
    initials_cables,
    surname_letters,
)


def test_the_demo_in_postgres_is_the_archive_sqlite_holds(postgres_url, reference, tmp_path):  # noqa: F811
    r = run_cli("ingest", str(demo_folder()), "--json", db=postgres_url)
    assert r.returncode == 0, r.stderr
    assert _fingerprint(postgres_url) == reference
    again = run_cli("ingest", str(demo_folder()), "--json", db=postgres_url)
    assert again.returncode == 0 and json.loads(again.stdout)["summary"]["new_documents"] == 0
    assert _fingerprint(postgres_url) == reference, "a second ingest changed the archive"


def test_lone_surnames_are_filed_under_full_names_on_postgres(postgres_url, tmp_path):
    check_surname_links(postgres_url, surname_letters(tmp_path))


def test_initials_are_filed_under_the_body_they_stand_for_on_postgres(postgres_url, tmp_path):
    check_initials_links(postgres_url, initials_cables(tmp_path))


def test_a_nationality_leads_to_its_country_on_postgres(postgres_url, tmp_path):
    check_nationality_leads_to_its_country(postgres_url, tmp_path)


def test_a_second_app_server_builds_its_own_index_from_postgres(postgres_url, tmp_path):
    with Archive(postgres_url) as first:
        first.ingest([SEED])
        mine = [(h.doc_id, h.locator) for h in first.search('"full withdrawal"').hits]
    assert mine
    # Another machine: same database, an index folder of its own that starts empty.
    r = run_cli("search", '"full withdrawal"', "--json", db=postgres_url,
                env={"READINGROOM_INDEX": str(tmp_path / "second-server.index")})  # fmt: skip
    assert r.returncode == 0, r.stderr
    theirs = [(h["doc_id"], h["locator"]) for h in json.loads(r.stdout)["hits"]]
    assert theirs == mine
    check = run_cli("check", db=postgres_url, env={"READINGROOM_INDEX": str(tmp_path / "second-server.index")})
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_running_server_sees_what_another_machine_stores(postgres_url, tmp_path, monkeypatch):
    monkeypatch.setattr(sqlstore, "FOLLOW_SECONDS", 0.0)
    with Archive(postgres_url) as server, Archive(store=PostgresStore(postgres_url, str(tmp_path / "other.index"))) as other:
        assert server.search("unamir").total == 0
        other.ingest([SEED])
        other.store.flush()
        found = server.search('"full withdrawal"')
        assert found.total > 0 and found.hits[0].doc_id == other.document("000_7b586f3c1424ed7d").id
        assert server.check() == []


def test_a_running_server_stops_finding_what_another_machine_deletes(postgres_url, tmp_path, monkeypatch):
    monkeypatch.setattr(sqlstore, "FOLLOW_SECONDS", 0.0)
    with Archive(postgres_url) as server, Archive(store=PostgresStore(postgres_url, str(tmp_path / "other.index"))) as other:
        other.ingest([SEED, CABLES_1994])
        other.store.flush()
        assert server.search('"untenable situation"').total == 1
        seed_id = other.document("000_7b586f3c1424ed7d").id
        assert other.store.documents_from(str(SEED)) == [seed_id]  # by the path ingest was given
        assert other.store.documents_from("gone.txt", other.document(seed_id).provenance.sha256) == [seed_id]  # by bytes
        other.delete(["000_7b586f3c1424ed7d"])
        assert other.search('"untenable situation"').total == 0
        assert server.search('"untenable situation"').total == 0  # its own index, told by the deletions table
        assert server.search("unamir", group="doc").total_documents == 3
        other.ingest([SEED])  # deleted, then ingested again: indexed afresh, not taken out again
        other.store.flush()
        assert server.search('"untenable situation"').total == 1
        assert server.check() == []
    with Archive(store=PostgresStore(postgres_url, str(tmp_path / "third.index"))) as third:  # a new index
        assert third.search('"untenable situation"').total == 1


def test_entities_and_entity_filters_work_on_postgres(postgres_url):
    with Archive(postgres_url) as a:
        a.ingest([SEED])
        enrich_archive(a.store)
        doc = a.document("000_7b586f3c1424ed7d")
        names = {s.text for s in doc.spans if s.type == "entity"}
        assert "UNAMIR" in names
        unamir = a.store.entity("UNAMIR")
        assert unamir and unamir["documents"] == 1
        hits = a.search(f'entity:"{unamir["id"]}"').hits
        assert hits and all(h.doc_id == doc.id for h in hits)


def test_reading_room_on_postgres_hides_restricted_documents_and_needs_an_editor_to_write(postgres_url, tmp_path):
    (tmp_path / "secret.txt").write_text(SECRET_TEXT)
    with Archive(postgres_url) as a:
        (seed,) = a.ingest([SEED])
        (secret,) = a.ingest([tmp_path / "secret.txt"], ReadOptions(collection="Secret Files"))
        db = a.store.db
        access.restrict(db, "Secret Files")
        access.add_user(db, "rita", "rita-password", "reader")
        access.add_user(db, "ed", "ed-password", "editor")
        tokens = {name: access.new_token(db, name) for name in ("rita", "ed")}
    with served(postgres_url) as url:
        reader = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {tokens['rita']}"})
        editor = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {tokens['ed']}"})
        assert reader.get("/api/search", params={"q": "zanzibarite"}).json()["total"] == 0
        assert reader.get(f"/api/documents/{secret.documents[0]}").status_code == 404
        assert reader.post("/api/sets", json={"title": "Mine", "questions": []}).status_code == 403
        made = editor.post("/api/sets", json={"title": "UNAMIR", "questions": ["Why withdraw?"]})
        assert made.status_code == 201, made.text
        added = editor.post(f"/api/sets/{made.json()['id']}/documents", json={"doc_id": "000_7b586f3c1424ed7d"})
        assert added.status_code == 201 and added.json()["documents"] == seed.documents
        page = reader.get(f"/sets/{made.json()['id']}")
        assert page.status_code == 200 and "UNAMIR" in page.text


def _documents(url: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])  # type: ignore[index]
    except psycopg.Error:
        return 0  # the schema is not made yet


def test_sigkill_mid_ingest_into_postgres_then_rerun_converges(postgres_url, reference):  # noqa: F811
    env = {**os.environ, "READINGROOM_DB": postgres_url}
    proc = subprocess.Popen([sys.executable, "-m", "readingroom", "ingest", str(demo_folder()), "--json"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 120
    while _documents(postgres_url) < 300 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 300 <= _documents(postgres_url) < len(reference[0]), "the kill did not land mid-ingest"
    check = run_cli("check", db=postgres_url)
    assert check.returncode == 0, check.stdout + check.stderr
    assert run_cli("ingest", str(demo_folder()), "--json", db=postgres_url).returncode == 0
    assert _fingerprint(postgres_url) == reference


@pytest.mark.parametrize("url", ["postgresql://reader:s3cret-pw@127.0.0.1:1/none?connect_timeout=2",
                                 "postgresql://reader:s3cret-pw@/no_such_database?host=/nonexistent"])  # fmt: skip
def test_an_unreachable_server_is_one_line_that_hides_the_password(url):
    r = run_cli("search", "unamir", db=url)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and "s3cret-pw" not in r.stderr + r.stdout
    assert "cannot open the PostgreSQL archive" in r.stderr and "postgresql://reader@" in r.stderr


def test_a_document_postgres_cannot_hold_fails_alone_and_is_not_altered(postgres_url, tmp_path):
    body = "SUBJECT: A SCAN WITH A STRAY BYTE\n\n1. " + "THE COUNCIL MET. " * 600
    (tmp_path / "nul.txt").write_text(body + "\x00" + "2. THE END.\n")  # past the 8 KB binary sniff
    with Archive(postgres_url) as a:
        results = {Path(r.path).name: r for r in a.ingest([tmp_path / "nul.txt", SEED])}
        assert results["nul.txt"].status == "failed" and results["nul.txt"].new == 0
        assert "NUL characters" in (results["nul.txt"].error or "") and "nul.txt" in (results["nul.txt"].error or "")
        assert results[SEED.name].status == "ingested"
        assert a.stats()["documents"] == 1 and a.check() == []


def test_a_dropped_connection_is_opened_again(postgres_url):
    """A server restart or failover drops the app's connection: the next read, or the next write transaction,
    opens it again."""
    with Archive(postgres_url) as a:
        a.ingest([SEED])

        def drop_connections() -> None:
            with psycopg.connect(postgres_url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                              " WHERE datname = current_database() AND pid <> pg_backend_pid()")  # fmt: skip

        drop_connections()
        assert a.document("000_7b586f3c1424ed7d").source_id == "000_7b586f3c1424ed7d"
        assert a.search('"full withdrawal"').total > 0
        drop_connections()
        access.add_user(a.store.db, "ed", "ed-password", "editor")  # a write transaction, first after the drop
        assert access.check_password(a.store.db, "ed", "ed-password") == "editor"
        drop_connections()
        assert [r.status for r in a.ingest(sorted(CABLES_1994.glob("*.txt")))] == ["ingested"] * 3
        assert a.stats()["documents"] == 4 and a.check() == []


def _vectors(db) -> dict:
    paragraphs = {(d, o): bytes(v) for d, o, v in db.execute(
        "SELECT d.id, p.ordinal, e.vector FROM embeddings e JOIN paragraphs p ON p.rowid = e.para"
        " JOIN documents d ON d.rowid = p.doc_rowid")}  # fmt: skip
    passages = {(d, o, s, e): bytes(v) for d, o, s, e, v in db.execute(
        'SELECT d.id, p.ordinal, x.start, x."end", x.vector FROM passage_embeddings x'
        " JOIN paragraphs p ON p.rowid = x.para JOIN documents d ON d.rowid = p.doc_rowid")}  # fmt: skip
    return paragraphs | passages


def test_a_laptop_archive_moves_into_postgres_whole(postgres_url, tmp_path):
    """`readingroom copy`: documents, entity tags, accounts and tokens, restrictions, sets (same ids) and vectors
    arrive; the copy searches like the original; running it again copies nothing."""
    import numpy as np

    laptop = str(tmp_path / "laptop.db")
    (tmp_path / "secret.txt").write_text(SECRET_TEXT)
    with Archive(laptop) as a:
        a.ingest([SEED, CABLES_1994])
        a.ingest([tmp_path / "secret.txt"], ReadOptions(collection="Secret Files"))
        enrich_archive(a.store)
        db = a.store.db
        access.restrict(db, "Secret Files")
        access.add_user(db, "ed", "ed-password", "editor")
        access.add_user(db, "rita", "rita-password", "reader")
        access.grant(db, "ed", "Secret Files")
        token = access.new_token(db, "ed")
        seed_id = a.document("000_7b586f3c1424ed7d").id
        set_id = access.create_set(db, "UNAMIR", "Two sources.", ["Why withdraw?"], "ed")
        for doc_id in (seed_id, a.search("usun").hits[0].doc_id):
            access.add_to_set(db, set_id, doc_id)
        todo = a.store.paragraphs_to_embed(10_000)
        rng = np.random.default_rng(3)
        a.store.add_embeddings("test-model", [(p, rng.random(8, dtype=np.float32).tobytes()) for p, _ in todo[:-1]])
        assert not a.store.vectors_complete()  # one paragraph still without a vector: `ask` must not go by meaning
        a.store.add_embeddings("test-model", [(p, rng.random(8, dtype=np.float32).tobytes()) for p, _ in todo[-1:]],
                               [(todo[0][0], 0, 5, rng.random(8, dtype=np.float32).tobytes())])  # a passage's vector too
        assert a.store.vectors_complete()
        original_set = access.get_set(db, set_id)
        original_vectors = _vectors(db)
        entity_hits = [(h.doc_id, h.locator) for h in a.search('entity:"ORG:UNAMIR"', limit=100).hits]
    assert entity_hits and original_vectors

    r = run_cli("copy", postgres_url, "--json", db=laptop)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["documents"] == 5 and report["already_there"] == 0 and report["problems"] == []
    assert report["rows"]["users"] == 2 and report["rows"]["tokens"] == 1 and report["rows"]["set_items"] == 2
    assert report["vectors"] == len([k for k in original_vectors if len(k) == 2])  # paragraphs' (passages' too, below)

    assert _fingerprint(postgres_url) == _fingerprint(laptop)
    with Archive(postgres_url) as team:
        db = team.store.db
        assert access.check_password(db, "ed", "ed-password") == "editor"
        assert access.user_for_token(db, token) == ("ed", "editor")
        assert access.viewer(db, "rita", "reader").hidden == ("Secret Files",)
        assert access.get_set(db, set_id) == original_set
        assert access.create_set(db, "Next", None, [], "ed") == set_id + 1
        assert [(h.doc_id, h.locator) for h in team.search('entity:"ORG:UNAMIR"', limit=100).hits] == entity_hits
        assert team.store.documents_to_enrich(ENTITY_VERSION) == []
        assert _vectors(db) == original_vectors
    again = run_cli("copy", postgres_url, "--json", db=laptop)
    assert again.returncode == 0, again.stderr
    second = json.loads(again.stdout)
    assert second["documents"] == 0 and second["already_there"] == 5 and second["vectors"] == 0
    assert set(second["rows"].values()) == {0}
    back = str(tmp_path / "back.db")  # and back again, into a new SQLite file
    assert run_cli("copy", back, "--json", db=postgres_url).returncode == 0
    assert _fingerprint(back) == _fingerprint(laptop)
    with Archive(back) as returned:
        assert access.get_set(returned.store.db, set_id)["documents"] == original_set["documents"]
        assert _vectors(returned.store.db) == original_vectors
    itself = run_cli("copy", laptop, db=laptop)
    assert itself.returncode != 0 and "is the archive being copied" in itself.stderr
    spelled_otherwise = run_cli("copy", str(tmp_path / "." / "laptop.db"), db=laptop)
    assert spelled_otherwise.returncode != 0 and "is the archive being copied" in spelled_otherwise.stderr
    assert "documents" not in spelled_otherwise.stderr  # refused before any progress bar


def test_ask_gives_the_same_verified_evidence_on_both_stores(postgres_demo, demo_db):
    url, index = postgres_demo
    questions = [q["question"] for q in SEED_EXPECTED["questions"]] + ["Who asked for a ceasefire in Kigali?"]
    with Archive(store=PostgresStore(url, index)) as team, Archive(demo_db) as laptop:
        for question in questions:
            on_postgres, on_sqlite = team.ask(question, mode="lexical"), laptop.ask(question, mode="lexical")
            assert on_postgres.evidence, question
            assert [(e.source_id, e.locator, e.quote) for e in on_postgres.evidence] == \
                   [(e.source_id, e.locator, e.quote) for e in on_sqlite.evidence]  # fmt: skip
            for e in on_postgres.evidence:
                assert team.document(e.doc_id).text[e.start : e.end] == e.quote
        assert team.store.date_counts() == laptop.store.date_counts()  # the timeline's bars
        from readingroom.inquire.timeline import build_timeline

        assert build_timeline(team, "rwanda")["by_month"] == build_timeline(laptop, "rwanda")["by_month"]


def test_each_database_gets_its_own_default_index_folder(monkeypatch, tmp_path):
    from readingroom.store.postgres import default_index_path

    monkeypatch.delenv("READINGROOM_INDEX", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    one = default_index_path("postgresql://me:secret@/archive?host=/run/cluster-one")
    assert one == default_index_path("postgresql://me@/archive?host=/run/cluster-one")  # the password is no part
    assert one != default_index_path("postgresql://me@/archive?host=/run/cluster-two")
    assert one.startswith(str(tmp_path)) and "secret" not in one


def test_a_running_server_sees_entities_tagged_on_another_machine(postgres_url, tmp_path, monkeypatch):
    monkeypatch.setattr(sqlstore, "FOLLOW_SECONDS", 0.0)
    with Archive(postgres_url) as server, Archive(store=PostgresStore(postgres_url, str(tmp_path / "other.index"))) as other:
        other.ingest([SEED])
        assert server.search('"full withdrawal"').total > 0  # followed: indexed before any tagging
        assert server.search('entity:"ORG:UNAMIR"').total == 0
        enrich_archive(other.store)
        tagged = server.search('entity:"ORG:UNAMIR"')
        assert tagged.total > 0 and tagged.total == other.search('entity:"ORG:UNAMIR"').total


def test_a_database_made_at_schema_5_is_brought_up_to_date(postgres_url):
    with Archive(postgres_url) as a:
        a.ingest([SEED])
        enrich_archive(a.store)
        a.store.db.execute("ALTER TABLE documents DROP COLUMN enrich_seq")
        a.store.db.execute("DROP TABLE deletions")
        a.store.db.execute("DROP TABLE passage_embeddings")
        a.store.db.execute("UPDATE entities SET documents = 2 WHERE id = 'GPE:RWANDA'")  # counted twice, as v6 did
        a.store.db.execute("UPDATE documents SET enriched = 0")
        a.store.db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    with Archive(postgres_url) as a:
        assert a.store.entity("GPE:RWANDA")["documents"] == 1  # counted again from the spans
        enrich_archive(a.store)  # writes enrich_seq
        assert a.store.db.execute("SELECT max(enrich_seq) FROM documents").fetchone()[0] == 1
        assert a.store.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(LATEST)
        assert a.store.db.execute("SELECT count(*) FROM passage_embeddings").fetchone()[0] == 0  # the table is there
        a.delete(["000_7b586f3c1424ed7d"])  # the deletions table is there
        assert a.search('"full withdrawal"').total == 0
