"""Marks that publishers, declassifiers and editors leave in a text: classification banners, portion
markings, elisions, redactions, editorial insertions, references to other cables, and OCR page furniture."""

from __future__ import annotations

import re

from readingroom.model import Span, SpanType

CLASSIFICATIONS = ("TOP SECRET", "SECRET", "CONFIDENTIAL", "LIMITED OFFICIAL USE", "UNCLASSIFIED", "RESTRICTED")
_CLASS = "|".join(CLASSIFICATIONS)
HANDLING_CAVEATS = ("NODIS", "EXDIS", "LIMDIS", "NOFORN", "ORCON", "STADIS", "CHEROKEE", "ROGER", "EYES ONLY")

# "CONFIDENTIAL" or "SECRET NODIS" alone on a line: a page banner, not text.
BANNER_RE = re.compile(rf"^\s*({_CLASS})(\s*[/ ]\s*({'|'.join(HANDLING_CAVEATS)}))*\s*$")
# "1. CONFIDENTIAL – ENTIRE TEXT." — the portion marking that opens most cables.
ENTIRE_TEXT_RE = re.compile(rf"(?P<class>{_CLASS})\s*(?:[-–—]+|\s)\s*ENTIRE\s+TEXT", re.I)
# History Lab trailers: "*** Current Classification *** CONFIDENTIAL".
TRAILER_RE = re.compile(r"^\s*\*{3}\s*Current\s+(?P<what>Classification|Handling Restrictions)\s*\*{3}\s*(?P<value>.*)$")

_BRACKET_RE = re.compile(r"\[([^\[\]\n]{1,200})\]")
_ELISION_RE = re.compile(r"^\s*(?:\.\s*){2,}\s*$|^\s*…\s*$")
_REDACTION_RE = re.compile(
    r"^\s*(?:\(?b\)?\s*\(?\d\)?(?:\s*\(?[a-z]\)?)?|redacted|excised|withheld|deleted|text not declassified.*)\s*$", re.I
)
REFERENCE_RE = re.compile(r"\b(?:REF(?:S|TEL)?\.?\s+(?P<letter>[A-H])\b|(?P<tel>REFTEL|SEPTEL))", re.I)

# A declassified document's release stamp, on every page of it (CIA's CREST: "Approved For Release 2001/03/04 :
# CIA-RDP79-00927A000100020001-4", "APPROVED FOR RELEASE: 06/06/2000 CIA-RDP86-…"; State's "RELEASED IN FULL";
# NARA's three lines "DECLASSIFIED", "Authority NND 969000", "By SW NARA Date 6/1/01"): furniture in any document,
# not only in a cable, and never mistaken for a sentence (each is a line of its own, with its number or date).
RELEASE_STAMP_RE = re.compile(
    r"^\W*(?:(?:Declassified in Part\s*-\s*)?Sanitized Copy\s+)?Approved\s+For\s+Release\s*[:.]?\s*\d{2,4}[/.-]\d{1,2}[/.-]\d{1,4}.*$"
    r"|^\W*CIA-RDP\d\d[\w-]*\W*$|^\s*RELEASED IN (?:FULL|PART)(?:\s+B\d.*)?\s*$"
    # NARA's lines, alone or run together on one line (the look-ahead: not an empty line)
    r"|^(?=\s*\S)\s*(?:DECLASSIFIED\s*)?(?:Authority\s+(?:NND|E\.?\s?O\.?)\s*[\d.]+\b\s*)?(?:By\s+\S.{0,30}\bNARA\b,?\s+Date\s+[\d/.-]+)?\s*$",
    re.I,
)

# Page furniture in OCR of released cables: page numbers, page headers, routing codes, release stamps.
NOISE_PATTERNS = [
    re.compile(r"^\s*PAGE\s+\d{1,3}\s*\.?\s*$", re.I),
    re.compile(r"^\s*[A-Z]{2,8}(?:\s+[A-Z])?\s+\d{4,6}\s+\d{6}[Z27]\s*$"),  # USUN N 01628 190012Z
    re.compile(r"^\s*[0-9A-F]{6}\s+\d{6}[Z27]\s+/\d{2}\s*$"),  # 3D4B5F 190012Z /38
    re.compile(r"^\s*(?:\d\s+)?-{6,}\s*(?:\d+\s+\d{6}Z|\d{6}Z\s+\d+)\s*/\d+\s*$"),  # -------042033Z 026554 /46
    re.compile(r"^\s*/\d{3}W\s*$"),
    re.compile(r"^\s*(?:ACTION|INFO)?\s*(?:[A-Z0-9]{1,5}-\d{2}\s*)+$"),  # EAP-01 ADS-00, INFO LOG-00 AF-01
    re.compile(r"^\s*ACTION\s+[A-Z0-9]{1,5}-\d{2}\s*$"),
    RELEASE_STAMP_RE,  # in a cable as in any document
    re.compile(r"^\s*UNITED STATES DEPARTMENT OF STATE\s*$", re.I),
    re.compile(r"^\s*(?:REVIEW AUTHORITY|DATE/CASE ID|CLASSIFIED BY|DECLASSIFIED|DECLASSIFY ON)\s*:.*$", re.I),
    re.compile(r"^\s*B\d(?:\s*,\s*B\d)*\s*$"),  # FOIA exemption codes in the margin
    re.compile(r"^\s*[\d\s]{1,8}$"),  # stray numbers
    re.compile(r"^\s*(?!TELNO)[A-Z]{2,8}\s+\d{4}\s*$"),  # UK telegram registry marks: MDHIAN 0193
]


# The patterns as one alternation (each keeps its own case flag): one match per line instead of eleven.
_NOISE_RE = re.compile("|".join(f"(?{'i' if p.flags & re.I else ''}:{p.pattern})" for p in NOISE_PATTERNS))


def is_noise(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if len(s) <= 3 and not re.match(r"^\d{1,2}\.$", s):
        return True
    if re.match(r"^[\W_]+$", s):
        return True
    return _NOISE_RE.match(s) is not None


def bracket_spans(text: str) -> list[Span]:
    """Elisions "[...]", redactions "[b(1)]" and editorial insertions "[Secretary-General]"."""
    spans: list[Span] = []
    for m in _BRACKET_RE.finditer(text):
        inner = m.group(1)
        if _ELISION_RE.match(inner):
            kind = SpanType.ELISION
        elif _REDACTION_RE.match(inner):
            kind = SpanType.REDACTION
        else:
            kind = SpanType.EDITORIAL_INSERTION
        spans.append(Span(m.start(), m.end(), kind, m.group(0), value=inner.strip()))
    return spans


def reference_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    spans = []
    for m in REFERENCE_RE.finditer(text, start, len(text) if end is None else end):
        label = f"Ref {m['letter'].upper()}" if m["letter"] else m["tel"].upper()
        spans.append(Span(m.start(), m.end(), SpanType.REFERENCE, m.group(0), value=label))
    return spans


def classification_of(s: str) -> str | None:
    up = s.upper()
    for c in CLASSIFICATIONS:
        if up.startswith(c):
            return c
    return None
