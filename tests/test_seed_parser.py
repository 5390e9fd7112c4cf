"""The seed cable, fact by fact against ../shared/seed/*.expected.json."""

from __future__ import annotations

import pytest

from readingroom.api import extract
from readingroom.model import ParagraphKind as K

from .conftest import SEED, SEED_EXPECTED

EXPECTED = SEED_EXPECTED["document"]
PACKET = SEED_EXPECTED["packet"]


@pytest.fixture(scope="module")
def seed():
    (doc,) = extract(SEED)
    return doc


def test_packet_title(seed):
    assert seed.packet.title == PACKET["title"]


def test_headnote(seed):
    assert seed.packet.headnote.startswith(PACKET["headnote_starts_with"])
    (head,) = [p for p in seed.paragraphs if p.kind == K.HEADNOTE]
    assert head.text.startswith(PACKET["headnote_starts_with"])


def test_guiding_questions(seed):
    assert seed.packet.guiding_questions == PACKET["guiding_questions"]
    assert [p.text for p in seed.paragraphs if p.kind == K.GUIDING_QUESTION] == PACKET["guiding_questions"]


@pytest.mark.parametrize(
    "field, key",
    [("genre", "genre"), ("subject", "subject"), ("classification", "classification"),
     ("classification_marking", "classification_marking"), ("date", "date"), ("cable_number", "cable_number"),
     ("sender", "sender"), ("recipient", "recipient"), ("references", "references"),
     ("action_requested", "action_cable")],
)  # fmt: skip
def test_header_fact(seed, field, key):
    assert getattr(seed, field) == EXPECTED[key]


def test_citation_parts(seed):
    assert seed.citation.title == EXPECTED["title_in_citation"]
    assert seed.citation.archive == EXPECTED["archive"]
    assert seed.citation.url == EXPECTED["url"]
    assert seed.citation.text.startswith("U.S. Department of State. Cable number 099440")


def test_numbered_paragraphs(seed):
    numbered = [int(p.locator) for p in seed.paragraphs if p.kind == K.NUMBERED]
    assert numbered == EXPECTED["numbered_paragraphs"]


def test_paragraph_4_keeps_its_second_block(seed):
    p4 = seed.paragraph("4")
    assert "relative immunity" in p4.text and "insufficient justification" in p4.text


def test_section_heading(seed):
    assert [p.text for p in seed.paragraphs if p.kind == K.HEADING] == EXPECTED["section_headings"]


def test_talking_points_under_paragraph_7(seed):
    points = [p for p in seed.paragraphs if p.kind == K.TALKING_POINT]
    assert len(points) == EXPECTED["talking_points_in_paragraph_7"]
    assert all(p.parent == "7" for p in points)
    assert [p.locator for p in points] == [f"7.{i}" for i in range(1, 15)]
    assert points[3].text == "– In the current environment in Rwanda, there is no role for a United Nations Peacekeeping Force."


def test_editorial_insertions_and_elisions(seed):
    inserted = [s.value for s in seed.spans if s.type == "editorial_insertion"]
    assert inserted == EXPECTED["editorial_insertions"]
    assert len([s for s in seed.spans if s.type == "elision"]) == EXPECTED["elisions"]


def test_every_span_and_paragraph_points_at_the_original(seed):
    for s in seed.spans:
        assert seed.text[s.start : s.end] == s.text, s
    for p in seed.paragraphs:
        assert "\n".join(seed.text[a:b] for a, b in p.ranges()) == p.text


def test_text_is_verbatim_including_transcription_slips(seed):
    assert seed.text == SEED.read_text(encoding="utf-8")
    assert "Mission they drawn the following points" in seed.paragraph("7").text
    assert "all/all UNAMIR forces" in seed.paragraph("6").text


def test_dates_found(seed):
    dates = {s.value for s in seed.spans if s.type == "date"}
    assert "1994-04-15" in dates
