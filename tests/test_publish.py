"""Publishing a lesson like the seed's: Markdown, HTML, PDF and Zotero exports, from a document or a set."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

from readingroom.api import Archive
from readingroom.publish import lesson as lessons
from readingroom.publish.citations import cite
from readingroom.store import access

from .conftest import SEED_EXPECTED, archive_with, run_cli

SEED_ID = "000_7b586f3c1424ed7d"


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_lesson(demo_db: str) -> tuple[lessons.Lesson, object]:
    with Archive(demo_db) as a:
        doc = a.document(SEED_ID)
        return a.lesson(doc=SEED_ID), doc


def test_the_seed_lesson_has_its_packet_and_every_word_of_the_source(seed_lesson) -> None:
    lesson, doc = seed_lesson
    expected = SEED_EXPECTED
    assert lesson.title == "Rwanda: U.S. Specialist"
    assert lesson.headnote and lesson.headnote.startswith("This message was written about a week after")
    assert lesson.questions == [q["question"] for q in expected["questions"]]
    (source,) = lesson.sources
    # Nothing of the source is dropped or retyped: the blocks are the stored text from SUBJECT to the last line
    # before "Source:", in order, with only white space between them.
    start = doc.text.index("SUBJECT:")
    end = doc.text.index("Source:", doc.text.index("<<END OF DOCUMENT>>"))
    assert _squash(" ".join(b.text for b in source.blocks)) == _squash(doc.text[start:end])
    assert all(doc.text.find(b.text) >= 0 for b in source.blocks)
    talking_points = [b for b in source.blocks if b.kind == "talking_point"]
    assert [b.locator for b in talking_points] == [f"7.{i}" for i in range(1, 15)]
    assert source.citations["chicago"] == cite(doc, "chicago") and set(source.citations) == {"chicago", "mla", "apa"}


def test_html_is_one_escaped_page_with_locators_and_citations(seed_lesson) -> None:
    lesson, doc = seed_lesson
    page = lxml.html.fromstring(lessons.to_html(lesson))
    assert page.findtext(".//h1") == lesson.title
    assert [li.text_content() for li in page.findall(".//ol/li")] == lesson.questions
    body = _squash(page.text_content())
    for p in doc.paragraphs:
        if p.kind not in ("title", "headnote", "guiding_question", "citation"):
            assert _squash(p.text) in body, p.locator
    assert page.get_element_by_id("s1-p-7.4").text_content().startswith("¶ 7.4")
    assert page.get_element_by_id("s1-p-4").text_content().startswith("4. Department")  # its own number, no label
    assert _squash(cite(doc, "mla")) in body and _squash(cite(doc, "apa")) in body
    assert "[U.S. Mission to the UN]" in body  # the editors' insertion, shown as the source prints it


def test_markdown_shows_the_source_characters_not_markup(seed_lesson) -> None:
    lesson, _ = seed_lesson
    md = lessons.to_markdown(lesson)
    assert md.startswith("# Rwanda: U.S. Specialist\n")
    assert "## Guiding questions\n\n1. Why did the U.S. State Department" in md
    assert "\\1. CONFIDENTIAL – ENTIRE TEXT." in md  # not an ordered list
    assert "**¶ 7.4** – In the current environment in Rwanda, there is no role" in md
    assert "\\<\\<END OF DOCUMENT\\>\\>" in md  # kept, and not read as HTML


def test_markdown_keeps_a_cables_line_breaks() -> None:
    from readingroom.api import extract

    from .conftest import CABLES_1994

    (doc,) = extract(str(sorted(CABLES_1994.glob("*USUN-01628*"))[0]))
    md = lessons.to_markdown(lessons.from_document(doc))
    assert "FM USMISSION USUN NEW YORK\\\nTO SECSTATE WASHDC" in md  # routing lines stay lines when rendered


def test_pdf_is_a_real_pdf_with_the_lesson(seed_lesson, tmp_path: Path) -> None:
    lesson, _ = seed_lesson
    data = lessons.to_pdf(lesson)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2 and reader.metadata.title == lesson.title
    text = _squash(" ".join(page.extract_text() for page in reader.pages))
    assert "Guiding questions" in text and "How to cite this source" in text
    assert "there is no role for a United Nations Peacekeeping Force" in text


def test_hostile_text_is_escaped_in_every_format(demo_db: str, tmp_path: Path) -> None:
    db, result = archive_with(demo_db, tmp_path, "memo.txt",
                              "SUBJECT: <script>alert('x')</script> & <b>bold</b>\n\n1. A <img src=x onerror=alert(1)> paragraph.\n")  # fmt: skip
    with Archive(db) as a:
        lesson = a.lesson(doc=result.documents[0])
    page = lxml.html.fromstring(lessons.to_html(lesson))
    assert not page.findall(".//script") and not page.findall(".//img") and not page.findall(".//article//b")
    assert "<script>alert('x')</script>" in page.text_content()
    assert "<img src=x onerror=alert(1)>" in _squash(" ".join(PdfReader(io.BytesIO(lessons.to_pdf(lesson))).pages[0].extract_text().split()))


def test_publish_a_document_set_from_the_cli(demo_db: str, tmp_path: Path) -> None:
    db = str(tmp_path / "sets.db")
    shutil.copy(demo_db, db)
    with Archive(db) as a:
        seed = a.document(SEED_ID)
        usun = a.search("from:USUN date:1994-04", group="doc").hits[0].doc_id
        questions = ["Why did the United States want UNAMIR withdrawn?", "What did the Security Council hear?"]
        set_id = access.create_set(a.store.db, "UNAMIR, April 1994", "Two sources from one week.", questions, "editor")
        for doc_id in (seed.id, usun):
            access.add_to_set(a.store.db, set_id, doc_id)
    html = run_cli("publish", "--set", str(set_id), "--format", "html", "--answers", db=db)
    assert html.returncode == 0, html.stderr
    page = lxml.html.fromstring(html.stdout)
    assert [h.text_content() for h in page.findall(".//h2")][:1] == ["Guiding questions"]
    assert len(page.find_class("source")) == 2
    quotes = [q.text_content() for q in page.findall(".//section[@class='evidence']//blockquote")]
    assert quotes
    with Archive(db) as a:
        texts = [_squash(a.document(d).text) for d in (seed.id, usun)]
    for q in quotes:  # every teacher's-copy quote is the sources' own words
        quote = _squash(re.sub(r"^“|”.*$", "", q, flags=re.S))
        assert any(quote in t for t in texts), quote[:80]
    bib = run_cli("publish", "--set", str(set_id), "--format", "bibtex", db=db).stdout
    assert bib.count("@") == 2
    ris = run_cli("publish", "--set", str(set_id), "--format", "ris", db=db).stdout
    assert ris.count("TY  - ") == 2 and ris.count("ER  - ") == 2
    csl = json.loads(run_cli("publish", "--set", str(set_id), "--format", "csl-json", db=db).stdout)
    assert len(csl) == 2 and {c["title"] for c in csl} >= {"Talking Points for UNAMIR Withdrawal"}
    out = tmp_path / "lesson.pdf"
    pdf = run_cli("publish", "--set", str(set_id), "--format", "pdf", "--out", str(out), db=db)
    assert pdf.returncode == 0 and out.read_bytes().startswith(b"%PDF") and "2 source(s)" in pdf.stderr


def test_publish_errors_say_what_to_do(demo_db: str) -> None:
    neither = run_cli("publish", db=demo_db)
    assert neither.returncode == 2 and "--doc DOC_ID or --set SET_ID" in neither.stderr
    no_file = run_cli("publish", "--doc", SEED_ID, "--format", "pdf", db=demo_db)
    assert no_file.returncode == 2 and "--out" in no_file.stderr
    unwritable = run_cli("publish", "--doc", SEED_ID, "--out", "/nonexistent/folder/lesson.md", db=demo_db)
    assert unwritable.returncode == 1 and "cannot write /nonexistent/folder/lesson.md" in unwritable.stderr
    assert "Traceback" not in unwritable.stderr
    missing = run_cli("publish", "--set", "999", db=demo_db)
    assert missing.returncode == 1 and "no document set 999" in missing.stderr


def test_a_teachers_copy_lays_out_a_do_you_agree_question_by_side(demo_db: str) -> None:
    """The seed's second question asks the reader to judge: the teacher's notes give the evidence on each side,
    in Markdown, HTML and PDF alike."""
    with Archive(demo_db) as a:
        lesson = a.lesson(doc=SEED_ID, answers=True)
    agree = SEED_EXPECTED["questions"][1]["question"]
    (question, groups), = [n for n in lesson.notes() if n[0] == agree]
    headings = [h for h, items in groups if items]
    assert headings and set(headings) <= {"Evidence for it:", "Evidence that cuts the other way or sets conditions:"}
    assert all(h for h, _ in groups)  # every passage of an evaluate question sits under a side
    assert f"*{headings[0]}*" in lessons.to_markdown(lesson)
    page = lxml.html.fromstring(lessons.to_html(lesson))
    assert [h.text_content() for h in page.find_class("side")] == headings
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(lessons.to_pdf(lesson))).pages)
    assert all(h in pdf for h in headings)
