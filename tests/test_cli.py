"""The CLI contract, run as a user runs it: a real subprocess, a real archive file, JSON parsed back."""

from __future__ import annotations

import json
import shutil

from readingroom.api import Archive

from .conftest import CABLES_1994, FRUS, SEED, SEED_EXPECTED, run_cli

EXTRACT_KEYS = {"id", "source_id", "genre", "title", "date", "sender", "recipient", "precedence", "classification",
                "classification_marking", "subject", "cable_number", "references", "tags", "action_requested",
                "citation", "packet", "text", "paragraphs", "spans"}  # fmt: skip


def test_ingest_json_reports_each_file_and_exit_0(tmp_path):
    db = str(tmp_path / "a.db")
    r = run_cli("ingest", str(SEED), str(CABLES_1994), "--json", db=db)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert [x["status"] for x in report["results"]] == ["ingested"] * 4
    assert report["summary"] == {"files": 4, "ingested": 4, "partial": 0, "duplicate": 0, "failed": 0, "new_documents": 4}
    again = json.loads(run_cli("ingest", str(SEED), "--json", db=db).stdout)
    assert again["results"][0]["status"] == "duplicate"


def test_ingest_exit_1_when_a_file_fails_but_others_are_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4 truncated")
    r = run_cli("ingest", str(folder), "--db", str(tmp_path / "a.db"))
    assert r.returncode == 1
    assert "junk.pdf" in r.stderr and "failed" in r.stderr
    assert "1 ingested" in r.stdout
    show = run_cli("show", "seed", "--json", "--db", str(tmp_path / "a.db"))
    assert json.loads(show.stdout)["cable_number"] == "099440"


def test_usage_errors_exit_2(tmp_path):
    assert run_cli("ingest", str(tmp_path / "nope"), db=str(tmp_path / "a.db")).returncode == 2
    run_cli("ingest", str(SEED), db=str(tmp_path / "a.db"))
    assert run_cli("search", db=str(tmp_path / "a.db")).returncode == 2
    bad_query = run_cli("search", '"open', db=str(tmp_path / "a.db"))
    assert bad_query.returncode == 2 and "unbalanced quote" in bad_query.stderr


def test_db_defaults_to_archive_db_in_the_working_directory(tmp_path):
    r = run_cli("ingest", str(SEED), cwd=tmp_path, env={"READINGROOM_DB": ""})
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "archive.db").exists()


def test_show_json_has_paragraphs_with_locators(tmp_path):
    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), db=db)
    doc = json.loads(run_cli("show", "000_7b586f3c1424ed7d", "--json", db=db).stdout)
    locators = [p["locator"] for p in doc["paragraphs"]]
    assert {"1", "4", "7", "7.14", "headnote", "q1"} <= set(locators)
    human = run_cli("show", "000_7b586f3c1424ed7d", db=db)
    assert "TALKING POINTS ON UNAMIR WITHDRAWAL" in human.stdout


def test_show_cuts_long_paragraphs_and_full_prints_them_whole(tmp_path):
    """¶4 of the seed is 503 characters; `show` gives its first 400 and says how to read the rest."""
    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), db=db)
    ending = "full, orderly withdrawal of all UNAMIR personnel as soon as possible."
    short = run_cli("show", "000_7b586f3c1424ed7d", db=db, env={"COLUMNS": "250"})
    assert "as soon as possible" not in " ".join(short.stdout.split())
    assert "--full prints them whole" in short.stdout
    whole = run_cli("show", "000_7b586f3c1424ed7d", "--full", db=db, env={"COLUMNS": "250"})
    assert whole.returncode == 0 and ending in " ".join(whole.stdout.split()) and "--full prints" not in whole.stdout


def test_show_unknown_document_exit_1(tmp_path):
    run_cli("ingest", str(SEED), db=str(tmp_path / "a.db"))
    r = run_cli("show", "nosuchdoc", db=str(tmp_path / "a.db"))
    assert r.returncode == 1 and "no document 'nosuchdoc'" in r.stderr


def test_reading_an_archive_that_is_not_there_says_so_and_makes_none(tmp_path):
    typo = tmp_path / "archve.db"
    for args in (("search", "rwanda"), ("overview",), ("show", "x"), ("serve",), ("check",)):
        r = run_cli(*args, db=str(typo))
        assert r.returncode == 1 and f"no archive at {typo}" in r.stderr and "readingroom ingest" in r.stderr, args
    assert not typo.exists() and not (tmp_path / "archve.db.index").exists()
    assert run_cli("user", "add", "ada", "--role", "admin", db=str(typo), env={"READINGROOM_PASSWORD": "pw"}).returncode == 0
    assert typo.exists()  # an account can be made before the first ingest


