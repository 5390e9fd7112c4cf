"""Accounts, tokens, restricted collections and document sets: a reader can never see a restricted document,
by any route; every write needs an editor. Over real HTTP, and in Chromium for the set journey."""

from __future__ import annotations

import httpx
import pytest

from readingroom.api import Archive
from readingroom.ingest.registry import ReadOptions
from readingroom.store import access

from .conftest import archive_with, served
from .test_web import SHOTS, browser  # noqa: F401  (the shared Chromium fixture)

SECRET_TEXT = ("SUBJECT: ZANZIBARITE DEPOSITS\n\n1. AMBASSADOR QWERTYSON REPORTS ZANZIBARITE FOUND NEAR KIGALI ON"
               " 3 MAY 1994. THE SECURITY COUNCIL WAS NOT TOLD.\n\n2. PROTECT THIS SOURCE.\n")  # fmt: skip
SEED_ID = "000_7b586f3c1424ed7d"
USUN_JULY = "fgt-7336_USUN-02940_1994-07-16"  # its subject line shares the secret cable's words


@pytest.fixture(scope="module")
def site(enriched_demo_db, tmp_path_factory):
    db, result = archive_with(enriched_demo_db, tmp_path_factory.mktemp("access"), "secret.txt", SECRET_TEXT,
                              ReadOptions(collection="Secret Files"))  # fmt: skip
    with Archive(db) as a:
        conn = a.store.db
        access.restrict(conn, "Secret Files")
        for name, role in (("rita", "reader"), ("ed", "editor"), ("ada", "admin"), ("gus", "reader")):
            access.add_user(conn, name, f"{name}-password", role)
        access.grant(conn, "gus", "Secret Files")
        tokens = {name: access.new_token(conn, name) for name in ("rita", "ed", "ada", "gus")}
    with served(db) as url:
        yield {"url": url, "tokens": tokens, "secret_id": result.documents[0]}


