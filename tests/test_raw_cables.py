"""Raw telegram layout as released cables show it in OCR, and ALL-CAPS 1970s cable bodies."""

from __future__ import annotations

import pytest

from readingroom.api import extract
from readingroom.model import ParagraphKind as K

from .conftest import CABLES_1994, HISTORYLAB

USUN_01628 = {
    "genre": "cable",
    "precedence": "IMMEDIATE",
    "dtg": "190012Z APR 94",
    "date": "1994-04-19",
    "sender": "USMISSION USUN NEW YORK",
    "recipient": "SECSTATE WASHDC",
    "classification": "CONFIDENTIAL",
    "classification_marking": "CONFIDENTIAL - ENTIRE TEXT",
    "cable_number": "01628",
    "tags": ["MARR", "PINS", "PREL", "MOPS", "UNSC", "RW"],
    "subject": "UNSC GETS UPDATE ON RWANDA 4/18",
    "references": [],
}
USUN_02940 = {
    "genre": "cable",
    "precedence": "IMMEDIATE",
    "dtg": "160108Z JUL 94",
    "date": "1994-07-16",
    "sender": "USMISSION USUN NEW YORK",
    "recipient": "SECSTATE WASHDC",
    "classification": "CONFIDENTIAL",
    "classification_marking": "CONFIDENTIAL - ENTIRE TEXT",
    "cable_number": "02940",
    "tags": ["MARR", "PREL", "PHUM", "MOPS", "FR", "RW", "UN"],
    "subject": "RWANDA: 15 JUL 94 SECURITY COUNCIL MEETING",
    "references": ["SNYDER-SHIRE 7/15 TELCON"],
}
UKMIS_1341 = {
    "genre": "cable",
    "precedence": "DESKBY",
    "dtg": "140410Z APRIL 94",  # printed "1404107": the zone letter Z read as 7
    "date": "1994-04-14",
    "sender": "UKMIS NEW YORK",
    "recipient": "FCO",
    "cable_number": "1341",
    "subject": "RWANDA",
    "references": ["MIPT"],
}
CASES = [
    ("fgt-24971_USUN-01628_1994-04-19.txt", USUN_01628),
    ("fgt-7336_USUN-02940_1994-07-16.txt", USUN_02940),
    ("fgt-23728_UKMIS-NY-TELNO-1341_1994-04-14.txt", UKMIS_1341),
]


def _doc(name):
    (doc,) = extract(CABLES_1994 / name)
    return doc


@pytest.mark.parametrize("name, expected", CASES, ids=[c[0][:20] for c in CASES])
def test_header_fields(name, expected):
    doc = _doc(name)
    for field, value in expected.items():
        assert getattr(doc, field) == value, field


def test_info_addressees_span_the_page_break():
    doc = _doc("fgt-7336_USUN-02940_1994-07-16.txt")
    assert doc.info_recipients[0] == "JOINT STAFF WASHDC"
    assert doc.info_recipients[-1] == "AMEMBASSY KAMPALA"  # listed after the PAGE 02 header
    assert "CONFIDENTIAL" not in doc.info_recipients
    assert len(doc.info_recipients) == 18


def test_zone_letter_read_as_2_in_uk_info_line_does_not_break_routing():
    doc = _doc("fgt-23728_UKMIS-NY-TELNO-1341_1994-04-14.txt")
    assert doc.info_recipients[:3] == ["PARIS", "BRUSSELS", "KAMPALA"]


@pytest.mark.parametrize("name", [c[0] for c in CASES[:2]])
def test_page_furniture_never_inside_paragraphs(name):
    doc = _doc(name)
    furniture = ("REVIEW AUTHORITY", "RELEASED IN FULL", "PAGE 0", "EAP-01", "UNCLASSIFIED", "DATE/CASE ID", "/044W")
    for p in doc.paragraphs:
        if p.kind in (K.NUMBERED, K.PARAGRAPH):
            assert not any(f in p.text for f in furniture), (p.locator, p.text)