def test_search_json_hits(tmp_path):
    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), str(CABLES_1994), db=db)
    result = json.loads(run_cli("search", '"untenable situation"', "--json", db=db).stdout)
    assert result["total"] == 1
    (hit,) = result["hits"]
    assert hit["source_id"] == "000_7b586f3c1424ed7d" and hit["locator"] == "7.11"
    assert {"doc_id", "source_id", "locator", "score", "snippet"} <= set(hit)
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower() == "untenable situation"


def test_a_page_past_the_last_result_says_so(tmp_path):
    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), str(CABLES_1994), db=db)
    past = run_cli("search", "unamir", "--group", "doc", "--offset", "50", db=db)
    assert past.returncode == 0 and "matching paragraphs in 4 documents" in past.stdout
    assert "None on this page: the results end before it — try a smaller --offset." in " ".join(past.stdout.split())


def test_search_hits_as_csv_carry_each_paragraph_verbatim(tmp_path):
    import csv
    import io

    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), str(CABLES_1994), db=db)
    rows = list(csv.DictReader(io.StringIO(run_cli("search", "unamir", "--csv", "--limit", "50", db=db).stdout)))
    assert len(rows) > 5 and {"doc_id", "source_id", "title", "date", "locator", "text"} <= set(rows[0])
    with Archive(db) as a:
        for row in rows:
            assert row["text"] == a.document(row["doc_id"]).paragraph(row["locator"]).text


def test_search_filters(tmp_path):
    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), str(CABLES_1994), db=db)
    july = json.loads(run_cli("search", "rwanda date:1994-07", "--json", db=db).stdout)
    assert july["total"] > 0 and all(h["date"].startswith("1994-07") for h in july["hits"])
    usun = json.loads(run_cli("search", "unamir from:USUN", "--json", db=db).stdout)
    assert {h["source_id"] for h in usun["hits"]} <= {"fgt-24971_USUN-01628_1994-04-19", "fgt-7336_USUN-02940_1994-07-16"}
    # a filter no value holds: the terminal says where the values are listed, and draws no empty facet table
    nothing = run_cli("search", "rwanda to:nowhereville", db=db)
    assert nothing.returncode == 0 and nothing.stdout.startswith("0 matching paragraphs")
    assert "readingroom overview" in nothing.stdout and "Facets" not in nothing.stdout


def test_ask_json_quotes_are_verbatim(tmp_path):
    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), db=db)
    answer = json.loads(run_cli("ask", "Why did the U.S. want UNAMIR withdrawn from Rwanda?", "--json", db=db).stdout)
    assert set(answer) >= {"question", "answer", "evidence"}
    text = SEED.read_text(encoding="utf-8")
    assert answer["evidence"]
    for e in answer["evidence"]:
        assert e["quote"] in text
        assert text[e["start"] : e["end"]] == e["quote"]


def test_ask_by_words_says_what_vectors_would_add(tmp_path):
    """An archive without vectors, the model installed (as CI installs it): the terminal answer ends with a note
    on stderr; the JSON answer carries its mode instead."""
    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), db=db)
    r = run_cli("ask", "Why did the U.S. want UNAMIR withdrawn from Rwanda?", db=db, env={"COLUMNS": "200"})
    assert r.returncode == 0 and "run `readingroom embed` once" in r.stderr
    quiet = run_cli("ask", "Why did the U.S. want UNAMIR withdrawn from Rwanda?", "--json", db=db)
    assert json.loads(quiet.stdout)["mode"] == "lexical" and "readingroom embed" not in quiet.stderr


def test_ask_scoped_to_a_document(tmp_path):
    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), str(CABLES_1994), db=db)
    answer = json.loads(run_cli("ask", "What happened in Kigali?", "--doc", "fgt-24971_USUN-01628_1994-04-19",
                                "--json", db=db).stdout)  # fmt: skip
    assert answer["evidence"] and {e["source_id"] for e in answer["evidence"]} == {"fgt-24971_USUN-01628_1994-04-19"}


def test_a_question_without_words_is_a_usage_error(tmp_path):
    run_cli("ingest", str(SEED), db=str(tmp_path / "a.db"))
    for question in ("", "  ?? "):
        r = run_cli("ask", question, db=str(tmp_path / "a.db"))
        assert r.returncode == 2 and "the question has no words" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_extract_json_keys_for_one_and_many(tmp_path):
    one = json.loads(run_cli("extract", str(SEED), "--json").stdout)
    assert set(one) >= EXTRACT_KEYS
    assert one["packet"]["title"] == "Rwanda: U.S. Specialist"
    assert set(one["citation"]) >= {"title", "archive", "url", "text"}
    assert {"locator", "kind", "start", "end", "text"} <= set(one["paragraphs"][0])
    many = json.loads(run_cli("extract", str(FRUS / "frus1946v06-d475.xml"), "--json").stdout)
    assert isinstance(many, list) or many["source_id"] == "frus1946v06/d475"


