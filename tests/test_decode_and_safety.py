"""Encodings decode correctly or fail clearly; hostile XML is refused without being expanded or read."""

from __future__ import annotations

import pytest

from readingroom.api import extract
from readingroom.errors import DecodingError, EmptyDocument, TooLarge, UnreadableFile, UnsafeInput
from readingroom.ingest.registry import ReadOptions

TEXT = "1. CONFIDENTIAL – ENTIRE TEXT.\n\n2. THE DÉMARCHE WAS DELIVERED TO THE FONMIN’S OFFICE.\n"


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8-sig", TEXT.encode("utf-8-sig")),
        ("utf-16", TEXT.encode("utf-16")),  # with BOM
        ("cp1252", TEXT.encode("cp1252")),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path, encoding, data):
    path = tmp_path / f"cable-{encoding}.txt"
    path.write_bytes(data)
    (doc,) = extract(path)
    assert doc.text == TEXT
    assert doc.metadata["encoding"] == encoding
    assert [p.locator for p in doc.paragraphs] == ["1", "2"]


def test_undecodable_bytes_are_a_clear_failure_not_mojibake(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"SUBJECT: TEST \x81\x8d\x8f\x90\x9d BYTES UNDEFINED IN CP1252\n")
    with pytest.raises(DecodingError, match="bad.txt: not UTF-8"):
        extract(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("   \n")
    with pytest.raises(EmptyDocument, match="empty"):
        extract(path)


def test_text_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("A" * 5000)
    with pytest.raises(TooLarge, match="over the limit"):
        extract(path, ReadOptions(max_text_chars=1000))


def test_entity_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div type="document" xml:id="d1"><p>&lol2;</p>'
        "</div></body></text></TEI>"
    )
    with pytest.raises(UnsafeInput, match="entities"):
        extract(bomb)


def test_external_entity_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div type="document" xml:id="d1"><p>&x;</p>'
        "</div></body></text></TEI>"
    )
    with pytest.raises(UnsafeInput):
        extract(xxe)


def test_malformed_xml_is_a_one_line_failure(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div type="document"><p>cut')
    with pytest.raises(UnreadableFile, match="malformed XML"):
        extract(path)
