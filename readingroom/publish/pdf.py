"""A lesson as a printable PDF, laid out by reportlab's platypus (the `[publish]` extra).

Reportlab paragraphs read a small XML-like markup, so every piece of source text is escaped before it is set;
the transcription keeps its line breaks and is set in a fixed-width face, as a typescript cable reads.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

from readingroom.inquire import cite_short
from readingroom.publish.lesson import shown_label

if TYPE_CHECKING:
    from readingroom.publish.lesson import Lesson

_BASE = getSampleStyleSheet()
TITLE = ParagraphStyle("LessonTitle", parent=_BASE["Title"], alignment=TA_LEFT, fontSize=20, leading=24)
H2 = ParagraphStyle("LessonH2", parent=_BASE["Heading2"], spaceBefore=14)
H3 = ParagraphStyle("LessonH3", parent=_BASE["Heading3"], spaceBefore=8)
BODY = ParagraphStyle("LessonBody", parent=_BASE["BodyText"], fontName="Times-Roman", fontSize=11, leading=14.5)
HEADNOTE = ParagraphStyle("LessonHeadnote", parent=BODY, fontName="Times-Italic")
SOURCE = ParagraphStyle("LessonSource", parent=BODY, fontName="Courier", fontSize=9.5, leading=12.5,
                        leftIndent=8, spaceAfter=7)  # fmt: skip
QUOTE = ParagraphStyle("LessonQuote", parent=BODY, leftIndent=14, spaceAfter=2)
CITE = ParagraphStyle("LessonCite", parent=BODY, fontSize=9, leftIndent=14, textColor="#555555", spaceAfter=8)


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def render(lesson: Lesson) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=lesson.title, author="readingroom", leftMargin=2.2 * cm,
                            rightMargin=2.2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)  # fmt: skip
    story: list = [Paragraph(_text(lesson.title), TITLE)]
    if lesson.headnote:
        story.append(Paragraph(_text(lesson.headnote), HEADNOTE))
    if lesson.questions:
        story.append(Paragraph("Guiding questions", H2))
        items = [ListItem(Paragraph(_text(q), BODY)) for q in lesson.questions]
        story.append(ListFlowable(items, bulletType="1"))
    for n, s in enumerate(lesson.sources, 1):
        heading = s.doc.title or s.doc.subject or s.doc.source_id
        story.append(Paragraph(_text(f"Source {n}: {heading}" if len(lesson.sources) > 1 else f"Source: {heading}"), H2))
        for b in s.blocks:
            label = f"<b>¶ {escape(str(b.locator))}</b>  " if shown_label(b) else ""
            story.append(Paragraph(label + _text(b.text), SOURCE))
        cites = [Paragraph("How to cite this source", H3)]
        cites += [Paragraph(f"<b>{name}:</b> {_text(s.citations[style])}", BODY)
                  for name, style in (("Chicago", "chicago"), ("MLA", "mla"), ("APA", "apa"))]  # fmt: skip
        story.append(KeepTogether(cites))
    if lesson.evidence:
        story.append(Paragraph("Teacher's notes: evidence in the sources", H2))
        for question, groups in lesson.notes():
            story.append(Paragraph(_text(question), H3))
            for heading, evidence in groups:
                if heading:
                    story.append(Paragraph(f"<i>{_text(heading)}</i>", BODY))
                for e in evidence:
                    story += [Paragraph(_text(f"“{e.quote}”"), QUOTE), Paragraph(_text(cite_short(e)), CITE)]
            if not any(evidence for _, evidence in groups):
                story.append(Paragraph("No passage in these sources bears on this question.", BODY))
    story.append(Spacer(1, 12))
    doc.build(story)
    return out.getvalue()
