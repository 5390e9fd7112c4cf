"""Lesson packets and source citations wrapped around a transcription.

A packet (the seed is one) opens with a title and a headnote, lists guiding questions, then gives the
transcription, an end marker and a "Source:" citation. This module finds those parts; the transcription
between them is handed on to the cable parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readingroom.model import Citation, Paragraph
from readingroom.model import ParagraphKind as K
from readingroom.parse.dates import parse_written_date
from readingroom.parse.lines import Line, collapse_ws

QUESTIONS_RE = re.compile(r"^\s*(?:Guiding|Focus|Essential|Discussion)\s+Questions?\s*:?\s*$", re.I)
BULLET_RE = re.compile(r"^\s*(?:[•●▪*\-–—]|\d{1,2}[.)])\s+")
END_RE = re.compile(r"^\s*<<\s*END OF DOCUMENT\s*>>\s*$", re.I)
SOURCE_RE = re.compile(r"^\s*(?:Source|Citation)\s*:\s*(?P<rest>.*)$", re.I)


@dataclass
class PacketParse:
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str | None = None
    headnote: str | None = None
    questions: list[str] = field(default_factory=list)
    citation: Citation | None = None
    body: tuple[int, int] = (0, 0)  # line indexes [start, end) of the transcription
    end_marker: int | None = None


def looks_like_packet(lines: list[Line]) -> bool:
    return any(QUESTIONS_RE.match(ln.text) for ln in lines[:60])


def parse_packet(text: str, lines: list[Line]) -> PacketParse:
    out = PacketParse()
    q_at = next(i for i, ln in enumerate(lines[:60]) if QUESTIONS_RE.match(ln.text))
    content = [i for i in range(q_at) if not lines[i].blank]
    if content and len(lines[content[0]].stripped) <= 120:
        _add(out, text, lines, [content[0]], K.TITLE, "title")
        out.title = lines[content[0]].stripped
        content = content[1:]
    if content:
        _add(out, text, lines, content, K.HEADNOTE, "headnote")
        out.headnote = collapse_ws(" ".join(lines[i].text for i in content))
    i = q_at + 1
    while i < len(lines) and (lines[i].blank or BULLET_RE.match(lines[i].text)):
        if not lines[i].blank:
            _add_question(out, text, lines[i])
        i += 1
    end = len(lines)
    for j in range(i, len(lines)):
        if END_RE.match(lines[j].text) or SOURCE_RE.match(lines[j].text):
            end = j
            break
    out.body = (i, end)
    _read_tail(out, text, lines, end)
    return out


def _add(out: PacketParse, text: str, lines: list[Line], idx: list[int], kind: str, locator: str) -> None:
    start, end = lines[idx[0]].trimmed_span()[0], lines[idx[-1]].trimmed_span()[1]
    out.paragraphs.append(Paragraph(len(out.paragraphs), locator, kind, start, end, text[start:end]))


def _add_question(out: PacketParse, text: str, line: Line) -> None:
    m = BULLET_RE.match(line.text)
    start = line.start + (m.end() if m else 0)
    end = line.trimmed_span()[1]
    out.questions.append(text[start:end])
    locator = f"q{len(out.questions)}"
    out.paragraphs.append(Paragraph(len(out.paragraphs), locator, K.GUIDING_QUESTION, start, end, text[start:end]))


def _read_tail(out: PacketParse, text: str, lines: list[Line], j: int) -> None:
    while j < len(lines):
        if END_RE.match(lines[j].text):
            out.end_marker = j
        elif m := SOURCE_RE.match(lines[j].text):
            rest = [k for k in range(j + 1, len(lines)) if not lines[k].blank]
            start = lines[j].start + m.start("rest") if m["rest"].strip() else (lines[rest[0]].start if rest else None)
            if start is not None:
                end = lines[rest[-1]].trimmed_span()[1] if rest else lines[j].trimmed_span()[1]
                citation_text = text[start:end]
                out.citation = parse_citation(citation_text)
                out.paragraphs.append(Paragraph(0, "citation", K.CITATION, start, end, citation_text))
            return
        j += 1


_TITLE_RE = re.compile(r"[“\"](?P<title>[^”\"]+?)[.,]?[”\"]")
_URL_RE = re.compile(r"https?://\S+?(?=[.,;]?(?:\s|$))")
_NUMBER_RE = re.compile(r"\b(?:Cable|Telegram|Airgram|Memorandum|Document)\s+(?:number|no\.?|#)\s*(?P<n>[\w-]+)", re.I)
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bNo)\.\s+(?=[A-Z0-9“\"])")


def parse_citation(citation: str) -> Citation:
    """Split a Chicago-style archival citation into creator, identifier, recipient, title, archive, date, URL."""
    c = collapse_ws(citation)
    out = Citation(text=citation)
    title = _TITLE_RE.search(c)
    before = c[: title.start()] if title else c
    after = c[title.end() :] if title else ""
    if title:
        out.title = title["title"].strip()
    if url := _URL_RE.search(c):
        out.url = url.group(0)
    sentences = [s.strip(" .") for s in _SENTENCE_END.split(before) if s.strip(" .")]
    if sentences:
        out.creator = sentences[0]
    if n := _NUMBER_RE.search(before):
        out.identifier = n["n"]
    rest = [s.strip(" .") for s in _SENTENCE_END.split(after.replace(out.url or "\0", "")) if s.strip(" .")]
    if rest and not parse_written_date(rest[0]):
        out.archive = rest[0]
    out.date = parse_written_date(after) or parse_written_date(before)
    return out


def recipient_from_citation(citation: Citation) -> str | None:
    """'Cable number 099440 to U.S. Mission to the United Nations, New York' -> the addressee."""
    if not citation.text:
        return None
    c = collapse_ws(citation.text)
    title = _TITLE_RE.search(c)
    before = c[: title.start()] if title else c
    for sentence in _SENTENCE_END.split(before):
        if _NUMBER_RE.search(sentence) and (m := re.search(r"\bto\s+(?P<to>.+)$", sentence.strip(" ."))):
            return m["to"].strip()
    return None
