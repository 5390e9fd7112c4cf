"""The reading room in a real headless Chromium (Debian's, driven by Playwright), and the REST API over HTTP.

Journeys: search → open document → jump to ¶4 → copy a Chicago citation; ask the seed's first guiding
question → evidence shown and highlighted in place; hostile document text stays text. Screenshots of each page
go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import httpx
import pytest

from readingroom.api import Archive
from readingroom.publish.citations import cite

from .conftest import ROOT, SEED_EXPECTED, archive_with, free_port, served

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]  # fmt: skip
HOSTILE = 'SUBJECT: TEST <script>alert(1)</script>\n\n1. THE TEXT SAYS <img src=x onerror="alert(2)"> AND "QUOTES" & AMPERSANDS.\n'


@pytest.fixture(scope="module")
def server(enriched_demo_db, tmp_path_factory):
    db, _ = archive_with(enriched_demo_db, tmp_path_factory.mktemp("web"), "hostile.txt", HOSTILE)
    with served(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium missing: .ci/run must install Debian's chromium")
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=server)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.dialogs = dialogs  # type: ignore[attr-defined]
    yield p
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_open_jump_and_copy_a_chicago_citation(page, demo_db):
    page.goto("/")
    page.fill("input[name=q]", '"untenable situation"')
    page.click("button[type=submit]")
    page.wait_for_selector("article.hit")
    assert page.inner_text("#count").startswith("1 paragraph in 1 document")
    facets = page.inner_text("aside.facets")  # entities by name and kind, as the landing page shows them
    assert "SECURITY COUNCIL org" in facets and "ORG:" not in facets and "GPE:" not in facets
    assert page.inner_text("p.snippet").startswith("… mandates, and that UN peacekeeping")  # a cut is marked
    _shot(page, "search")
    page.click("a.hit-link")
    page.wait_for_selector("#p-7-11")
    assert page.url.endswith("#p-7-11")
    page.click("a.locator[href='#p-4']")
    assert page.url.endswith("#p-4")
    assert page.evaluate("document.querySelector(':target').id") == "p-4"
    assert "insufficient justification" in page.inner_text("#p-4")
    page.click("button[data-target=cite-chicago]")
    with Archive(demo_db) as a:
        expected = cite(a.document("000_7b586f3c1424ed7d"), "chicago")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == expected
    _shot(page, "document")


def test_an_evaluate_question_shows_the_evidence_on_each_side(page):
    page.goto("/ask")
    page.fill("input[name=q]", SEED_EXPECTED["questions"][1]["question"])
    page.click("button[type=submit]")
    page.wait_for_selector("li.evidence-item")
    headings = page.locator("h3.side").all_inner_texts()
    assert headings and set(headings) <= {"Evidence for it:", "Evidence that cuts the other way or sets conditions:"}
    assert page.locator("text=weigh each passage yourself").count() == 1
    _shot(page, "ask-evaluate")


def test_a_compare_question_shows_the_evidence_under_each_thing_compared(page):
    page.goto("/ask")
    page.fill("input[name=q]", "How did the Greek government and the PASOK deputies differ on the continental shelf agreement?")
    page.click("button[type=submit]")
    page.wait_for_selector("li.evidence-item")
    headings = page.locator("h3.side").all_inner_texts()
    assert "On the Greek government:" in headings and "Naming both:" in headings
    assert set(headings) <= {"On the Greek government:", "On the PASOK deputies:", "Naming both:", "Other passages:"}
    _shot(page, "ask-compare")


def test_ask_the_seed_question_and_see_the_evidence_in_place(page):
    question = SEED_EXPECTED["questions"][0]["question"]
    page.goto("/ask")
    page.fill("input[name=q]", question)
    page.click("button[type=submit]")
    page.wait_for_selector("li.evidence-item")
    quotes = page.locator("li.evidence-item blockquote").all_inner_texts()
    assert len(quotes) >= 6
    text = " ".join(" ".join(quotes).split())
    assert "insufficient justification to retain a UN peacekeeping presence in Rwanda" in text
    _shot(page, "ask")
    others = page.locator("li.evidence-item a.others-link").first.get_attribute("href")
    assert others and "/corroborate/" in others  # each piece of evidence leads to the other documents on it
    first_quote = " ".join(quotes[0].strip("“”").split())
    page.click("a.evidence-link >> nth=0")
    page.wait_for_selector("mark.quote")
    marked = " ".join(page.locator("mark.quote").first.inner_text().split())
    assert marked and marked in first_quote
    _shot(page, "document-highlighted")


def test_the_landing_page_shows_the_archive_and_each_figure_is_a_way_in(page, enriched_demo_db):
    page.goto("/")
    with Archive(enriched_demo_db) as a:
        documents = a.stats()["documents"] + 1  # and the hostile test cable, undated
        in_1994 = dict(a.overview().years)["1994"]
    assert page.inner_text("#overview-count").startswith(f"{documents:,} documents")
    assert "1922–1994" in page.inner_text("#overview-count")
    _shot(page, "landing")
    bar = page.locator(".years a.year", has_text="1994")
    assert bar.get_attribute("title") == f"1994: {in_1994} documents"
    bar.click()
    page.wait_for_selector("article.hit")
    assert page.input_value("input[name=q]") == "date:1994"
    page.go_back()
    memoranda = page.locator("#glance-genre li", has_text="memorandum")
    count = int(memoranda.inner_text().split()[-1])
    memoranda.locator("a").click()
    page.wait_for_selector("article.hit")
    assert page.inner_text("#count").endswith(f"in {count} documents")
    assert page.locator("article.hit").count() == count
    page.go_back()
    page.locator("#glance-questions a", has_text="Why did the U.S. State Department").click()
    page.wait_for_selector(".evidence")
    assert "untenable situation" in page.inner_text("main")
    page.go_back()
    entity = page.locator("#glance-entity a").first
    name = entity.inner_text()
    entity.click()
    assert name in page.inner_text("h1")


def test_entity_and_timeline_pages(page):
    page.goto("/entity/GPE:RWANDA")
    assert "RWANDA" in page.inner_text("h1")
    assert page.locator("ol.entity-docs li").count() >= 3
    _shot(page, "entity")
    page.goto("/timeline?q=rwanda")
    assert page.locator(".chart .month").count() == 2
    _shot(page, "timeline")
    page.goto("/timeline")  # the whole archive, 1922 to 1994: a bar a year
    labels = page.locator(".chart .month .label").all_inner_texts()
    assert "1925" in labels and "1976" in labels and "1994" in labels
    _shot(page, "timeline-archive")
    page.goto("/timeline?q=doc:1973MOSCOW15075")  # a cable dated 1973 alone: "OCT 11" takes the document's year
    event = page.locator("ol.events li", has_text="OCT 11")
    assert "1973-10-11 (year of the document)" in event.inner_text()


def test_a_paragraph_leads_to_the_other_documents_on_it(page):
    page.goto("/doc/000_7b586f3c1424ed7d")
    assert page.locator("#p-2 a.others").count() == 0  # "2. THIS IS AN ACTION CABLE - SEE BELOW." states no claim
    assert "MLA" in page.inner_text("#cite")
    page.click("#p-4 a.others")
    page.wait_for_selector("section.corroborate")
    assert "Other documents on ¶4" in page.inner_text("h1")
    items = page.locator("li.corroboration")
    assert items.count() >= 1
    assert "Why: names" in items.first.inner_text() and "shares" in items.first.inner_text()  # entities, words
    _shot(page, "corroborate")
    items.first.locator("a.evidence-link").click()  # to the passage, highlighted in its document
    page.wait_for_selector("section.text mark")


def test_a_body_only_cable_page_says_where_its_date_and_sender_came_from(page):
    page.goto("/doc/1976DAMASC06820")
    card = page.inner_text("dl.sourcing")
    assert "AMEMBASSY DAMASCUS" in card and "1976" in card
    assert "read from the document number 1976DAMASC06820, not from the text" in card
    assert "Central Foreign Policy Files" in page.inner_text("#cite-chicago")


def test_document_text_is_escaped(page, server):
    page.goto("/?q=ampersands")
    page.click("a.hit-link")
    page.wait_for_selector("#p-1")
    body = page.inner_text("section.text")
    assert "<script>alert(1)</script>" in body and '<img src=x onerror="alert(2)">' in body
    assert page.locator("section.text script, section.text img").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]
    _shot(page, "escaped")


def test_rest_api_over_http(server):
    with httpx.Client(base_url=server) as http:
        r = http.get("/api/search", params={"q": '"untenable situation"'})
        assert r.status_code == 200 and r.json()["hits"][0]["locator"] == "7.11"
        assert http.get("/api/search", params={"q": "x", "limit": 1000}).json()["error"]["status"] == 422
        bad = http.get("/api/search", params={"q": '"open'})
        assert bad.status_code == 400 and bad.json()["error"]["message"] == "unbalanced quote in query"
        assert r.json()["mode"] == "lexical"
        no_vectors = http.get("/api/search", params={"q": "bloodshed", "mode": "semantic"}).json()["error"]
        assert no_vectors["status"] == 422 and no_vectors["code"] == "RR310" and "readingroom embed" in no_vectors["hint"]
        assert http.get("/api/search", params={"q": "x", "mode": "psychic"}).status_code == 422
        assert http.get("/api/documents/nosuch").status_code == 404
        para = http.get("/api/documents/000_7b586f3c1424ed7d/paragraphs/7.4").json()
        assert para["text"].endswith("no role for a United Nations Peacekeeping Force.")
        answer = http.get("/api/ask", params={"q": "Why did the U.S. want UNAMIR withdrawn?"}).json()
        assert answer["evidence"] and all(e["quote"] for e in answer["evidence"])
        wordless = http.get("/api/ask", params={"q": " ?? "})
        assert wordless.status_code == 400 and wordless.json()["error"]["code"] == "RR301"
        assert http.get("/api/entities/GPE:RWANDA").json()["documents"] >= 3
        assert http.get("/api/timeline", params={"q": "rwanda"}).json()["by_month"]
        assert "/api/search" in http.get("/api/openapi.json").json()["paths"]
        cited = http.get("/api/cite/000_7b586f3c1424ed7d", params={"style": "ris"}).json()["citation"]
        assert cited.startswith("TY  - GEN")


def test_no_path_outside_the_archive_is_served(server):
    with httpx.Client(base_url=server) as http:
        for path in ("/static/../../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml",
                     "/static/..%2f..%2fpyproject.toml", "/static//etc/passwd"):  # fmt: skip
            r = http.get(path)
            assert r.status_code == 404, path
            assert "readingroom" not in r.text.split("<title>")[0] or "[project]" not in r.text
        assert http.get("/static/style.css").status_code == 200


def test_search_at_the_address_people_guess(server):
    with httpx.Client(base_url=server) as http:
        moved = http.get("/search", params={"q": '"untenable situation"'}, follow_redirects=True)
        assert moved.status_code == 200 and moved.url.path == "/" and 'id="count"' in moved.text  # the results
        # a FRUS document at the address history.state.gov gives it, less the site: its page
        frus = http.get("/doc/frus1925v02/d60", follow_redirects=True)
        assert frus.status_code == 200 and frus.url.path.startswith("/doc/") and frus.url.path.count("/") == 2
        assert "Grew" in frus.text
        assert http.get("/doc/frus1925v02/d99999").status_code == 404
        lesson = http.get("/doc/000_7b586f3c1424ed7d/lesson.md")  # a page under a document is still its own
        assert lesson.status_code == 200 and "Talking Points for UNAMIR Withdrawal" in lesson.text
        # a search that finds nothing says where the archive's values are listed
        nothing = http.get("/", params={"q": "rwanda to:nowhereville"})
        assert nothing.status_code == 200 and 'id="nothing"' in nothing.text and '<a href="/">The archive at a glance</a>' in nothing.text
        assert 'id="nothing"' not in http.get("/", params={"q": "rwanda"}).text
        # a page number past the last a reader may ask for, typed into the address: a page that says so, not JSON
        past = http.get("/", params={"q": "rwanda", "page": 99999})
        assert past.status_code == 422 and past.headers["content-type"].startswith("text/html")
        assert "page: Input should be less than or equal to 500" in past.text and "Back to search" in past.text


def test_serve_with_several_processes(demo_db, tmp_path):
    """`serve --workers 2`: each process opens the archive; both answer, and sessions share one secret."""
    import subprocess
    import sys

    db = tmp_path / "served.db"
    shutil.copy(demo_db, db)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "readingroom", "serve", "--db", str(db), "--port", str(port),
                             "--workers", "2"], stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": '"untenable situation"'}, timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        assert r.json()["total"] == 1
        assert all(httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": "rwanda"}).status_code == 200
                   for _ in range(10))  # fmt: skip
    finally:
        proc.terminate()
        proc.wait(20)
