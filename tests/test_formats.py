"""Every format archives release, read from real files the tests build, and every kind of bad file."""

from __future__ import annotations

import codecs
import json
import os
import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from readingroom.api import Archive, extract
from readingroom.errors import PartialFile, ReadingroomError, TooLarge, UnreadableFile
from readingroom.ingest import ocr
from readingroom.ingest.bulk import CsvReader
from readingroom.ingest.registry import ReadOptions

from .conftest import SEED, SHARED, run_cli
from .files import encrypted_pdf, many_pages_pdf, png_bytes, render_page_images, scan_subset, text_pdf

needs_ocr = pytest.mark.skipif(
    not ocr.available() and not os.environ.get("CI"), reason="Tesseract not installed (CI installs it)"
)
MEMO_PAGES = [
    "MEMORANDUM FOR THE RECORD\n\nThe working group met on 3 May 1994 to review the options for Rwanda.",
    "The group agreed that a reinforced mission would need a mandate under Chapter VII.\n\nNo decision was taken.",
]


# -- PDF ---------------------------------------------------------------------------------------------------


def test_pdf_text_layer_page_aware_locators(tmp_path):
    (doc,) = extract(text_pdf(tmp_path / "memo.pdf", MEMO_PAGES, title="Working group"))
    assert doc.provenance.reader == "pdf" and doc.title == "Working group"
    assert doc.metadata["pages"] == 2
    locators = [p.locator for p in doc.paragraphs]
    assert locators == ["heading-1", "p. 1, ¶1", "p. 2, ¶1", "p. 2, ¶2"]
    assert [p.page for p in doc.paragraphs] == ["1", "1", "2", "2"]
    assert doc.paragraphs[0].text == "MEMORANDUM FOR THE RECORD"
    assert "Chapter VII" in doc.paragraph("p. 2, ¶1").text


def test_unnumbered_paragraphs_of_a_pdf_are_cited_by_page_even_after_a_numbered_one(tmp_path):
    """A scanned report with a numbered item on its first page: what follows is "p. 3, ¶2", not "1+5"."""
    pages = ["SUMMARY OF PRESS REPORTS\n\n1. The ministry issued a statement on the harvest.\n\nIt was read on the radio.",
             "The harvest was late in the north.\n\nPrices rose in the capital.",
             "Officials blamed the weather.\n\nNo figures were given."]  # fmt: skip
    (doc,) = extract(text_pdf(tmp_path / "report.pdf", pages))
    locators = [p.locator for p in doc.paragraphs if p.kind == "paragraph"]
    assert locators == ["p. 2, ¶1", "p. 2, ¶2", "p. 3, ¶1", "p. 3, ¶2"]  # page 1's second block continues ¶1
    assert doc.paragraph("p. 3, ¶2").text == "No figures were given."


def test_pdf_cable_keeps_its_paragraph_numbers_and_records_pages(tmp_path):
    pages = ["SUBJECT: TEST CABLE\n\n1. CONFIDENTIAL - ENTIRE TEXT.\n\n2. FIRST POINT.", "3. SECOND POINT. CHRISTOPHER"]
    (doc,) = extract(text_pdf(tmp_path / "cable.pdf", pages))
    assert [p.locator for p in doc.paragraphs if p.kind == "numbered_paragraph"] == ["1", "2", "3"]
    assert doc.paragraph("3").page == "2"
    assert doc.classification == "CONFIDENTIAL"


def test_encrypted_pdf_says_how_to_decrypt(tmp_path):
    pdf = encrypted_pdf(tmp_path / "locked.pdf", text_pdf(tmp_path / "plain.pdf", MEMO_PAGES))
    with pytest.raises(UnreadableFile, match="encrypted.*qpdf --decrypt"):
        extract(pdf)


def test_truncated_pdf(tmp_path):
    data = text_pdf(tmp_path / "whole.pdf", MEMO_PAGES).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(UnreadableFile, match="cut.pdf"):
        extract(cut)


def test_ten_thousand_pages_refused_by_the_page_limit(tmp_path):
    with pytest.raises(TooLarge, match="10,000 pages, over the limit of 5,000"):
        extract(many_pages_pdf(tmp_path / "huge.pdf", 10_000))


