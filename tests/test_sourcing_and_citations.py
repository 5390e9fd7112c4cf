"""The sourcing card, citations in every style, and corroboration across documents."""

from __future__ import annotations

import json

import pytest

from readingroom.api import Archive, extract
from readingroom.inquire.corroborate import corroborate
from readingroom.inquire.sourcing import sourcing_card
from readingroom.publish.citations import cite

from .conftest import CABLES_1994, FRUS, HISTORYLAB, SEED, run_cli


@pytest.fixture(scope="module")
def seed():
    (doc,) = extract(SEED)
    return doc


def test_sourcing_card_answers_the_historians_questions(seed):
    card = sourcing_card(seed)
    assert card.author == "U.S. Department of State"
    assert card.audience == "U.S. Mission to the United Nations, New York"
    assert card.date == "1994-04-15" and card.genre == "cable"
    assert card.classification == "CONFIDENTIAL – ENTIRE TEXT"
    assert card.purpose == "action"
    asks = [r for r in card.requests if r.locator == "6"]
    assert len(asks) == 2 and "is instructed to inform NSC colleagues" in asks[0].quote
    for r in card.requests:
        assert seed.text[r.start : r.end] == r.quote


def test_information_cable_has_no_requests():
    (doc,) = extract(SEED.parent.parent / "corpus" / "cables-1994" / "fgt-24971_USUN-01628_1994-04-19.txt")
    card = sourcing_card(doc)
    assert card.purpose == "information" and card.requests == []
    assert card.also_informed[:2] == ["UN SECURITY COUNCIL COLLECTIVE", "AMEMBASSY DHAKA"]


def test_chicago_mla_apa(seed):
    assert cite(seed, "chicago", "4") == (
        "U.S. Department of State, cable 099440 to U.S. Mission to the United Nations, New York, “Talking Points"
        " for UNAMIR Withdrawal,” April 15, 1994, para. 4, National Security Archive,"
        " https://nsarchive2.gwu.edu/NSAEBB/NSAEBB53/rw041594.pdf."
    )
    assert cite(seed, "mla").startswith("U.S. Department of State. “Talking Points for UNAMIR Withdrawal.” Cable 099440")
    assert "15 Apr. 1994" in cite(seed, "mla")
    assert cite(seed, "apa").startswith("U.S. Department of State. (1994, April 15). Talking Points for UNAMIR Withdrawal")


def test_an_undated_memo_is_cited_n_d(tmp_path):
    """A memo with no date anywhere: Chicago writes "n.d." where the date goes (it had ended “…,”. — a comma
    and a full stop with nothing between), as APA does."""
    memo = tmp_path / "memo.txt"
    memo.write_text("TO:      The Secretary\nFROM:    AF - George E. Moose\nSUBJECT: Rwanda: the Arusha talks\n\n"
                    "1. The talks resumed.\n")  # fmt: skip
    (doc,) = extract(memo)
    assert cite(doc, "chicago") == "AF - George E. Moose, memorandum to The Secretary, “Rwanda: the Arusha talks,” n.d."
    assert cite(doc, "apa").startswith("AF - George E. Moose. (n.d.).")


def test_reference_manager_formats(seed):
    (item,) = json.loads(cite(seed, "csl-json"))
    assert item["issued"] == {"date-parts": [[1994, 4, 15]]} and item["number"] == "099440"
    bib = cite(seed, "bibtex")
    assert bib.startswith("@misc{rr") and "year = {1994}" in bib and "author = {{U.S. Department of State}}" in bib
    ris = cite(seed, "ris").splitlines()
    assert ris[0] == "TY  - GEN" and "DA  - 1994/04/15" in ris and ris[-1].startswith("ER  -")


def test_frus_citation_names_the_volume_and_document():
    (doc,) = extract(FRUS / "frus1946v06-d475.xml")
    chicago = cite(doc, "chicago")
    assert "February 22, 1946" in chicago and "Document 475" in chicago
    assert chicago.endswith("https://history.state.gov/historicaldocuments/frus1946v06/d475.")


def test_a_frus_memorandum_has_its_writer_from_its_heading_and_says_so():
    """FRUS's editors mark a letter's writer but not a memorandum's: the 16 memoranda of the 1925 volume had no
    author on their sourcing cards. "Memorandum by the Under Secretary of State (Grew)" is Grew's; "… by the
    Secretary of State of a Conversation With the Nicaraguan Chargé (Tigerino)" the Secretary's, not Tigerino's."""
    docs = {d.source_id: d for d in extract(FRUS / "frus1925v02.xml")}
    grew, talk, letter = docs["frus1925v02/d60"], docs["frus1925v02/d479"], docs["frus1925v02/d323"]
    assert (grew.sender, talk.sender, docs["frus1925v02/d37"].sender) == ("Grew", "Secretary of State", "Spencer Phenix")
    card = sourcing_card(grew)
    assert card.author == "Grew"
    assert card.read_from_title == "Sender read from the heading “Memorandum by the Under Secretary of State (Grew)”, not from the text"
    assert letter.sender == "Castle" and sourcing_card(letter).read_from_title is None  # the editors' own mark