def _client(site, who: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {site['tokens'][who]}"} if who else {}
    return httpx.Client(base_url=site["url"], headers=headers)


@pytest.mark.parametrize("who", [None, "rita", "ed"])
def test_restricted_document_is_invisible_by_every_route(site, who):
    secret = site["secret_id"]
    with _client(site, who) as http:
        found = http.get("/api/search", params={"q": "zanzibarite"}).json()
        assert found["total"] == 0 and found["hits"] == []
        everything = http.get("/api/search", params={"q": "kigali OR security", "limit": 100}).json()
        assert all(h["doc_id"] != secret for h in everything["hits"])
        assert "Secret Files" not in [f["value"] for f in everything["facets"]["collection"]]
        for path in (f"/api/documents/{secret}", f"/api/documents/{secret}/paragraphs/1", f"/api/cite/{secret}",
                     "/api/entities/PER:QWERTYSON", f"/doc/{secret}", f"/api/corroborate/{secret}/1",
                     f"/doc/{secret}/corroborate/1"):  # fmt: skip
            assert http.get(path).status_code == 404, path
        # a public passage the secret one would corroborate: it is never offered
        others = http.get(f"/api/corroborate/{USUN_JULY}/subject").json()
        assert others and all(c["doc_id"] != secret for c in others)
        assert "QWERTYSON" not in http.get(f"/doc/{USUN_JULY}/corroborate/subject").text
        answer = http.get("/api/ask", params={"q": "Where was zanzibarite found?"}).json()
        assert all(e["doc_id"] != secret for e in answer["evidence"])
        timeline = http.get("/api/timeline").json()
        assert all(d["doc_id"] != secret for d in timeline["documents"])
        page = http.get("/", params={"q": "zanzibarite"}).text
        assert "0 paragraphs" in page and "QWERTYSON" not in page and "DEPOSITS" not in page


@pytest.mark.parametrize("who", ["gus", "ada"])
def test_granted_and_admin_accounts_see_it(site, who):
    with _client(site, who) as http:
        assert http.get("/api/search", params={"q": "zanzibarite"}).json()["total"] == 2
        assert http.get(f"/api/documents/{site['secret_id']}").status_code == 200
        assert http.get("/api/entities/PER:QWERTYSON").json()["documents"] == 1
        assert site["secret_id"] in {c["doc_id"] for c in http.get(f"/api/corroborate/{USUN_JULY}/subject").json()}


def test_every_write_needs_an_editor(site):
    new = {"title": "Rwanda 1994", "questions": ["Why did the U.S. want UNAMIR withdrawn?"]}
    with _client(site, None) as anonymous, _client(site, "rita") as reader, _client(site, "ed") as editor:
        assert anonymous.post("/api/sets", json=new).status_code == 401
        assert reader.post("/api/sets", json=new).status_code == 403
        assert httpx.post(site["url"] + "/api/sets", json=new, headers={"Authorization": "Bearer rr_bogus"}).status_code == 401
        created = editor.post("/api/sets", json=new)
        assert created.status_code == 201
        set_id = created.json()["id"]
        assert reader.post(f"/api/sets/{set_id}/documents", json={"doc_id": SEED_ID}).status_code == 403
        added = editor.post(f"/api/sets/{set_id}/documents", json={"doc_id": SEED_ID}).json()
        editor.post(f"/api/sets/{set_id}/documents", json={"doc_id": "fgt-24971_USUN-01628_1994-04-19"})
        docs = editor.get(f"/api/sets/{set_id}").json()["documents"]
        assert len(docs) == 2 and docs[0] == added["documents"][0]
        reordered = editor.put(f"/api/sets/{set_id}/order", json={"doc_ids": docs[::-1]}).json()
        assert reordered["documents"] == docs[::-1]
        assert editor.put("/api/collections/Secret%20Files/restricted").status_code == 403
        assert reader.get(f"/api/sets/{set_id}").json()["title"] == "Rwanda 1994"


def test_the_overview_counts_only_what_its_viewer_may_see(site):
    with _client(site, "ada") as admin, _client(site, "rita") as reader:
        everything, visible = admin.get("/api/overview").json(), reader.get("/api/overview").json()
        assert everything["documents"] == visible["documents"] + 1
        assert ["Secret Files", 1] in everything["facets"]["collection"]
        assert "Secret Files" not in dict(visible["facets"]["collection"])
        assert "Secret Files" in admin.get("/").text
        assert "Secret Files" not in reader.get("/").text


def test_restricted_document_in_a_set_stays_hidden(site):
    with _client(site, "ada") as admin, _client(site, "rita") as reader:
        set_id = admin.post("/api/sets", json={"title": "Mixed"}).json()["id"]
        admin.post(f"/api/sets/{set_id}/documents", json={"doc_id": site["secret_id"]})
        admin.post(f"/api/sets/{set_id}/documents", json={"doc_id": SEED_ID})
        assert len(admin.get(f"/api/sets/{set_id}").json()["documents"]) == 2
        assert len(reader.get(f"/api/sets/{set_id}").json()["documents"]) == 1
        listed = {s["id"]: s["documents"] for s in reader.get("/api/sets").json()}
        everything = {s["id"]: s["documents"] for s in admin.get("/api/sets").json()}
        assert listed[set_id] == [d for d in everything[set_id] if d != site["secret_id"]] and len(listed[set_id]) == 1
        # not even the count tells a reader that the set holds a restricted document
        for page in ("/sets", "/"):
            assert f'href="/sets/{set_id}">Mixed</a> <span class="dim">2 documents' in admin.get(page).text, page
            assert f'href="/sets/{set_id}">Mixed</a> <span class="dim">1 document<' in reader.get(page).text, page
        question = {"q": "What is in the secret files about zanzibarite?", "set": set_id}
        assert site["secret_id"] in {e["doc_id"] for e in admin.get("/api/ask", params=question).json()["evidence"]}
        assert site["secret_id"] not in {e["doc_id"] for e in reader.get("/api/ask", params=question).json()["evidence"]}


def test_a_published_lesson_holds_only_what_its_reader_may_see(site):
    with _client(site, "ada") as admin, _client(site, "rita") as reader:
        set_id = admin.post("/api/sets", json={"title": "Lesson", "questions": ["Who found zanzibarite?"]}).json()["id"]
        for doc_id in (SEED_ID, site["secret_id"]):
            admin.post(f"/api/sets/{set_id}/documents", json={"doc_id": doc_id})
        assert "ZANZIBARITE" in admin.get(f"/sets/{set_id}/lesson.html").text
        page = reader.get(f"/sets/{set_id}/lesson.html")
        assert page.status_code == 200 and "UNAMIR" in page.text and "ZANZIBARITE" not in page.text
        teacher = reader.get(f"/sets/{set_id}/lesson.md", params={"answers": "true"})
        assert "Teacher's notes" in teacher.text and "ZANZIBARITE" not in teacher.text
        pdf = reader.get(f"/sets/{set_id}/lesson.pdf")
        assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        assert "attachment" in pdf.headers["content-disposition"]
        assert reader.get(f"/sets/{set_id}/lesson.docx").status_code == 404
        assert reader.get("/sets/9999/lesson.html").status_code == 404
        seed = reader.get(f"/doc/{SEED_ID}/lesson.html")
        assert seed.status_code == 200 and "Guiding questions" in seed.text and "there is no role" in seed.text
        assert reader.get(f"/doc/{site['secret_id']}/lesson.html").status_code == 404  # hidden from this reader
        assert admin.get(f"/doc/{site['secret_id']}/lesson.md").status_code == 200


def test_forms_refuse_a_missing_csrf_token(site):
    with httpx.Client(base_url=site["url"]) as http:
        assert http.post("/login", data={"username": "ed", "password": "ed-password", "csrf": "forged"}).status_code == 403


def test_editor_signs_in_creates_a_set_and_adds_the_seed(site, browser):  # noqa: F811
    context = browser.new_context(base_url=site["url"])
    page = context.new_page()
    page.goto("/login")
    page.fill("input[name=username]", "ed")
    page.fill("input[name=password]", "ed-password")
    page.click("button[type=submit]")
    page.wait_for_url("**/sets")
    page.fill("input[name=title]", "Lesson: Rwanda 1994")
    page.fill("textarea[name=questions]", "Why did the U.S. State Department want to withdraw all UNAMIR forces?")
    page.click("form.new-set button[type=submit]")
    page.wait_for_selector("h1.set-title")
    set_url = page.url
    page.fill("form.add-doc input[name=doc_id]", SEED_ID)
    page.click("form.add-doc button[type=submit]")
    page.wait_for_selector("ol.set-docs a")
    assert "Talking Points for UNAMIR Withdrawal" in page.inner_text("ol.set-docs")
    page.fill("form.add-doc input[name=doc_id]", "fgt-24971_USUN-01628_1994-04-19")
    page.click("form.add-doc button[type=submit]")
    page.wait_for_function("document.querySelectorAll('ol.set-docs > li').length === 2")
    page.click("ol.set-docs > li:nth-child(2) button.move-up")
    page.wait_for_load_state()
    first = page.locator("ol.set-docs > li").first.inner_text()
    assert "UNSC GETS UPDATE ON RWANDA" in first  # reordered: the USUN cable now comes first
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "set.png"), full_page=True)
    in_set = page.eval_on_selector_all("ol.set-docs a", "links => links.map(a => a.getAttribute('href'))")
    in_set_ids = {href.split("?")[0].split("#")[0].split("/")[-1] for href in in_set}
    page.click("ol li a:has-text('Why did the U.S. State Department')")  # the set's guiding question, within the set
    page.wait_for_selector("#scope")
    assert "Lesson: Rwanda 1994" in page.inner_text("#scope")
    cited = page.eval_on_selector_all("a.evidence-link", "links => links.map(a => a.getAttribute('href'))")
    assert cited and all(href.split("?")[0].split("/")[-1] in in_set_ids for href in cited)
    page.screenshot(path=str(SHOTS / "ask-within-set.png"), full_page=True)
    page.goto("/?q=zanzibarite")
    assert "0 paragraphs" in page.inner_text("#count")  # an editor without a grant sees nothing of it
    context.close()
    anonymous = browser.new_context(base_url=site["url"]).new_page()
    anonymous.goto(set_url)
    assert "Talking Points for UNAMIR Withdrawal" in anonymous.inner_text("ol.set-docs")
    assert anonymous.locator("form.add-doc").count() == 0
    anonymous.click("p.publish a:has-text('web page')")  # the set as a lesson, in the order the editor chose
    anonymous.wait_for_selector("article.lesson h1")
    assert anonymous.inner_text("article.lesson h1") == "Lesson: Rwanda 1994"
    sources = anonymous.locator("section.source h2").all_inner_texts()
    assert sources[0].startswith("Source 1: UNSC GETS UPDATE ON RWANDA") and "UNAMIR Withdrawal" in sources[1]
    anonymous.screenshot(path=str(SHOTS / "lesson.png"), full_page=True)