def test_binary_junk_named_pdf(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(UnreadableFile, match="not a PDF"):
        extract(junk)


@needs_ocr
def test_scanned_pdf_is_ocrd_with_confidence_per_page(tmp_path):
    (doc,) = extract(scan_subset(tmp_path / "crest.pdf", pages=2))
    assert "APPROVED FOR RELEASE" in doc.text
    report = doc.metadata["ocr"]
    assert [p["page"] for p in report["pages"]] == [1, 2]
    assert all(0 < p["confidence"] <= 100 for p in report["pages"])
    assert report["engine"].startswith("tesseract")
    assert {p.page for p in doc.paragraphs} == {"1", "2"}


@needs_ocr
def test_pages_read_side_by_side_keep_their_order(tmp_path):
    """Tesseract reads several pages of a scan at once (one per core): the text is still page after page, each
    page as it reads alone."""
    import pypdfium2 as pdfium

    from readingroom.ingest import ocr

    path = scan_subset(tmp_path / "crest.pdf", pages=4)
    limit = os.environ.get("OMP_THREAD_LIMIT")
    (doc,) = extract(path)
    assert os.environ.get("OMP_THREAD_LIMIT") == limit  # one thread each only while Tesseract reads (not torch's)
    pdf = pdfium.PdfDocument(str(path))
    alone = [ocr.ocr_image(pdf[i].render(scale=300 / 72).to_pil(), ReadOptions(), f"p. {i + 1}").text for i in range(4)]
    starts = doc.metadata["page_starts"]
    assert [doc.text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(doc.text)], strict=True)] == alone
    assert [p["page"] for p in doc.metadata["ocr"]["pages"]] == [1, 2, 3, 4]


@needs_ocr
def test_ocr_character_error_rate_on_the_seed_at_300_dpi(tmp_path):
    """The seed typeset at 300 dpi, OCR'd back: character error rate must stay within 2%."""
    text = SEED.read_text(encoding="utf-8")
    pages = render_page_images(text, dpi=300)
    paths = []
    for i, page in enumerate(pages, 1):
        path = tmp_path / f"seed-{i}.png"
        path.write_bytes(png_bytes(page))
        paths.append(path)
    ocr_text = " ".join(extract(p)[0].text for p in paths)
    reference, hypothesis = " ".join(text.split()), " ".join(ocr_text.split())
    cer = Levenshtein.distance(reference, hypothesis) / len(reference)
    assert cer <= 0.02, f"CER {cer:.3%}"


@needs_ocr
def test_low_confidence_pages_are_flagged(tmp_path):
    (page,) = render_page_images("1. THE WORKING GROUP MET ON 3 MAY 1994 TO REVIEW THE OPTIONS.", dpi=300)
    path = tmp_path / "page.png"
    path.write_bytes(png_bytes(page))
    (clean,) = extract(path)
    assert clean.metadata["ocr"]["low_confidence_pages"] == []
    assert clean.metadata["ocr"]["pages"][0]["confidence"] > 80
    (strict,) = extract(path, ReadOptions(low_confidence=101))  # no page can reach 101: every page is flagged
    assert strict.metadata["ocr"]["low_confidence_pages"] == [1]


@needs_ocr
def test_ocr_timeout_is_bounded(tmp_path):
    (page,) = render_page_images("A page that takes longer to read than the timeout allows.", dpi=300)
    path = tmp_path / "slow.png"
    path.write_bytes(png_bytes(page))
    with pytest.raises(UnreadableFile, match="OCR gave up"):
        extract(path, ReadOptions(ocr_timeout=0.01))


# -- HTML, e-mail, bulk -----------------------------------------------------------------------------------


PAGE = """<!doctype html><html><head><title>Rwanda: the cables</title></head><body>
<nav><a href="/">Home</a> | <a href="/about">About the archive</a> | <a href="/donate">Donate now</a></nav>
<article><h1>Rwanda: the cables</h1>
<p>On 15 April 1994 the State Department instructed the US Mission to seek the full withdrawal of UNAMIR.</p>
<p>The cable argued that there was insufficient justification to retain a peacekeeping presence in Rwanda,
and it was sent while the killings were spreading beyond Kigali.</p>
<p>The talking points said there was no role for a United Nations peacekeeping force in the current environment.</p>
</article><footer>Copyright notice. Privacy policy. Cookie settings.</footer>
<script>alert("tracking")</script></body></html>"""


