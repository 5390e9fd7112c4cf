"""Citations of a document (or one paragraph of it) in Chicago, MLA and APA, and as CSL-JSON, BibTeX and RIS
for reference managers such as Zotero. Built only from facts the document records; nothing is invented, so a
missing fact is left out rather than guessed."""

from __future__ import annotations

import json
import re

from readingroom.model import Document

STYLES = ("chicago", "mla", "apa", "csl-json", "bibtex", "ris")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip
_MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def cite(doc: Document, style: str = "chicago", locator: str | None = None) -> str:
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; one of {', '.join(STYLES)}")
    return {"chicago": chicago, "mla": mla, "apa": apa, "csl-json": csl_json, "bibtex": bibtex, "ris": ris}[style](
        doc, locator
    )


def _parts(doc: Document) -> dict[str, str | None]:
    c = doc.citation
    kind = "Cable" if doc.genre == "cable" else (doc.genre.capitalize() if doc.genre != "document" else None)
    number = doc.cable_number
    return {
        "creator": c.creator if c.creator and not c.creator.startswith("U.S. Department of State, Office") else doc.sender,
        "title": c.title or doc.title or doc.subject,
        "kind": kind,
        "number": number,
        "recipient": doc.recipient,
        "archive": c.archive or doc.collection,
        "url": c.url,
        "date": doc.date or c.date,
    }


def _date_long(iso: str | None) -> str | None:
    if not iso:
        return None
    y, *rest = iso.split("-")
    if len(rest) == 2:
        return f"{_MONTHS[int(rest[0]) - 1]} {int(rest[1])}, {y}"
    return f"{_MONTHS[int(rest[0]) - 1]} {y}" if rest else y


def _where(locator: str | None) -> str | None:
    if not locator:
        return None
    if locator.startswith("p. "):
        return locator
    return "headnote" if locator == "headnote" else f"para. {locator}"


def _description(p: dict[str, str | None]) -> str | None:
    bits = " ".join(b for b in (p["kind"] and p["kind"].lower(), p["number"]) if b)
    if p["recipient"]:
        bits = f"{bits} to {p['recipient']}" if bits else f"to {p['recipient']}"
    return bits or None


def chicago(doc: Document, locator: str | None = None) -> str:
    """Chicago notes style for archival documents: creator, description, "title," date, where, archive, URL."""
    p = _parts(doc)
    bits = [p["creator"], _description(p), f"“{p['title']},”" if p["title"] else None, _date_long(p["date"]) or "n.d.",
            _where(locator), p["archive"], p["url"]]  # fmt: skip
    text = ", ".join(b for b in bits if b).replace(",”,", ",”")
    return re.sub(r"\s+", " ", text).rstrip(".,") + "."


def mla(doc: Document, locator: str | None = None) -> str:
    p = _parts(doc)
    date = None
    if p["date"]:
        y, *rest = p["date"].split("-")
        date = " ".join(x for x in ((str(int(rest[1])) if len(rest) > 1 else None),
                                    (_MLA_MONTHS[int(rest[0]) - 1] if rest else None), y) if x)  # fmt: skip
    desc = _description(p)
    parts = [f"{p['creator']}." if p["creator"] else None, f"“{p['title']}.”" if p["title"] else None,
             ", ".join(x for x in ((desc[0].upper() + desc[1:]) if desc else None, date) if x) + "." if desc or date else None,
             ", ".join(x for x in (p["archive"], re.sub(r"^https?://", "", p["url"] or "") or None) if x) + "."
             if p["archive"] or p["url"] else None,
             f"{_where(locator)}." if locator else None]  # fmt: skip
    return " ".join(x for x in parts if x)


def apa(doc: Document, locator: str | None = None) -> str:
    p = _parts(doc)
    date = "n.d."
    if p["date"]:
        y, *rest = p["date"].split("-")
        date = y + (f", {_MONTHS[int(rest[0]) - 1]}" if rest else "") + (f" {int(rest[1])}" if len(rest) > 1 else "")
    title = p["title"]  # APA wants sentence case, but lower-casing would damage proper names: kept as given
    desc = _description(p)
    head = f"{p['creator']}. ({date})." if p["creator"] else f"({date})."
    body = f"{title}" + (f" [{desc[0].upper() + desc[1:]}]" if desc else "") + "." if title else None
    parts = [head, body, f"{p['archive']}." if p["archive"] else None, p["url"], f"({_where(locator)})" if locator else None]
    return " ".join(x for x in parts if x)


def csl(doc: Document) -> dict[str, object]:
    p = _parts(doc)
    item: dict[str, object] = {"id": doc.id, "type": "document", "title": p["title"], "source": "readingroom"}
    if p["creator"]:
        item["author"] = [{"literal": p["creator"]}]
    if p["recipient"]:
        item["recipient"] = [{"literal": p["recipient"]}]
    if p["date"]:
        item["issued"] = {"date-parts": [[int(x) for x in p["date"].split("-")]]}
    for key, value in (("archive", p["archive"]), ("URL", p["url"]), ("number", p["number"]), ("genre", p["kind"])):
        if value:
            item[key] = value
    if doc.source_id:
        item["archive_location"] = doc.source_id
    return item


def csl_json(doc: Document, locator: str | None = None) -> str:
    return json.dumps([csl(doc)], ensure_ascii=False, indent=2)


def bibtex(doc: Document, locator: str | None = None) -> str:
    p = _parts(doc)
    fields = [("author", f"{{{p['creator']}}}" if p["creator"] else None), ("title", p["title"]),
              ("year", p["date"][:4] if p["date"] else None),
              ("month", _MONTHS[int(p["date"][5:7]) - 1].lower()[:3] if p["date"] and len(p["date"]) >= 7 else None),
              ("note", _description(p)), ("howpublished", p["archive"]), ("url", p["url"])]  # fmt: skip
    body = ",\n".join(f"  {k} = {{{_bib_escape(v)}}}" for k, v in fields if v)
    return f"@misc{{rr{doc.id},\n{body}\n}}"


def _bib_escape(value: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", value)


def ris(doc: Document, locator: str | None = None) -> str:
    p = _parts(doc)
    lines = [("TY", "GEN"), ("AU", p["creator"]), ("TI", p["title"]), ("DA", p["date"].replace("-", "/") if p["date"] else None),
             ("PY", p["date"][:4] if p["date"] else None), ("M1", p["number"]), ("M3", p["kind"]), ("PB", p["archive"]),
             ("UR", p["url"]), ("N1", _description(p)), ("ID", doc.id), ("ER", "")]  # fmt: skip
    return "\n".join(f"{tag}  - {value}" for tag, value in lines if value is not None)
