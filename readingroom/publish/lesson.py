"""A lesson like the seed's: title, headnote, guiding questions, each source transcribed verbatim paragraph by
paragraph, and how to cite it — from a document set, or from one document that carries its own packet.

The transcription is the stored text itself from the first paragraph of the source to its last, cut at
paragraph boundaries and labelled with the locators a reader cites; text between paragraphs (a classification
trailer, an end-of-document line) is kept too, and nothing is retyped. What comes before the first paragraph
(a release stamp's distribution codes) and the packet's own parts (title, headnote, questions, citation) are
not part of the transcription: the lesson prints the packet parts in their own places. A teacher's copy can add, under each question, evidence from the
lesson's own documents, every quote verified as `ask` verifies it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from readingroom.inquire import Evidence, cite_short, evidence_groups, question_kind
from readingroom.model import Document
from readingroom.model import ParagraphKind as K
from readingroom.publish.citations import cite, csl

STYLES = ("chicago", "mla", "apa")
FORMATS = ("md", "html", "pdf", "json", "csl-json", "bibtex", "ris")  # the last three: the sources, for Zotero
_PACKET_PARTS = frozenset({K.TITLE, K.HEADNOTE, K.GUIDING_QUESTION, K.CITATION})
_SOURCE_LABEL = re.compile(r"\s*Sources?:?\s*$", re.I)


@dataclass
class Block:
    """A stretch of the transcription: a paragraph with its locator, or text between paragraphs (no locator)."""

    text: str
    locator: str | None = None
    kind: str | None = None


@dataclass
class LessonSource:
    doc: Document
    blocks: list[Block]
    citations: dict[str, str]  # style -> citation of the whole document


@dataclass
class Lesson:
    title: str
    headnote: str | None
    questions: list[str]
    sources: list[LessonSource]
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)  # question -> verified quotes

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title, "headnote": self.headnote, "questions": self.questions,
            "sources": [{"doc_id": s.doc.id, "source_id": s.doc.source_id, "title": s.doc.title, "date": s.doc.date,
                         "citations": s.citations,
                         "transcription": [{"locator": b.locator, "kind": b.kind, "text": b.text} for b in s.blocks]}
                        for s in self.sources],
            "evidence": {q: [e.to_dict() for e in ev] for q, ev in self.evidence.items()},
        }  # fmt: skip

    def notes(self) -> list[tuple[str, list[tuple[str, list[Evidence]]]]]:
        """The teacher's notes: each question with its evidence, a "Do you agree …?" question's under its two
        sides (the heading is "" where there are no sides)."""
        return [(q, [(heading, [e for _, e in items]) for heading, items in evidence_groups(question_kind(q), ev, q)])
                for q, ev in self.evidence.items()]  # fmt: skip


def transcription(doc: Document) -> list[Block]:
    """The source's own text, from its first paragraph to its last, in paragraph-sized blocks."""
    body = [p for p in doc.paragraphs if p.kind not in _PACKET_PARTS]
    if not body:
        return [Block(doc.text)] if doc.text.strip() else []
    blocks: list[Block] = []
    cursor = body[0].start
    for p in body:
        if p.start > cursor and doc.text[cursor : p.start].strip():
            blocks.append(Block(doc.text[cursor : p.start].strip()))
        if p.start < cursor:  # a paragraph nested in one already written out (a footnote inside a note)
            continue
        blocks.append(Block(doc.text[p.start : p.end], p.locator, p.kind))
        cursor = p.end
    citation_start = min((p.start for p in doc.paragraphs if p.kind == K.CITATION and p.start >= cursor),
                         default=len(doc.text))  # fmt: skip
    tail = _SOURCE_LABEL.sub("", doc.text[cursor:citation_start]).strip()
    if tail:
        blocks.append(Block(tail))
    return blocks


def source(doc: Document) -> LessonSource:
    return LessonSource(doc, transcription(doc), {style: cite(doc, style) for style in STYLES})


def from_document(doc: Document) -> Lesson:
    """A lesson from one document: its own packet (title, headnote, guiding questions) when it has one."""
    packet = doc.packet
    title = (packet.title if packet else None) or doc.title or doc.subject or doc.source_id
    return Lesson(title, packet.headnote if packet else None, list(packet.guiding_questions) if packet else [],
                  [source(doc)])  # fmt: skip


def from_set(record: dict[str, Any], documents: list[Document]) -> Lesson:
    """A lesson from a document set (`access.get_set`) and the documents of it the reader may see, in order."""
    return Lesson(str(record["title"]), record.get("headnote"), list(record.get("questions") or []),
                  [source(d) for d in documents])  # fmt: skip