def test_html_main_text_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (doc,) = extract(path)
    assert "insufficient justification" in doc.text
    assert "Donate now" not in doc.text and "alert(" not in doc.text and "Cookie settings" not in doc.text
    assert doc.title == "Rwanda: the cables"
    assert len([p for p in doc.paragraphs if "UNAMIR" in p.text or "peacekeeping" in p.text]) >= 2


def _message(subject: str, body: str, attach: bytes | None = None, name: str = "cable.txt") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Desk Officer <desk@state.example>"
    msg["To"] = "USUN Political <pol@usun.example>"
    msg["Date"] = "Fri, 15 Apr 1994 18:30:00 -0400"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{abs(hash(subject))}@state.example>"
    msg.set_content(body)
    if attach is not None:
        msg.add_attachment(attach, maintype="text", subtype="plain", filename=name)
    return msg


def test_eml_headers_and_attachment_as_linked_document(tmp_path):
    path = tmp_path / "msg.eml"
    path.write_bytes(bytes(_message("Talking points", "Please see the attached cable.", SEED.read_bytes())))
    message, attachment = extract(path)
    assert message.genre == "email"
    assert message.sender == "Desk Officer <desk@state.example>"
    assert message.recipient == "USUN Political <pol@usun.example>"
    assert message.date == "1994-04-15" and message.subject == "Talking points"
    assert "Please see the attached cable." in message.text
    assert attachment.metadata["attached_to"] == message.source_id
    assert attachment.cable_number == "099440"  # the attachment was parsed as the cable it is
    assert message.metadata["attachments"] == [attachment.source_id]


def test_a_memo_with_from_and_subject_lines_is_a_memo_not_an_email(tmp_path):
    """A State Department memo typed as text has FROM:, TO: and SUBJECT: lines; it had been handed to the
    e-mail reader and refused ("no e-mail headers"), so the file was not stored at all. Its heading now dates
    and addresses it; an e-mail saved as .txt is still read as one."""
    memo = tmp_path / "moose-memo.txt"
    memo.write_text("UNCLASSIFIED\n\nINFORMATION MEMORANDUM\n\nDATE: April 21, 1994\nTO:      The Secretary\n"
                    "THROUGH: P - Peter Tarnoff\nFROM:    AF - George E. Moose\nSUBJECT: Rwanda: the Arusha talks\n\n"
                    "1. The talks resumed on 21 April.\n", encoding="utf-8")  # fmt: skip
    (doc,) = extract(memo)
    assert doc.genre == "memorandum"
    assert (doc.date, doc.sender, doc.recipient) == ("1994-04-21", "AF - George E. Moose", "The Secretary")
    assert doc.subject == doc.title == "Rwanda: the Arusha talks"
    assert doc.text == memo.read_text(encoding="utf-8")  # nothing of the heading is lost or moved
    saved = tmp_path / "message.txt"
    saved.write_bytes(bytes(_message("Talking points", "Please see the talking points.")))
    (message,) = extract(saved)
    assert message.genre == "email" and message.date == "1994-04-15"


def test_a_dateline_dates_a_letter_and_memorandum_for_addresses_it(tmp_path):
    """"Washington, June 3, 1975." above a memorandum, "Kigali, 15 April 1994" above a letter: the document's
    date. A date in its running text is not (that is a date it mentions), nor an address under TO:."""
    letter = tmp_path / "letter.txt"
    letter.write_text("Kigali, 15 April 1994\n\nDear Minister,\n\nI write about the meeting of 12 April 1994.\n")
    memo = tmp_path / "memcon.html"
    memo.write_text("<html><body><h1>Memorandum of Conversation</h1><p>Washington, June 3, 1975.</p>"
                    "<p>MEMORANDUM FOR THE SECRETARY</p><p>The Secretary said that Ecevit could not move.</p></body></html>")  # fmt: skip
    condolence = tmp_path / "condolence.txt"
    condolence.write_text("TO: MR. HUGH HELVIN\n1311 KAPIOLANI BLVD.\nHONOLULU, HAWAII 96814\n\n"
                          "1. IT IS WITH PROFOUND REGRET THAT I MUST CONFIRM THE DEATH ON JANUARY 29, 1978.\n")  # fmt: skip
    running = tmp_path / "note.txt"
    running.write_text("A note on the talks.\n\nThe talks resumed on April 21, 1994, in Arusha.\n")
    assert (extract(letter)[0].date, extract(letter)[0].genre) == ("1994-04-15", "document")
    (memcon,) = extract(memo)
    assert (memcon.date, memcon.recipient, memcon.genre) == ("1975-06-03", "THE SECRETARY", "memorandum")
    assert (extract(condolence)[0].recipient, extract(condolence)[0].date) == ("MR. HUGH HELVIN", None)
    assert extract(running)[0].date is None