def test_numbered_paragraphs_of_usun_01628():
    doc = _doc("fgt-24971_USUN-01628_1994-04-19.txt")
    numbered = [p for p in doc.paragraphs if p.kind == K.NUMBERED]
    assert [p.locator for p in numbered] == ["1", "2", "3"]
    assert numbered[0].text == "1.\n\nCONFIDENTIAL - ENTIRE TEXT."
    assert numbered[1].text.endswith("END SUMMARY.")
    assert numbered[2].text.startswith("3. THE UN SECRETARIAT TOLD THE SECURITY COUNCIL APRIL")


def test_uk_paragraph_skips_page_marks_but_keeps_both_sides():
    doc = _doc("fgt-23728_UKMIS-NY-TELNO-1341_1994-04-14.txt")
    p1 = doc.paragraph("1")
    assert len(p1.ranges()) == 2  # interrupted by "PAGE 1" and registry marks
    assert "MDHIAN" not in p1.text and "PAGE 1" not in p1.text
    assert p1.text.rstrip().endswith("plans for the withdr")
    for a, b in p1.ranges():
        assert doc.text[a:b] in p1.text


# Paragraph numbering of 1970s ALL-CAPS cables, checked by eye against the files. Gaps (USBERL has no ¶7,
# DAMASC no ¶12) are the cables' own.
HISTORYLAB_LOCATORS = {
    "1973BEIRUT07784": ["summary", "1", "2", "3", "signature"],
    "1973PHNOM03957": ["1", "1.A", "1.B", "1.C", "signature"],
    "1974BONN08226": ["header", "summary", "1", "2", "3", "4", "5", "5.A", "5.B", "5.C", "6", "7", "8", "signature"],
    "1974PEKING00626": ["1", "2", "2.A", "2.B", "2.C", "2.D", "3", "4", "signature"],
    "1975STATE046226": ["ref-B", "ref-C", "1", "1.A", "1.B", "1.C", "1.D", "2", "signature"],
    "1975STATE055582": ["1", "2", "3", "4", "4.A", "4.B", "4.C", "5", "signature"],
    "1975USBERL00411": ["ref-A", "ref-B", "1", "2", "3", "4", "5", "6", "8", "signature"],
    "1976KUALA06790": [*[str(i) for i in range(1, 14)], "signature"],
    "1977DAMASC04767": [*[str(i) for i in range(1, 12)], "13", "signature"],
    "1977LONDON02410": ["1", "2", "3", "4", "5", "6", "signature"],
    "1979STATE070307": ["1", "2", *[f"2.{i}" for i in range(1, 19)], "3", "signature"],
    "1974ATHENS06966": ["1", "2", "3", "4", "signature"],
}


@pytest.mark.parametrize("name", sorted(HISTORYLAB_LOCATORS))
def test_historylab_paragraph_numbering(name):
    (doc,) = extract(HISTORYLAB / f"{name}.txt")
    assert [p.locator for p in doc.paragraphs if p.kind != K.MARKING] == HISTORYLAB_LOCATORS[name]
    assert doc.genre == "cable"


def test_historylab_trailer_gives_classification():
    (doc,) = extract(HISTORYLAB / "1973STATE057534.txt")
    assert doc.classification == "CONFIDENTIAL"
    assert doc.signature == "ROGERS"


def test_routing_header_at_the_end_of_an_export_is_read_and_kept_out_of_the_body():
    (doc,) = extract(HISTORYLAB / "1975OECDP07285.txt")
    assert doc.sender == "USMISSION OECD PARIS"
    assert doc.recipient == "SECSTATE WASH DC"
    assert "AMEMBASSY VIENNA" in doc.info_recipients
    assert not any("AMEMBASSY" in p.text for p in doc.paragraphs if p.kind == K.NUMBERED)


