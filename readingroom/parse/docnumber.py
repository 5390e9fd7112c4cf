"""A State Department telegram's document number — 1976DAMASC06820: the year, the sending post's code, a
serial (six digits for the Department's own: 1973STATE057534).

The Central Foreign Policy Files of 1973–79 (and the releases drawn from them: NARA's Access to Archival
Databases, History Lab) name every telegram so. Releases that carry the body text only, as History Lab's do,
name the file by that number, which is then the one place the cable's year and sending post are written. Only
facts the document lacks are filled, and `metadata["from_document_number"]` says which, so the sourcing card
can tell the reader where they came from.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from readingroom.model import Document

DOCUMENT_NUMBER_RE = re.compile(r"^(?P<year>19[4-9]\d)(?P<post>[A-Z]{3,6})(?P<serial>\d{5,6})$")
# The electronic telegrams of the Central Foreign Policy Files, the series these numbers identify.
CFPF_ARCHIVE = "Central Foreign Policy Files, 1973–79, RG 59, National Archives"
CFPF_YEARS = range(1973, 1980)


def apply_document_number(doc: Document) -> None:
    m = DOCUMENT_NUMBER_RE.match(doc.source_id or "")
    if not m:
        return
    year = int(m["year"])
    taken = []
    if not doc.cable_number:
        doc.cable_number = doc.source_id
        taken.append("cable_number")
    if not doc.date:
        doc.date = m["year"]
        taken.append("date")
    if not doc.sender and (address := post_address(m["post"], year)):
        doc.sender = address
        taken.append("sender")
    if year in CFPF_YEARS and not doc.citation.archive:
        doc.citation.archive = CFPF_ARCHIVE
        taken.append("archive")
    if doc.genre in ("document", "memorandum"):  # a telegram's number: a memo sent by telegram is a cable
        doc.genre = "cable"
    if taken:
        doc.metadata["from_document_number"] = taken


def post_address(code: str, year: int) -> str | None:
    """The cable address of the post a code names in that year, if the list knows it."""
    for address, first, last in _posts().get(code, ()):
        if first <= year <= last:
            return address
    return None


@cache
def _posts() -> dict[str, list[tuple[str, int, int]]]:
    posts: dict[str, list[tuple[str, int, int]]] = {}
    data = resources.files("readingroom.parse").joinpath("data/cable_posts.tsv").read_text(encoding="utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, address, years = (line.split("\t") + [""])[:3]
        first, _, last = years.partition("-")
        posts.setdefault(code, []).append((address, int(first or 0), int(last or 9999)))
    return posts