def test_mbox_one_document_per_message(tmp_path):
    path = tmp_path / "desk.mbox"
    with open(path, "wb") as f:
        for subject in ("First", "Second"):
            f.write(b"From desk@state.example Fri Apr 15 18:30:00 1994\n")
            f.write(bytes(_message(subject, f"{subject} message body.")) + b"\n")
    docs = extract(path)
    assert [d.subject for d in docs] == ["First", "Second"]
    assert [d.source_id for d in docs] == ["desk/1", "desk/2"]


def test_jsonl_with_column_map_and_a_bad_record(tmp_path, archive):
    src = SHARED / "corpus" / "dfat" / "dfat_documents.jsonl"
    lines = src.read_text(encoding="utf-8").splitlines()[:5]
    path = tmp_path / "dfat.jsonl"
    path.write_text("\n".join([*lines[:3], "{not json", *lines[3:]]) + "\n", encoding="utf-8")
    options = ReadOptions(field_map=(("collection", "vol_title"), ("date", "doc_date"), ("id", "doc_num")))
    (result,) = archive.ingest([path], options)
    assert result.status == "partial" and "line 4" in result.error
    assert result.new == 5
    first = archive.document("dfat/1")
    record = json.loads(lines[0])
    assert first.title == record["title"] and first.date == record["doc_date"]
    assert first.collection == "Volume 1: 1937-38"
    assert first.text == record["text"]


def test_a_records_text_given_as_paragraphs_is_read_as_paragraphs_and_an_object_is_refused(tmp_path, archive):
    """Exports give a body as a list of paragraphs ({"body": ["First.", "Second."]}): it had been stored as
    Python's spelling of the list, "['First.', 'Second.']". A text that is an object is a bad record, named; other
    fields given as lists are joined ("USUN; UKMIS"), as objects kept as JSON."""
    path = tmp_path / "export.jsonl"
    records = [{"id": "listed", "body": ["1. THE COUNCIL MET.", "2. IT TOOK NO ACTION."], "from": ["USUN", "UKMIS"],
                "title": {"en": "Council", "fr": "Conseil"}},
               {"id": "nested", "body": {"en": "THE COUNCIL MET."}}]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (result,) = archive.ingest([path])
    assert result.status == "partial" and result.new == 1
    assert "line 2: its text is a JSON object, not a string" in result.error
    listed = archive.document("export/listed")
    assert listed.text == "1. THE COUNCIL MET.\n\n2. IT TOOK NO ACTION."
    assert (listed.sender, listed.title) == ("USUN; UKMIS", '{"en": "Council", "fr": "Conseil"}')  # not Python's repr
    assert [p.locator for p in listed.paragraphs if p.kind != "header"][-2:] == ["1", "2"]


def test_a_record_dated_a_day_no_calendar_has_is_kept_as_given_and_the_file_ingests(tmp_path, archive):
    """A bulk file's "1994-02-30" had failed the whole file ("day is out of range for month"), every record lost,
    because "yesterday" was resolved against it. The date is kept as the source wrote it; relative dates that need
    its day are left unresolved, and "April 5" still takes its year."""
    path = tmp_path / "dated.jsonl"
    records = [{"id": "odd", "date": "1994-02-30", "text": "1. YESTERDAY THE RPF ADVANCED, AS ON APRIL 5."},
               {"id": "fine", "date": "1994-04-15", "text": "1. YESTERDAY THE COUNCIL MET."}]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (result,) = archive.ingest([path])
    assert result.status == "ingested" and result.new == 2
    odd, fine = archive.document("dated/odd"), archive.document("dated/fine")
    assert odd.date == "1994-02-30"
    assert {(s.text, s.value) for s in odd.spans if s.type == "date"} == {("APRIL 5", "1993-04-05")}
    assert {(s.text, s.value) for s in fine.spans if s.type == "date"} == {("YESTERDAY", "1994-04-14")}


