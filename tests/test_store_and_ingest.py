"""The store through the real ingest path (tests taking `archive` run on SQLite and PostgreSQL): dedupe,
transactions, migrations, integrity."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from readingroom.api import Archive
from readingroom.errors import NotFound, SchemaTooNew, StoreError
from readingroom.store.schema import LATEST

from .conftest import CABLES_1994, FRUS, SEED


def test_ingest_then_reingest_is_a_no_op(archive, tmp_path):
    first = archive.ingest([SEED, CABLES_1994])
    assert [r.status for r in first] == ["ingested"] * 4
    before = archive.stats()
    again = archive.ingest([SEED, CABLES_1994])
    assert [r.status for r in again] == ["duplicate"] * 4
    assert archive.stats() == before


def test_same_text_under_another_name_is_the_same_document(archive, tmp_path):
    copy = tmp_path / "renamed.txt"
    shutil.copy(SEED, copy)
    archive.ingest([SEED])
    (result,) = archive.ingest([copy])
    assert result.status == "duplicate"
    assert archive.stats()["documents"] == 1


def test_stored_document_round_trips(archive):
    archive.ingest([SEED])
    (parsed,) = __import__("readingroom").extract(SEED)
    stored = archive.document("000_7b586f3c1424ed7d")
    assert stored.to_dict() == parsed.to_dict()


def test_a_document_of_thousands_of_paragraphs_round_trips(archive, tmp_path):
    """Paragraphs go in as multi-row INSERTs of 500: a long document crosses several."""
    text = "\n\n".join(f"Item {n} of the long memorandum concerns matter m{n}." for n in range(1, 1201))
    (tmp_path / "long.txt").write_text(text + "\n", encoding="utf-8")
    (result,) = archive.ingest([tmp_path / "long.txt"])
    doc = archive.document(result.documents[0])
    assert len(doc.paragraphs) == 1200
    assert all(doc.text[p.start : p.end] == p.text for p in doc.paragraphs)
    assert [p.ordinal for p in doc.paragraphs] == sorted(p.ordinal for p in doc.paragraphs)
    (hit,) = archive.search("m1199").hits
    assert hit.text == "Item 1199 of the long memorandum concerns matter m1199."
    assert archive.check() == []


def test_lookup_by_id_prefix_and_source_id(archive):
    archive.ingest([SEED])
    doc = archive.document("000_7b586f3c1424ed7d")
    assert archive.document(doc.id[:8]).id == doc.id
    assert archive.document(doc.id).source_id == "000_7b586f3c1424ed7d"
    with pytest.raises(NotFound, match="named by its first 8 characters or more") as short:
        archive.document(doc.id[:4])  # as a reader copies it from a search's first column, cut too short
    assert short.value.hint == "give more of the id"


def test_check_passes_on_a_fresh_archive(archive):
    archive.ingest([SEED, CABLES_1994, FRUS / "frus1946v06-d475.xml"])
    assert archive.check() == []


def test_check_detects_a_tampered_paragraph(tmp_path):
    db = str(tmp_path / "a.db")
    with Archive(db) as a:
        a.ingest([SEED])
    conn = sqlite3.connect(db)
    conn.execute("UPDATE paragraphs SET text = 'forged' WHERE locator = '4'")
    conn.commit()
    conn.close()
    with Archive(db) as a:
        problems = a.check()
    assert any("¶4" in p for p in problems)


def test_an_index_left_from_a_deleted_archive_is_rebuilt_not_trusted(tmp_path):
    """archive.db deleted (its .index folder left behind) and the same files ingested anew: every hit once."""
    db = tmp_path / "a.db"
    with Archive(str(db)) as a:
        a.ingest([SEED])
        before = a.search('"untenable situation"').total
    assert before >= 1 and (tmp_path / "a.db.index").is_dir()
    db.unlink()
    with Archive(str(db)) as a:
        a.ingest([SEED])
        hits = a.search('"untenable situation"').hits
    assert len(hits) == before and len({(h.doc_id, h.locator) for h in hits}) == before


def test_an_archive_put_back_from_an_older_copy_shows_no_hits_it_no_longer_holds(tmp_path):
    db, backup = tmp_path / "a.db", tmp_path / "backup.db"
    with Archive(str(db)) as a:
        a.ingest([SEED])
    shutil.copy(db, backup)
    with Archive(str(db)) as a:
        a.ingest([CABLES_1994])
        assert a.search("from:USUN").total > 0
    shutil.copy(backup, db)  # the archive restored from yesterday's copy; its index folder is today's
    with Archive(str(db)) as a:
        assert a.search("from:USUN").total == 0
        assert a.search('"untenable situation"').total >= 1


def test_schema_version_recorded_and_newer_files_refused(tmp_path):
    db = str(tmp_path / "a.db")
    Archive(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew, match="newer"):
        Archive(db)


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a readingroom archive"):
        Archive(str(bogus))


def test_one_bad_file_does_not_stop_the_batch(archive, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEED, folder / "a_seed.txt")
    (folder / "b_empty.txt").write_text("")
    (folder / "c_binary.txt").write_bytes(b"\x00\x01\x02junk" * 50)
    (folder / "d_image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    (folder / "e_sheet.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (folder / "f_plain.xml").write_text('<?xml version="1.0"?><report><p>Not TEI.</p></report>')
    results = {r.path.rsplit("/", 1)[-1]: r for r in archive.ingest([folder])}
    assert results["a_seed.txt"].status == "ingested"
    assert results["b_empty.txt"].status == "failed" and "empty" in results["b_empty.txt"].error
    assert results["c_binary.txt"].status == "failed" and "binary" in results["c_binary.txt"].error
    assert results["d_image.png"].status == "failed" and "unreadable image" in results["d_image.png"].error
    assert results["e_sheet.xlsx"].status == "failed" and "no reader" in results["e_sheet.xlsx"].error
    plain = results["f_plain.xml"]  # .xml is a type we read, so "no reader for this file type" would mislead
    assert plain.status == "failed" and "not TEI, though named .xml" in plain.error and "TEI namespace" in plain.error
    assert archive.stats()["documents"] == 1


def test_frus_volume_is_one_document_per_tei_document(archive):
    (result,) = archive.ingest([FRUS / "frus1925v02.xml"])
    assert result.status == "ingested"
    assert archive.stats()["documents"] == 609
    doc = archive.document("frus1925v02/d2")
    assert doc.date == "1925-01-02"
    assert doc.sender == "Secretary of State"
    assert doc.recipient == "Joe T. Robinson"
    assert doc.collection.startswith("Papers Relating to the Foreign Relations of the United States, 1925")
    assert doc.citation.url == "https://history.state.gov/historicaldocuments/frus1925v02/d2"


def test_a_batch_that_fails_leaves_neither_its_documents_nor_their_index_entries(archive, tmp_path):
    """All or none: a document of a failed batch is neither stored nor findable, and one stored just before
    (committed to the tables, not yet to the index) is still found."""
    (before,) = __import__("readingroom").extract(SEED)
    (tmp_path / "other.txt").write_text("SUBJECT: ZANZIBARITE REPORT\n\n1. QWERTYSON FOUND ZANZIBARITE.\n")
    (during,) = __import__("readingroom").extract(tmp_path / "other.txt")
    assert archive.store.add_document(before)
    with pytest.raises(RuntimeError), archive.store.batch():
        assert archive.store.add_document(during)
        raise RuntimeError("the disk filled up")
    archive.store.flush()
    assert archive.stats()["documents"] == 1 and archive.search("zanzibarite").total == 0
    assert archive.search('"full withdrawal"').total > 0
    assert archive.check() == []
    (again,) = archive.ingest([tmp_path / "other.txt"])  # and re-running stores it
    assert again.new == 1 and archive.search("zanzibarite").total > 0


def test_ingesting_the_folder_that_holds_the_archive_leaves_the_archive_alone(tmp_path):
    """`readingroom ingest .` beside the default ./archive.db: its file, journal and index folder are not
    documents (they had been read as two 'documents' and four failures, and the run exited 1)."""
    from .conftest import run_cli

    shutil.copy(SEED, tmp_path / "seed.txt")
    assert run_cli("ingest", ".", cwd=tmp_path).returncode == 0  # creates ./archive.db and its index
    shutil.copy(CABLES_1994 / "fgt-24971_USUN-01628_1994-04-19.txt", tmp_path / "usun.txt")
    again = run_cli("ingest", ".", "--json", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    with Archive(str(tmp_path / "archive.db")) as a:
        assert sorted(a.document(i).source_id for i in a.store.document_ids()) == ["seed", "usun"]


def test_each_stored_document_is_reported_so_a_bulk_file_shows_progress(tmp_path):
    """A bulk file of many records is one file: the progress bar counts its documents as they are stored."""
    import json

    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps({"id": i, "text": f"Record {i} on the harvest."}) for i in range(3)))
    heard: list[bool] = []
    with Archive(str(tmp_path / "a.db")) as a:
        (result,) = a.ingest([records], on_document=heard.append)
        assert result.new == 3 and heard == [True, True, True]
        a.ingest([records], on_document=heard.append)
        assert heard[3:] == [False, False, False]  # seen again: stored before, not new


def test_a_deleted_document_is_gone_everywhere_and_ingesting_it_again_brings_it_back(tmp_path):
    from readingroom.enrich import enrich_archive
    from readingroom.store import access

    with Archive(str(tmp_path / "a.db")) as a:
        a.ingest([SEED, CABLES_1994])
        enrich_archive(a.store)
        seed = a.document("000_7b586f3c1424ed7d")
        set_id = access.create_set(a.store.db, "Rwanda", None, [], None)
        for doc_id in a.store.document_ids():
            access.add_to_set(a.store.db, set_id, doc_id)
        before = a.store.entity("GPE:RWANDA")["documents"]
        assert a.search('"untenable situation"').total == 1
        (gone,) = a.delete(["000_7b586f3c1424ed7d"])
        assert (gone.doc_id, gone.source_id) == (seed.id, "000_7b586f3c1424ed7d")
        assert a.search('"untenable situation"').total == 0
        assert a.search("rwanda", group="doc").total_documents == 3
        assert a.store.entity("GPE:RWANDA")["documents"] == before - 1
        assert seed.id not in [d.id for d in a.set_documents(set_id)] and len(a.set_documents(set_id)) == 3
        assert a.check() == [] and a.stats()["documents"] == 3
        with pytest.raises(NotFound):
            a.document(seed.id)
        a.ingest([SEED])  # the same file again: the document comes back, found as before
        assert a.search('"untenable situation"').total == 1
        assert a.document("000_7b586f3c1424ed7d").id == seed.id


def test_a_deletion_the_index_could_not_take_is_applied_when_the_archive_is_next_opened(tmp_path):
    """An ingest in another process holds the index while a document is deleted: the tables lose it at once,
    and the index does when the archive is next opened; a search in between shows none of its paragraphs."""
    db = str(tmp_path / "a.db")
    with Archive(db) as a:
        a.ingest([SEED, CABLES_1994])
    busy = Archive(db)
    busy.store.index.writer()  # the index's write lock, as a running ingest holds it
    try:
        with Archive(db) as a:
            a.delete(["000_7b586f3c1424ed7d"])
            assert a.search('"untenable situation"').hits == []
    finally:
        busy.close()
    with Archive(db) as a:
        assert a.search('"untenable situation"').total == 0
        assert a.search("unamir", group="doc").total_documents == 3


def test_entity_counts_survive_tagging_again(tmp_path):
    """A new tagger version tags every document again; each entity's count of documents stays the number of
    documents that mention it (it had grown by one with every re-tagging)."""
    from readingroom.enrich import enrich_archive

    with Archive(str(tmp_path / "a.db")) as a:
        a.ingest([SEED, CABLES_1994])
        enrich_archive(a.store)
        assert a.store.entity("GPE:RWANDA")["documents"] == 4
        a.store.db.execute("UPDATE documents SET enriched = 0")  # as an older ENTITY_VERSION leaves them
        assert enrich_archive(a.store) == 4
        assert a.store.entity("GPE:RWANDA")["documents"] == 4


def test_delete_from_the_command_line_checks_every_name_and_asks_first(tmp_path):
    from .conftest import run_cli

    db = str(tmp_path / "a.db")
    assert run_cli("ingest", str(SEED), str(CABLES_1994), db=db).returncode == 0
    unknown = run_cli("delete", "000_7b586f3c1424ed7d", "no-such-document", "--yes", db=db)
    assert unknown.returncode == 1 and "no-such-document" in unknown.stderr
    asked = run_cli("delete", "000_7b586f3c1424ed7d", db=db)  # no terminal to answer on
    assert asked.returncode == 2 and "--yes" in asked.stderr and "Talking Points" in asked.stderr
    assert run_cli("show", "000_7b586f3c1424ed7d", db=db).returncode == 0  # nothing removed so far
    done = run_cli("delete", "000_7b586f3c1424ed7d", "--yes", db=db)
    assert done.returncode == 0 and "Deleted 1 document: 000_7b586f3c1424ed7d" in done.stdout
    assert run_cli("show", "000_7b586f3c1424ed7d", db=db).returncode == 1


def test_a_bulk_file_ingested_by_mistake_is_deleted_whole(tmp_path):
    """The undo for `ingest wrong.jsonl`: `delete --file wrong.jsonl` removes every record read from it, whether
    named by the path given to ingest or found by the file's bytes; `--collection` removes a collection."""
    from .conftest import SHARED, run_cli

    lines = (SHARED / "corpus" / "dfat" / "dfat_documents.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    (tmp_path / "wrong.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "a.db")
    assert run_cli("ingest", "wrong.jsonl", str(SEED), db=db, cwd=tmp_path).returncode == 0
    with Archive(db) as a:
        assert a.stats()["documents"] == 41
    asked = run_cli("delete", "--file", "wrong.jsonl", db=db, cwd=tmp_path)
    assert asked.returncode == 2 and "… and 30 more" in asked.stderr
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    (tmp_path / "wrong.jsonl").rename(moved / "wrong.jsonl")  # the same bytes under another path
    done = run_cli("delete", "--file", str(moved / "wrong.jsonl"), "--yes", "--json", db=db)
    assert done.returncode == 0 and len(json.loads(done.stdout)["deleted"]) == 40
    with Archive(db) as a:
        assert a.stats()["documents"] == 1 and a.search("Lyons").total == 0
        assert a.search('"untenable situation"').total == 1
    none_left = run_cli("delete", "--file", str(moved / "wrong.jsonl"), "--yes", db=db)
    assert none_left.returncode == 1 and "no document" in none_left.stderr
    assert run_cli("delete", db=db).returncode == 2  # nothing named
    assert run_cli("ingest", str(CABLES_1994), "--collection", "Rwanda 1994", db=db).returncode == 0
    gone = run_cli("delete", "--collection", "Rwanda 1994", "--yes", db=db)
    assert gone.returncode == 0 and "Deleted 3 documents" in gone.stdout