def test_check_command(tmp_path):
    db = str(tmp_path / "a.db")
    run_cli("ingest", str(SEED), db=db)
    r = run_cli("check", db=db)
    assert r.returncode == 0 and "OK" in r.stdout


def test_demo_builds_archive_and_shows_cited_evidence(tmp_path):
    r = run_cli("demo", cwd=tmp_path, env={"READINGROOM_DB": "", "COLUMNS": "120"})
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "archive.db").exists()
    assert "TALKING POINTS ON UNAMIR WITHDRAWAL" in r.stdout
    assert "insufficient justification to retain a UN peacekeeping presence in Rwanda" in " ".join(r.stdout.split())
    assert "readingroom search" in r.stdout  # says what to run next
    with Archive(str(tmp_path / "archive.db")) as a:  # vectors, so the walk-through's `ask` drew by meaning
        vectors = a.store.embedding_count()
        assert vectors > 5000 and a.store.count_to_embed() == 0
        # ... and found six of the seed's eight evidence phrases for its first question in the top five
        question, phrases = SEED_EXPECTED["questions"][0]["question"], SEED_EXPECTED["questions"][0]["evidence_phrases"]
        top = [" ".join(e.quote[:600].split()) for e in a.ask(question).evidence[:5]]
        assert sum(any(p in q for q in top) for p in phrases) >= 6
    assert "drawn by meaning" in r.stdout
    rerun = run_cli("demo", cwd=tmp_path, env={"READINGROOM_DB": ""})
    assert rerun.returncode == 0
    with Archive(str(tmp_path / "archive.db")) as a:
        assert a.store.embedding_count() == vectors


def test_every_command_the_demo_suggests_runs_on_the_demo_archive(enriched_demo_db, tmp_path):
    """`readingroom demo` ends with commands to try; the date-filter one had failed ("query ends too early")."""
    import shlex

    from readingroom.cli.demo import next_steps

    question = SEED_EXPECTED["questions"][0]["question"]
    skipped = ("serve", "ingest", "embed", "--mode")  # a server, the reader's own folder, vectors the fixture lacks
    tried = 0
    for what, command in next_steps(question, by_meaning=False):
        args = shlex.split(command)[1:]
        if any(word in args for word in skipped):
            continue
        r = run_cli(*args, db=enriched_demo_db, cwd=tmp_path)
        assert r.returncode == 0, f"{what}: {command}\n{r.stderr}"
        assert (r.stdout + r.stderr).strip(), command  # it says what it did
        tried += 1
    assert tried >= 8 and (tmp_path / "lesson.pdf").read_bytes().startswith(b"%PDF")


def test_ingest_progress_counts_a_partly_read_file_as_its_summary_does(tmp_path):
    """A bulk file with one bad line is "partly ingested", in the progress line as in the summary under it —
    not "1 failed" above "0 failed"."""
    bulk = tmp_path / "letters.jsonl"
    bulk.write_text('{"id": "a", "date": "1925-01-01", "text": "Mr. Hughes called."}\n{"id": "b", broken\n')
    result = run_cli("ingest", str(bulk), db=str(tmp_path / "a.db"), env={"COLUMNS": "200"})
    assert result.returncode == 1
    assert "1 new document · 0 pages · 0 failed · 1 partly ingested" in result.stderr
    assert "1 partly ingested, 0 already in the archive, 0 failed" in result.stdout


def test_help_groups_the_commands_by_what_a_reader_is_doing():
    """`readingroom --help` is where a new user starts: every command is listed once, under the panel of what
    it is for, the panels in the order of the work (build, read, serve, keep)."""
    r = run_cli("--help", env={"COLUMNS": "100"})
    assert r.returncode == 0, r.stderr
    panels = {}
    current = None
    for line in r.stdout.splitlines():
        if line.startswith("╭─ "):
            current = line.strip("╭─ ").split(" ─")[0]
            panels[current] = []
        elif current and line.startswith("│ ") and line[2:3].isalpha():
            panels[current].append(line[2:].split()[0])
    assert list(panels) == ["Options", "Build the archive", "Read, ask and cite", "Serve", "Keep the archive"]
    assert panels["Build the archive"] == ["demo", "ingest", "extract", "enrich", "embed"]
    assert set(panels["Read, ask and cite"]) == {"show", "search", "ask", "source", "cite", "corroborate", "entity",
                                                 "overview", "timeline", "glossary", "publish"}  # fmt: skip
    assert panels["Serve"] == ["serve", "mcp"]
    assert set(panels["Keep the archive"]) == {"delete", "copy", "check", "restrict", "version", "user"}