def to_markdown(lesson: Lesson) -> str:
    out = [f"# {lesson.title}", ""]
    if lesson.headnote:
        out += [lesson.headnote, ""]
    if lesson.questions:
        out += ["## Guiding questions", ""] + [f"{i}. {q}" for i, q in enumerate(lesson.questions, 1)] + [""]
    for n, s in enumerate(lesson.sources, 1):
        heading = s.doc.title or s.doc.subject or s.doc.source_id
        out += [f"## Source {n}: {heading}" if len(lesson.sources) > 1 else f"## Source: {heading}", ""]
        for b in s.blocks:
            label = shown_label(b)
            if b.kind == K.HEADING:
                out += [f"**{_md_escape(b.text)}**", ""]
            else:
                out += [f"**¶ {b.locator}** {_md_escape(b.text, at_line_start=False)}" if label else _md_escape(b.text), ""]
        out += ["### How to cite this source", ""]
        out += [f"- **{style.upper() if style != 'chicago' else 'Chicago'}:** {_md_escape(s.citations[style])}"
                for style in STYLES] + [""]  # fmt: skip
    if lesson.evidence:
        out += ["## Teacher's notes: evidence in the sources", ""]
        for q, groups in lesson.notes():
            out += [f"**{_md_escape(q)}**", ""]
            for heading, items in groups:
                out += [f"*{heading}*", ""] if heading else []
                out += [f"- “{_md_escape(e.quote)}” ({_md_escape(cite_short(e))})".replace("\n", "\n  ") for e in items]
                out += [""]
            if not any(items for _, items in groups):
                out += ["- (no passage)", ""]
    return "\n".join(out).rstrip() + "\n"


def shown_label(block: Block) -> bool:
    """A paragraph's locator is printed before it unless its own text already starts with it ("4. ...")."""
    if not block.locator or block.kind in (K.HEADING, K.SUBJECT, K.SIGNATURE, K.MARKING, K.HEADER):
        return False
    return not re.match(rf"\s*\(?{re.escape(block.locator)}[.)]", block.text)


def _md_escape(text: str, at_line_start: bool = True) -> str:
    """Markdown must show the source's characters, not read them as markup: escape what starts formatting."""
    text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
    first, _, rest = text.partition("\n")
    block_start = re.compile(r"(?m)^(\s*)([#+-]|\d+\.)(\s)")
    first = block_start.sub(r"\1\\\2\3", first) if at_line_start else first
    text = first + ("\n" + block_start.sub(r"\1\\\2\3", rest) if rest else "")
    # A line break inside a paragraph (a cable's routing lines) is kept as a hard break, not run together.
    return re.sub(r"(?<!\n)[ \t]*\n(?!\n)", "\\\n", text)


def render(lesson: Lesson, fmt: str) -> str | bytes:
    """The lesson in one of FORMATS: the one place the CLI and the reading room turn a lesson into a file."""
    if fmt == "md":
        return to_markdown(lesson)
    if fmt == "html":
        return to_html(lesson)
    if fmt == "pdf":
        return to_pdf(lesson)
    if fmt == "json":
        return json.dumps(lesson.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csl-json":
        return json.dumps([csl(s.doc) for s in lesson.sources], indent=2, ensure_ascii=False) + "\n"
    if fmt in ("bibtex", "ris"):
        return "\n".join(cite(s.doc, fmt).rstrip("\n") + "\n" for s in lesson.sources)
    raise ValueError(f"unknown lesson format {fmt!r}; one of {', '.join(FORMATS)}")


def to_html(lesson: Lesson) -> str:
    """One self-contained page (styles inline, prints cleanly); every piece of source text is escaped."""
    return _templates().get_template("lesson.html").render(lesson=lesson, cite_short=cite_short, shown_label=shown_label)


@lru_cache(maxsize=1)
def _templates() -> Any:
    try:
        from jinja2 import Environment, PackageLoader, select_autoescape
    except ImportError as e:
        from readingroom.errors import ReadingroomError

        raise ReadingroomError("HTML output needs Jinja2", "pip install 'readingroom[publish]'") from e
    return Environment(loader=PackageLoader("readingroom.publish", "templates"), autoescape=select_autoescape())


def to_pdf(lesson: Lesson) -> bytes:
    """The same lesson as a PDF (reportlab, the `[publish]` extra)."""
    try:
        from readingroom.publish.pdf import render
    except ImportError as e:  # reportlab missing
        from readingroom.errors import ReadingroomError

        raise ReadingroomError("PDF output needs reportlab", "pip install 'readingroom[publish]'") from e
    return render(lesson)