def test_only_an_admin_deletes_a_document(tmp_path, browser):  # noqa: F811
    from .conftest import CABLES_1994, SEED

    db = str(tmp_path / "a.db")
    with Archive(db) as a:
        a.ingest([SEED, CABLES_1994])
        for name, role in (("rita", "reader"), ("ed", "editor"), ("ada", "admin")):
            access.add_user(a.store.db, name, f"{name}-password", role)
        tokens = {name: access.new_token(a.store.db, name) for name in ("rita", "ed", "ada")}
    with served(db) as url:
        client = lambda who: httpx.Client(base_url=url, headers={"Authorization": f"Bearer {tokens[who]}"})  # noqa: E731
        with httpx.Client(base_url=url) as anonymous, client("rita") as reader, client("ed") as editor, client("ada") as admin:
            assert anonymous.delete(f"/api/documents/{SEED_ID}").status_code == 401
            assert reader.delete(f"/api/documents/{SEED_ID}").status_code == 403
            assert editor.delete(f"/api/documents/{SEED_ID}").status_code == 403
            assert reader.get("/api/search", params={"q": '"untenable situation"'}).json()["total"] == 1
            gone = admin.delete(f"/api/documents/{SEED_ID}")
            assert gone.status_code == 200 and gone.json()["deleted"]["source_id"] == SEED_ID
            assert reader.get(f"/api/documents/{SEED_ID}").status_code == 404
            assert reader.get("/api/search", params={"q": '"untenable situation"'}).json()["total"] == 0
            assert admin.delete(f"/api/documents/{SEED_ID}").status_code == 404
        usun = "fgt-24971_USUN-01628_1994-04-19"
        for who, sees_button in (("ed", False), ("ada", True)):  # in the reading room: the page asks first
            context = browser.new_context(base_url=url)
            page = context.new_page()
            page.goto("/login")
            page.fill("input[name=username]", who)
            page.fill("input[name=password]", f"{who}-password")
            page.click("button[type=submit]")
            page.wait_for_url("**/sets")
            page.goto(f"/doc/{usun}")
            assert (page.locator("form.delete-document").count() == 1) == sees_button
            if sees_button:
                page.once("dialog", lambda dialog: dialog.dismiss())  # "Cancel": nothing happens
                page.click("form.delete-document button")
                assert page.url.endswith(f"/doc/{usun}")
                page.once("dialog", lambda dialog: dialog.accept())
                page.click("form.delete-document button")
                page.wait_for_selector("p.notice")
                assert f"Deleted {usun}" in page.inner_text("p.notice")
                assert page.goto(f"/doc/{usun}").status == 404
            context.close()
        with httpx.Client(base_url=url) as anonymous:  # the form itself checks the account and the CSRF token
            assert anonymous.post(f"/doc/{SEED_ID}/delete", data={"csrf": "x"}).status_code == 401