def test_jsonl_lines_end_at_newlines_only_and_each_line_is_decoded_on_its_own(tmp_path, archive):
    """JSON Lines break at "\\n": a U+2028 inside a string is text, not a line break. A line in cp1252 among
    UTF-8 lines is read as cp1252, as a whole cp1252 file would be; a line that is neither is a bad record."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        json.dumps({"id": "a", "text": "First line\u2028of one record about Kigali."}, ensure_ascii=False).encode()
        + b"\n" + '{"id": "b", "text": "Caf\u00e9 talks in Arusha."}'.encode("cp1252")
        + b"\n" + b'{"id": "c", "text": "\x81\x8d\x8f\x90\x9d"}\n'
        + json.dumps({"id": "d", "text": "Na\u00efve hopes in New York."}, ensure_ascii=False).encode() + b"\n"
    )  # fmt: skip
    (result,) = archive.ingest([path])
    assert result.status == "partial" and result.new == 3 and "line 3" in (result.error or "")
    assert archive.document("mixed/a").text == "First line\u2028of one record about Kigali."
    assert archive.document("mixed/b").text == "Caf\u00e9 talks in Arusha."
    assert archive.document("mixed/d").text == "Na\u00efve hopes in New York."


@pytest.mark.parametrize("title, named", [
    ("Evatt to Chifley", ("Evatt", "Chifley")),
    ("Mr R. G. Casey, Minister to the United States, to Mr John Curtin, Prime Minister",
     ("Mr R. G. Casey, Minister to the United States", "Mr John Curtin, Prime Minister")),
    ("Cablegram From Walker To Department Of External Affairs", ("Walker", "Department Of External Affairs")),
    ("LETTER, COSTAR TO BOTTOMLEY", ("COSTAR", "BOTTOMLEY")),
    ("Submission by Dedman to Council of Defence", ("Dedman", "Council of Defence")),
    ("Cablegram to Canberra", (None, "Canberra")),
    ("Note by Evans", ("Evans", None)),
    ("Moodie to Deschamps [1]", ("Moodie", "Deschamps")),
    # titles that hold " to " but name no correspondents
    ("Memorandum prepared for Delegation to Imperial Conference", (None, None)),
    ("Minutes of Fifteenth Meeting of Principal Delegates to Imperial Conference", (None, None)),
    ("Note by Mr S. M. Bruce of Conversation with Sir Ronald Lindsay, U.K. Ambassador to the United States", (None, None)),
    ("Address by Evatt to the United Nations General Assembly", (None, None)),
    ("Thursday, 15th March 1928", (None, None)),
])  # fmt: skip
def test_correspondents_named_by_a_title(title, named):
    from readingroom.parse.correspondents import correspondents

    assert correspondents(title) == named


def test_a_bulk_file_s_titles_give_sender_and_recipient_when_asked(tmp_path):
    """DFAT's records carry no sender or recipient, but their titles say them. With `--map correspondents=title`
    the sourcing card, the from:/to: filters and the facets have them, and the card says where they came from;
    without it nothing is read from titles (many hold a " to " that names no one)."""
    lines = (SHARED / "corpus" / "dfat" / "dfat_documents.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    path = tmp_path / "dfat.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "a.db")
    r = run_cli("ingest", str(path), "--map", "correspondents=title", db=db)
    assert r.returncode == 0, r.stderr
    card = json.loads(run_cli("source", "dfat/" + json.loads(lines[0])["id"], "--json", db=db).stdout)
    assert card["author"] == "Sir George Pearce, Minister for External Affairs"
    assert card["audience"] == "Mr J. A. Lyons, Prime Minister"
    assert card["read_from_title"].startswith("Sender and recipient read from the title “Sir George Pearce")
    shown = run_cli("source", "dfat/" + json.loads(lines[0])["id"], db=db).stdout
    assert "Read from" in shown and "not from the text" in shown
    memo = json.loads(run_cli("source", "dfat/" + json.loads(lines[1])["id"], "--json", db=db).stdout)
    assert memo["author"] is None and memo["read_from_title"] is None  # "Memorandum prepared for Delegation to …"
    found = json.loads(run_cli("search", "from:pearce", "--json", db=db).stdout)
    assert found["total"] > 0 and {h["source_id"] for h in found["hits"]} == {"dfat/" + json.loads(lines[0])["id"]}
    plain = str(tmp_path / "plain.db")
    assert run_cli("ingest", str(path), db=plain).returncode == 0
    assert json.loads(run_cli("source", "dfat/" + json.loads(lines[0])["id"], "--json", db=plain).stdout)["author"] is None
    bad = run_cli("ingest", str(path), "--map", "correspondent=title", db=plain)
    assert bad.returncode != 0 and "correspondents" in bad.stderr  # the fields --map takes are listed


def test_a_bulk_record_is_found_by_its_own_id(tmp_path):
    """A reader knows a record by the id it has in their spreadsheet ("A1"), not by readingroom's source id
    ("log/A1"): `show` and `doc:` take either; an id that ends two source ids asks for the whole one."""
    for name in ("log", "desk"):
        (tmp_path / f"{name}.csv").write_text(f"id,title,text\nA1,Evacuation,The {name} says Belgian paras arrived.\n"
                                              f"{name}_2,Withdrawal,The {name} says the Council voted.\n", encoding="utf-8")  # fmt: skip
    db = str(tmp_path / "a.db")
    assert run_cli("ingest", str(tmp_path / "log.csv"), str(tmp_path / "desk.csv"), db=db).returncode == 0
    shown = run_cli("show", "log_2", db=db)
    assert shown.returncode == 0 and "The log says the Council voted." in shown.stdout
    found = json.loads(run_cli("search", "doc:desk_2", "--json", db=db).stdout)
    assert [h["source_id"] for h in found["hits"]] == ["desk/desk_2"]
    assert run_cli("show", "og_2", db=db).returncode == 1  # the end of a record id is not a record id
    both = run_cli("show", "A1", db=db)
    assert both.returncode == 1 and "desk/A1, log/A1" in both.stderr and "give the whole source id" in both.stderr


def test_csv_rows(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text('id,subject,authored,body\nA1,Evacuation,1994-04-09,"Belgian paras arrived in Kigali."\n'
                    'A2,Withdrawal,1994-04-21,"The Council voted to reduce UNAMIR."\n', encoding="utf-8")  # fmt: skip
    docs = extract(path, ReadOptions(field_map=(("title", "subject"), ("date", "authored"), ("text", "body"))))
    assert [(d.source_id, d.title, d.date) for d in docs] == [
        ("log/A1", "Evacuation", "1994-04-09"), ("log/A2", "Withdrawal", "1994-04-21")]  # fmt: skip


def test_a_release_stamp_on_every_page_is_furniture_in_any_document(tmp_path):
    """CIA's CREST scans carry "APPROVED FOR RELEASE: 06/06/2000 CIA-RDP86-…" at the head and foot of every page;
    they had been paragraphs of their own ("p. 1, ¶1"), searched, quoted and counted, in every document without
    a cable's routing header. They are page furniture now, kept in the text as spans; a sentence about a release
    is not one."""
    stamp = "APPROVED FOR RELEASE: 06/06/2000 CIA-RDP86-00513R000204520002-6"
    pdf = text_pdf(tmp_path / "crest.pdf", [
        f'"{stamp}\n\nSCIENTIFIC ABSTRACT\n\nThe vaccine was approved for release to clinics in 1958.\n\n{stamp}"',
        f'"{stamp}\n\nThe trials continued in Kalinin.\n\n{stamp}"',
        "The work is to go on.\n\nDECLASSIFIED\nAuthority NND 969000\nBy SW NARA Date 6/1/01"])  # fmt: skip
    (doc,) = extract(pdf)
    texts = [p.text for p in doc.paragraphs]
    assert not any("CIA-RDP" in t or "NARA" in t or "DECLASSIFIED" in t for t in texts), texts
    assert doc.signature is None  # NARA's stamp at the foot had been read as the signature
    assert "The vaccine was approved for release to clinics in 1958." in texts
    assert "The trials continued in Kalinin." in texts
    assert sum(stamp in s.text for s in doc.spans if s.type == "noise") == 4
    assert doc.text.count(stamp) == 4 and "Authority NND 969000" in doc.text  # nothing taken out of the text


def test_a_spreadsheet_s_dates_are_read_as_days_and_kept_as_written(tmp_path, archive):
    """A FOIA log or a spreadsheet writes one day six ways; each had been stored as written, so date:1994-04
    found none of them and the timeline filed "April 15, 1994" under the month "April 1". Each is now read as
    the ISO day, with the file's spelling kept beside it; a day and month that could be either way round
    (04/05/1994) is not guessed: the document is left undated and its sourcing card says why."""
    path = tmp_path / "log.csv"
    path.write_text("id,date,text\nA1,\"April 15, 1994\",One.\nA2,15/04/1994,Two.\nA3,1994-04-15T10:00:00Z,Three.\n"
                    "A4,15 Apr 1994,Four.\nA5,04/15/1994,Five.\nA6,04/05/1994,Six.\nA7,1994-04,Seven.\nA8,19940415,Eight.\n")  # fmt: skip
    archive.ingest([path])
    dated = {h.source_id: h.date for h in archive.search("date:1994-04", limit=20).hits}
    assert dated == {"log/A1": "1994-04-15", "log/A2": "1994-04-15", "log/A3": "1994-04-15", "log/A4": "1994-04-15",
                     "log/A5": "1994-04-15", "log/A7": "1994-04", "log/A8": "1994-04-15"}  # fmt: skip
    assert archive.document("log/A1").metadata["date_as_written"] == "April 15, 1994"
    assert "date_as_written" not in archive.document("log/A7").metadata  # already ISO: nothing to keep
    six = archive.document("log/A6")
    assert six.date is None and six.metadata["date_as_written"] == "04/05/1994"
    from readingroom.inquire.sourcing import sourcing_card

    assert sourcing_card(six).date_as_written == (
        "“04/05/1994” in the file: day and month could be either way round, so the document is not dated")


def test_csv_in_utf8_with_a_bom_in_cp1252_and_with_a_multiline_field(tmp_path):
    rows = 'id,title,text\nA1,Caf\u00e9,"Talks in Arusha.\nSecond line of the same field."\n'
    (tmp_path / "bom.csv").write_bytes(codecs.BOM_UTF8 + rows.encode("utf-8"))
    (tmp_path / "old.csv").write_bytes(rows.encode("cp1252"))
    for name in ("bom.csv", "old.csv"):
        (doc,) = extract(tmp_path / name)
        assert (doc.source_id, doc.title) == (f"{name[:-4]}/A1", "Caf\u00e9"), name
        assert doc.text == "Talks in Arusha.\nSecond line of the same field."


def test_a_csv_row_read_wrong_is_reported_not_stored_cut(tmp_path):
    """A comma in an unquoted field splits the row into more fields than the header has: the text had been stored
    as "Second" and the rest dropped, silently. A quote never closed runs on to the end of the file. Both rows are
    reported by number, with the fix; the good rows around them are ingested whole."""
    path = tmp_path / "log.csv"
    path.write_text("id,title,text\nA1,One,First report.\nA2,Two,Second, with an unquoted comma\n"
                    "A3,Three,\"Third, quoted.\"\nA4,Four,\"Fourth, never closed\n", encoding="utf-8")  # fmt: skip
    db = str(tmp_path / "a.db")
    r = run_cli("ingest", str(path), db=db)
    assert r.returncode == 1 and "partly ingested" in r.stdout
    assert "2 bad records skipped (row 3: 4 fields where the header has 3: a field holding a comma must be quoted)" in r.stderr
    with Archive(db) as a:
        assert a.stats()["documents"] == 2
        assert (a.document("log/A1").text, a.document("log/A3").text) == ("First report.", "Third, quoted.")
    broken = tmp_path / "broken.csv"
    broken.write_text('id,text\nB1,"never closed\nB2,taken in by it\n', encoding="utf-8")
    with pytest.raises(PartialFile, match=r"1 bad record skipped \(row 2: broken quoting \(unexpected end of data\)"):
        list(CsvReader().read(broken, broken.read_bytes(), ReadOptions()))


# -- robustness: the batch goes on ------------------------------------------------------------------------


def test_a_batch_of_bad_files_fails_file_by_file(tmp_path, archive):
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(SEED, folder / "00_good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(os.urandom(2048) + b"\x00")
    (folder / "junk.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2048))
    (folder / "bad-utf8.txt").write_bytes(b"SUBJECT: \x81\x8d\x8f\x90 ENCODING\n")
    (folder / "long-line.txt").write_bytes(b"A" * (50 * 1024 * 1024))
    (folder / "bomb.xml").write_text('<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                                     '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>&b;</p></TEI>')  # fmt: skip
    results = {Path(r.path).name: r for r in archive.ingest([folder])}
    assert results.pop("00_good.txt").status == "ingested"
    for name, r in results.items():
        assert r.status == "failed", name
        assert r.error.startswith(str(folder / name)) and "\n" not in r.error, r.error
        assert " — " in r.error, f"no hint for {name}: {r.error}"
    assert archive.stats()["documents"] == 1
    assert archive.check() == []


def test_a_file_that_disappears_mid_run(tmp_path, archive):
    folder = tmp_path / "vanishing"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"{name} has some text in it.\n")

    def delete_b(result):
        if result.path.endswith("a.txt"):
            (folder / "b.txt").unlink()

    results = archive.ingest([folder], on_file=delete_b)
    assert [r.status for r in results] == ["ingested", "failed", "ingested"]
    assert "moved or deleted" in results[1].error


def test_every_reader_error_is_a_readingroom_error(tmp_path):
    """Hostile bytes under every extension give a typed, one-line error, never a traceback."""
    for ext in (".txt", ".pdf", ".xml", ".html", ".eml", ".mbox", ".jsonl", ".csv", ".png", ".tif"):
        path = tmp_path / f"hostile{ext}"
        path.write_bytes(b"\x00\xff\xfe" + os.urandom(512))
        try:
            extract(path)
        except ReadingroomError as e:
            assert "\n" not in str(e)
        else:
            pytest.fail(f"{ext}: junk was accepted")




def test_forwarded_message_attachment_is_read_as_an_email(tmp_path):
    inner = _message("Original report", "The embassy reports calm in Kigali.")
    outer = _message("Fwd: report", "Forwarding the report below.")
    outer.add_attachment(inner, filename="report.eml")
    path = tmp_path / "fwd.eml"
    path.write_bytes(bytes(outer))
    message, forwarded = extract(path)
    assert forwarded.genre == "email" and forwarded.subject == "Original report"
    assert "calm in Kigali" in forwarded.text
    assert forwarded.metadata["attached_to"] == message.source_id


def test_a_bulk_file_with_no_good_record_fails(tmp_path, archive):
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n[1, 2]\n")
    (result,) = archive.ingest([path])
    assert result.status == "failed" and "2 bad records skipped (line 1:" in result.error


def test_a_bulk_file_without_a_text_column_names_its_columns_and_the_fix(tmp_path, archive):
    path = tmp_path / "letters.csv"
    path.write_text("id,title\n1,Letter to the Minister\n")
    (result,) = archive.ingest([path])
    assert result.status == "failed"
    assert "1 bad record skipped (row 2: no text (its columns: id, title))" in result.error
    assert result.error.endswith("name the text column with --map text=COLUMN")  # not "fix those rows"
    assert result.error.count(str(path)) == 1


def test_a_text_column_mapped_that_the_file_lacks_is_named_in_the_error(tmp_path, archive):
    from readingroom.ingest.registry import ReadOptions

    path = tmp_path / "letters.csv"
    path.write_text("id,title,body\n1,Letter to the Minister,Dear Sir\n")
    (result,) = archive.ingest([path], ReadOptions(field_map=(("text", "content"),)))
    assert result.status == "failed"
    assert "no column 'content' (its columns: id, title, body)" in result.error
    assert result.error.endswith("name one of them with --map text=COLUMN")