def test_body_only_cable_is_cited_by_post_number_year_and_series_and_says_so():
    (doc,) = extract(HISTORYLAB / "1979KAMPAL00452.txt")
    card = sourcing_card(doc)
    assert card.author == "AMEMBASSY KAMPALA" and card.date == "1979"
    assert card.read_from_number == (
        "Year, sending post and series read from the document number 1979KAMPAL00452, not from the text"
    )
    assert card.citation == (
        "AMEMBASSY KAMPALA, cable 1979KAMPAL00452, 1979, Central Foreign Policy Files, 1973–79, RG 59, National Archives."
    )
    assert sourcing_card(extract(SEED)[0]).read_from_number is None


def test_corroboration_finds_other_documents_with_reasons(demo_db):
    with Archive(demo_db) as a:
        seed = a.document("000_7b586f3c1424ed7d")
        found = corroborate(a.store, seed, "4")
        assert all(c.doc_id != seed.id for c in found)
        for c in found:
            other = a.document(c.doc_id)
            assert other.text[c.start : c.end] == c.quote
            assert len(c.shared_terms) >= 2 and c.reason.startswith("shares")
            assert c.relation in ("same matter", "related", "may contradict")


def test_corroboration_flags_a_denial_not_a_negation(tmp_path):
    """"May contradict" is for a passage that denies or disputes what the other states: Kampala's Tanzanian
    liaison officer "dismissed as unfounded Ugandan allegations of a build-up of pro-Amin forces in southern
    Sudan", against a report of that build-up. A "not" or a "but" is grammar: it had flagged half the passages
    offered for the demo's paragraphs, a Khartoum cable that "has been a difficult month … but" against the
    seed's case for withdrawing UNAMIR among them; sharing only such words as "personnel" and "violence", that
    cable is merely related."""
    from readingroom.enrich import enrich_archive

    report = tmp_path / "1979KHARTO99999.txt"
    report.write_text("SUBJECT: PRO-AMIN FORCES IN SOUTHERN SUDAN\n\n1. UGANDAN OFFICIALS REPORT A BUILD-UP OF "
                      "PRO-AMIN FORCES IN SOUTHERN SUDAN, READY TO CROSS INTO NORTHERN UGANDA.\n", encoding="utf-8")  # fmt: skip
    with Archive(str(tmp_path / "a.db")) as a:
        a.ingest([report, HISTORYLAB, SEED, *sorted(CABLES_1994.glob("*USUN*"))])
        enrich_archive(a.store)
        found = corroborate(a.store, a.document("1979KHARTO99999"), "1")
        denial = next(c for c in found if c.source_id == "1979KAMPAL00452")
        assert denial.relation == "may contradict" and "UNFOUNDED" in denial.quote
        assert "denies or disputes" in denial.reason and "SUDAN" in denial.reason
        on_rwanda = corroborate(a.store, a.document("000_7b586f3c1424ed7d"), "4")
        khartoum = next(c for c in on_rwanda if c.source_id == "1979KHARTO04476")
        assert khartoum.relation == "related" and " BUT " in khartoum.quote
        assert "may contradict" not in {c.relation for c in on_rwanda}


def test_cli_source_cite_corroborate(demo_db):
    card = json.loads(run_cli("source", "000_7b586f3c1424ed7d", "--json", db=demo_db).stdout)
    assert card["purpose"] == "action"
    r = run_cli("cite", "000_7b586f3c1424ed7d", "7.11", "--style", "chicago", db=demo_db)
    assert r.returncode == 0 and "para. 7.11" in r.stdout
    assert run_cli("cite", "000_7b586f3c1424ed7d", "99", db=demo_db).returncode == 1
    assert run_cli("cite", "000_7b586f3c1424ed7d", "--style", "harvard", db=demo_db).returncode == 2
    found = json.loads(run_cli("corroborate", "000_7b586f3c1424ed7d", "4", "--json", db=demo_db).stdout)
    assert isinstance(found, list)
    shown = json.loads(run_cli("show", "000_7b586f3c1424ed7d", "--json", db=demo_db).stdout)
    assert shown["sourcing"]["requests"][0]["locator"] == "6"