def test_the_text_after_a_second_sections_routing_header_goes_on_in_the_paragraph_it_continues():
    """A cable sent in two sections repeats its routing lines (FM, TO, SECTION 02 OF 02) mid-text, with no SUBJECT
    after them: the header had run to the end of the document, so the speech's last lines and the signature were
    in no paragraph — stored, but never found by search, nor quoted by ask."""
    (doc,) = extract(HISTORYLAB / "1979USUNN04958.txt")
    (second,) = [p for p in doc.paragraphs if p.locator == "2"]
    assert "THE INTERNATIONAL RELIEF AGENCIES MUST BE ALLOWED TO DO THEIR JOBS" in second.text
    assert len(second.segments) == 2 and "FM USMISSION" not in second.text  # the routing lines left out of it
    # the name the cable closes on is its signature, though the message centre's note comes after it
    assert doc.signature == "MCHENRY" and doc.paragraphs[-1].text.startswith("NOTE BY OC/T:")
    body = "".join(doc.text[a:b] for p in doc.paragraphs for a, b in p.ranges())
    assert "CALLS US TO ACTION" in body and "MCHENRY" in body
    (young,) = extract(HISTORYLAB / "1977USUNN05653.txt")
    assert young.signature == "YOUNG"  # had been read as a heading, the note after it the last paragraph
    # the routing lines end at the first line that is none: SALZMAN, signing, had been one more INFO addressee,
    # and paragraphs 5 to 8 in the header
    (paris,) = extract(HISTORYLAB / "1978PARIS19560.txt")
    assert paris.signature == "SALZMAN" and paris.info_recipients == ["ALL OECD CAPITALS", "USOECD"]
    assert [p.locator for p in paris.paragraphs if p.kind == K.NUMBERED] == [str(n) for n in range(1, 9)]


def test_a_second_sections_serial_line_is_routing_and_names_the_classification():
    """1970s telegrams spell their classification out on the serial line ("C O N F I D E N T I A L SECTION 02 OF
    02 LONDON 03717"): it had been read as the last line of the paragraph the break cut, and the cable as having
    no classification. OCR runs text onto it, and a joined FM onto the line before the routing lines."""
    (london,) = extract(HISTORYLAB / "1977LONDON03717.txt")
    assert london.classification == "CONFIDENTIAL"
    (third,) = [p for p in london.paragraphs if p.locator == "3"]
    assert "SECTION 02 OF 02" not in third.text and "042033Z" not in third.text
    assert third.text.endswith("TO TAKE PART IN SUCH DISCUSSIONS.")
    # "S E C R E T SECTION 2 OF 2 KABUL 3173 AMORPHOUS BODY ASSEMBLED AD HOC.)": the serial is routing, the rest
    # of the line the end of the paragraph it continues
    (kabul,) = extract(HISTORYLAB / "1976KABUL03173.txt")
    (seventh,) = [p for p in kabul.paragraphs if p.locator == "7"]
    assert kabul.classification == "SECRET" and "S E C R E T" not in seventh.text
    assert seventh.text.endswith("AMORPHOUS BODY ASSEMBLED AD HOC.)")
    # "… THE SITUATION IN THE FM" then "AMEMBASSY BONN", "TO SECSTATE …": twenty routing lines had been ¶3's text
    (bonn,) = extract(HISTORYLAB / "1974BONN08226.txt")
    (bonn3,) = [p for p in bonn.paragraphs if p.locator == "3"]
    assert "AMEMBASSY TOKYO" not in bonn3.text and bonn3.text.endswith("PROVE ELUSIVE.")
    assert (bonn.sender, bonn.recipient, bonn.classification) == ("AMEMBASSY BONN", "SECSTATE WASHDC", "SECRET")
    assert "AMEMBASSY CAIRO" in bonn.info_recipients and bonn.cable_number == "1974BONN08226"
    # OCR's "TO$DEPARTMENT OF ENERGY*WASHDC", a second action addressee with its precedence and number
    (paris,) = extract(HISTORYLAB / "1978PARIS34984.txt")
    assert (paris.recipient, paris.info_recipients[:1]) == ("DEPARTMENT OF ENERGY WASHDC", ["SECSTATE WASHDC"])
    assert not any("FM AMEMBASSY PARIS" in p.text or "241141Z" in p.text for p in paris.paragraphs if p.kind != K.HEADER)


def test_a_full_cable_sent_in_sections_reads_its_serial_line_and_leaves_later_routing_out_of_the_text(tmp_path):
    """The layout of a telegram printed whole: the classification spelled out on the serial line, and each later
    section repeating the routing lines mid-paragraph. Those repeats are furniture, like a page header."""
    src = tmp_path / "state099440.txt"
    src.write_text(
        "CONFIDENTIAL\n\nPAGE 01        STATE 099440  151852Z\n"
        "O 151845Z APR 94\nFM SECSTATE WASHDC\nTO USMISSION USUN NEW YORK IMMEDIATE\nINFO AMEMBASSY KIGALI\n"
        "C O N F I D E N T I A L SECTION 01 OF 02 STATE 099440\n\nE.O. 12356: DECL: OADR\nTAGS: PREL, MOPS, RW\n"
        "SUBJECT: MEETING WITH FONMIN ON UNAMIR\n\n"
        "1. (C) ON APRIL 14 DEPTOFF MET WITH FONMIN, WHO SAID THE\n"
        "O 151845Z APR 94\nFM SECSTATE WASHDC\nTO USMISSION USUN NEW YORK IMMEDIATE\nINFO AMEMBASSY KIGALI\n"
        "C O N F I D E N T I A L SECTION 02 OF 02 STATE 099440\n"
        "RPF HAD ADVANCED ON KIGALI.\n\n2. (U) THE COUNCIL WILL CONSIDER OPTIONS.\n\nCHRISTOPHER\n"
    )
    (doc,) = extract(src)
    assert (doc.classification, doc.cable_number, doc.sender, doc.subject) == (
        "CONFIDENTIAL", "099440", "SECSTATE WASHDC", "MEETING WITH FONMIN ON UNAMIR")
    (first,) = [p for p in doc.paragraphs if p.locator == "1"]
    assert first.text == "1. (C) ON APRIL 14 DEPTOFF MET WITH FONMIN, WHO SAID THE\nRPF HAD ADVANCED ON KIGALI."
    assert [p.locator for p in doc.paragraphs] == ["header", "subject", "1", "2", "signature"]
    furniture = [s.text for s in doc.spans if s.type == "noise"]
    assert "FM SECSTATE WASHDC" in furniture and "C O N F I D E N T I A L SECTION 02 OF 02 STATE 099440" in furniture


def test_body_only_cable_takes_year_post_and_series_from_its_document_number():
    """History Lab's cables are body text only; the file's name, the telegram's document number, is the one
    place their year and sending post are written."""
    (doc,) = extract(HISTORYLAB / "1976DAMASC06820.txt")
    assert (doc.date, doc.sender, doc.cable_number) == ("1976", "AMEMBASSY DAMASCUS", "1976DAMASC06820")
    assert doc.citation.archive.startswith("Central Foreign Policy Files")
    assert doc.metadata["from_document_number"] == ["cable_number", "date", "sender", "archive"]
    (state,) = extract(HISTORYLAB / "1973STATE057534.txt")  # the Department's own numbers run to six digits
    assert (state.sender, state.date) == ("SECSTATE WASHDC", "1973")


def test_a_memo_sent_by_telegram_is_a_cable_addressed_as_its_heading_says(tmp_path):
    """A body that opens MEMORANDUM FOR THE AMBASSADOR, in a file named by a telegram's document number: the
    heading addresses it, the number makes it a cable."""
    path = tmp_path / "1976DAMASC06821.txt"
    path.write_text("MEMORANDUM FOR THE AMBASSADOR\n\n1. THE MINISTER CALLED TODAY.\n")
    (doc,) = extract(path)
    assert (doc.genre, doc.recipient, doc.sender) == ("cable", "THE AMBASSADOR", "AMEMBASSY DAMASCUS")


def test_document_number_never_overrides_what_the_text_says():
    (doc,) = extract(HISTORYLAB / "1975OECDP07285.txt")  # its routing header names the sender
    assert doc.sender == "USMISSION OECD PARIS" and "sender" not in doc.metadata["from_document_number"]
    (seed,) = extract(HISTORYLAB.parent.parent / "seed" / "000_7b586f3c1424ed7d.txt")
    assert "from_document_number" not in seed.metadata and seed.date == "1994-04-15"


@pytest.mark.parametrize(("code", "year", "address"), [
    ("HAVANA", 1978, "USINT HAVANA"),  # an interests section from 1977, not an embassy
    ("DAMASC", 1973, "USINT DAMASCUS"),
    ("DAMASC", 1974, None),  # the embassy reopened in June 1974: the year alone cannot say which
    ("PEKING", 1976, "USLO PEKING"),
    ("THEHA", 1977, "AMEMBASSY THE HAGUE"),
    ("XYZZY", 1977, None),
])  # fmt: skip
def test_post_codes_name_the_post_of_the_year(code, year, address):
    from readingroom.parse.docnumber import post_address

    assert post_address(code, year) == address
