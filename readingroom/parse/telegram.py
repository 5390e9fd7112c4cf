"""The routing header of a released telegram, as OCR gives it.

    O 190012Z APR 94                        precedence and date-time group ("0" and "2" are OCR slips)
    FM USMISSION USUN NEW YORK              sender
    TO SECSTATE WASHDC IMMEDIATE 5783       action addressee, its precedence and sequence number
    INFO AMEMBASSY KAMPALA PRIORITY ...     information addressees, one a line or comma-separated
    CONFIDENTIALUSUN NEW YORK 001628        classification run into the post's serial
    E.O. 12356: DECL:OADR / TAGS: / SUBJECT: / REF:

Page headers, routing codes and release stamps are interleaved with all of it; `is_noise` skips them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readingroom.parse.dates import parse_dtg
from readingroom.parse.lines import Line, collapse_ws
from readingroom.parse.marks import BANNER_RE, CLASSIFICATIONS, is_noise

PRECEDENCE = {"Z": "FLASH", "O": "IMMEDIATE", "0": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE", "NIACT": "NIACT"}
PRECEDENCE_WORDS = r"(?:NIACT\s+IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH|DESKBY\s+\S+)"
_MONTHS = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*"

DTG_LINE_RE = re.compile(rf"^\s*(?P<prec>[OPRZ0]{{1,2}})\s+(?P<dtg>\d{{6}}[Z27]\s+{_MONTHS}\s+\d{{2}})\s*$")
UK_DTG_RE = re.compile(rf"^\s*OF\s+(?P<dtg>\d{{6}}[Z27]\s+{_MONTHS}\s+\d{{2,4}})")
FM_RE = re.compile(r"^\s*(?:FM|FROM)\s+(?P<who>[A-Z].+)$")
TO_RE = re.compile(r"^\s*T[OD0](?:\s+|[$*](?=[A-Z]))(?P<who>.+)$")  # OCR: "TO$DEPARTMENT OF ENERGY*WASHDC"
INFO_RE = re.compile(r"^\s*INFO\s+(?P<who>.+)$")
TELNO_RE = re.compile(r"^\s*TELNO\s+(?P<n>\d+)")


def _letter_spaced(name: str) -> str:
    """"C O N F I D E N T I A L": how 1970s telegrams print their classification on the serial line."""
    return r"\s{1,3}".join(r"\s".join(word) for word in name.split())


# Longest first, so that UNCLAS does not stop short of UNCLASSIFIED, nor SECRET of TOP SECRET
_CLASS_ALTS = "|".join(
    [_letter_spaced(c) for c in CLASSIFICATIONS] + sorted([*CLASSIFICATIONS, "UNCLAS"], key=len, reverse=True)
)
SERIAL_RE = re.compile(rf"^\W{{0,2}}(?P<class>{_CLASS_ALTS})?\s*(?P<post>[A-Z][A-Z .]+?)\s+(?P<n>\d{{5,6}})\s*$")
# A section's serial line: "C O N F I D E N T I A L SECTION 02 OF 02 LONDON 03717"; OCR may run the next line of
# text onto it ("… KABUL 3173 AMORPHOUS BODY …"), which `split_run_on` cuts off
SECTION_RE = re.compile(
    rf"^\W{{0,2}}(?:(?P<class>{_CLASS_ALTS})\s+)?(?:[A-Z]+\s+)?SECTION\s+(?P<section>\d+)\s+OF\s+\d+"
    rf"(?:\s+(?P<post>[A-Z][A-Z .]*?)(?:\s+(?P<n>\d{{3,6}})(?P<rest>\s+\S.*?)?)?)?\s*$"
)  # a caveat may stand before SECTION (NODIS SECTION 01 OF 02), and OCR may lose the post
PAGE_HEADER_RE = re.compile(r"^\s*[A-Z]{2,8}\s+[A-Z]?\s*(?P<n>\d{5,6})\s+\d{6}[Z27]\s*$")
EO_RE = re.compile(r"^\s*E\.\s?[O0]\.?\s*(?P<eo>.+)$")
TAGS_RE = re.compile(r"^\s*TAGS\s*:\s*(?P<tags>.+)$")
SUBJECT_RE = re.compile(r"^\s*(?:SUBJECT|SUBJ|MIPT|SUBJECT/\w+)\s*:\s*(?P<subject>.+)$")
REF_RE = re.compile(r"^\s*REFS?\s*:\s*(?P<ref>.+)$")
PASS_RE = re.compile(r"\bPASS\b|^\S+(?:\s+\S+)?\s+FOR\s+")
_ADDRESSEE_RE = re.compile(r"^[A-Z][A-Z .'/&-]+$")
_ROUTED_RE = re.compile(rf"^[A-Z][A-Z .'/&-]+\s{PRECEDENCE_WORDS}(?:\s+\d+)?$")  # SECSTATE WASHDC PRIORITY 9285
# A section's serial number wrapped onto the line after it alone: part of the routing lines, not the body
_WRAPPED_SERIAL = re.compile(r"^\d{3,6}$")


def is_serial_line(line: str) -> bool:
    """The serial line (its classification, the sender's post and the cable's number) or a section's: the header
    says who sent the cable elsewhere, so its words name no one new."""
    s = line.strip()
    return bool(SECTION_RE.match(s) or SERIAL_RE.match(s))


def classification_named(raw: str | None) -> str | None:
    """The classification a serial line spells, in full: C O N F I D E N T I A L, UNCLAS."""
    if not raw:
        return None
    letters = re.sub(r"\s", "", raw)
    if letters == "UNCLAS":
        return "UNCLASSIFIED"
    return next((c for c in CLASSIFICATIONS if c.replace(" ", "") == letters), None)


@dataclass
class TelegramHeader:
    precedence: str | None = None
    dtg: str | None = None
    date: str | None = None
    sender: str | None = None
    recipient: str | None = None
    info: list[str] = field(default_factory=list)
    classification: str | None = None
    cable_number: str | None = None
    eo: str | None = None
    tags: list[str] = field(default_factory=list)
    subject: str | None = None
    references: list[str] = field(default_factory=list)
    pass_lines: list[str] = field(default_factory=list)
    header_lines: list[int] = field(default_factory=list)  # routing lines kept as the header block
    subject_lines: list[int] = field(default_factory=list)
    ref_lines: list[int] = field(default_factory=list)
    body_start: int = 0  # index of the first body line


def find_header(lines: list[Line]) -> int | None:
    """Index where a routing header starts, or None. Released cables put it first; some exports put it last."""
    for i, ln in enumerate(lines):
        if not (FM_RE.match(ln.text) or _lone_fm(lines, i)):
            continue
        near = lines[max(0, i - 6) : i + 4]
        if any(TO_RE.match(x.text) for x in near) or any(_is_dtg_line(x.text) for x in near):
            before = [j for j in range(max(0, i - 6), i) if _is_dtg_line(lines[j].text)]
            return before[0] if before else i
    return None


def _lone_fm(lines: list[Line], i: int) -> bool:
    """FM alone on its line, the sender on the next."""
    return lines[i].stripped == "FM" and i + 1 < len(lines) and _ADDRESSEE_RE.match(lines[i + 1].stripped) is not None


def split_run_on(lines: list[Line]) -> list[Line]:
    """Lines cut where OCR or an export ran two into one: a section's serial line and the text that goes on after
    it ("S E C R E T SECTION 2 OF 2 KABUL 3173 AMORPHOUS BODY …"), and a line of text and the FM that opens the
    next section's routing lines ("… THE SITUATION IN THE FM" before "AMEMBASSY BONN", "TO SECSTATE …")."""
    out: list[Line] = []
    for i, ln in enumerate(lines):
        cut = None
        if "SECTION" in ln.text and (m := SECTION_RE.match(ln.text)) and m["rest"]:  # most lines hold no SECTION
            cut = m.start("rest")
        elif ln.text.rstrip().endswith(" FM") and i + 2 < len(lines) and _ADDRESSEE_RE.match(lines[i + 1].stripped) \
                and any(TO_RE.match(x.text) for x in lines[i + 2 : i + 4]):  # fmt: skip
            cut = ln.text.rstrip().rfind("FM")
        if cut is None:
            out.append(ln)
            continue
        head, tail = ln.text[:cut].rstrip(), ln.text[cut:]
        lead = len(tail) - len(tail.lstrip())
        out.append(Line(ln.start, ln.start + len(head), head))
        out.append(Line(ln.start + cut + lead, ln.end, tail[lead:]))
    return out


def _is_dtg_line(s: str) -> bool:
    return bool(DTG_LINE_RE.match(s) or UK_DTG_RE.match(s))


def _addressee(s: str) -> str | None:
    """'SECSTATE WASHDC IMMEDIATE 5783' -> 'SECSTATE WASHDC'; OCR junk after the address is dropped. A second
    action addressee's line ends where the INFO list begins: 'USMISSION USUN NEW YORK INFO'."""
    s = re.sub(r"[*$]", " ", s)  # OCR: DEPARTMENT OF ENERGY*WASHDC
    s = re.sub(r"\s+INFO\s*$", "", s)
    s = re.sub(rf"\s+{PRECEDENCE_WORDS}(\s+\d+)?\s*$", "", s.strip())
    s = re.sub(rf"^{PRECEDENCE_WORDS}\s+", "", s)
    s = re.sub(r"\s+\d+\s*$", "", s)
    words = []
    for w in s.split():
        if not re.fullmatch(r"[A-Z][A-Z.'/&-]*", w):
            break
        words.append(w)
    return " ".join(words) or None


def parse_header(lines: list[Line], start: int = 0, stop: int | None = None) -> TelegramHeader:
    """Read header fields from `start` up to SUBJECT/REF; `body_start` is where the body resumes."""
    h = TelegramHeader()
    in_info = False
    unread = None  # the first line after the routing lines that is no header field
    i = start
    end = len(lines) if stop is None else stop
    while i < end:
        s = lines[i].text.strip()
        if _lone_fm(lines, i) and i + 1 < end:
            h.sender, in_info = _addressee(lines[i + 1].stripped), False
            h.header_lines += [i, i + 1]
            i += 2
            continue
        if not s or BANNER_RE.match(s) or is_noise(s) and not SUBJECT_RE.match(s):
            if PAGE_HEADER_RE.match(s) and not h.cable_number:
                h.cable_number = PAGE_HEADER_RE.match(s)["n"]  # type: ignore[index]
            i += 1
            continue
        if m := SUBJECT_RE.match(s):
            if s.upper().startswith("MIPT"):
                h.references.append("MIPT")
            i = _read_subject(lines, i, h, m["subject"])
            break
        if m := DTG_LINE_RE.match(s):
            h.precedence = PRECEDENCE.get(m["prec"][0])
            _set_dtg(h, m["dtg"])
        elif m := UK_DTG_RE.match(s):
            _set_dtg(h, m["dtg"])
        elif m := FM_RE.match(s):
            h.sender = _addressee(m["who"])
            in_info = False
        elif m := TO_RE.match(s):
            who = m["who"]
            if d := re.match(r"DESKBY\s+(\S+)\s+", who):
                h.precedence = "DESKBY"
                who = who[d.end() :]
            h.recipient = _addressee(who)
            in_info = True
        elif m := INFO_RE.match(s):
            h.info += [a for part in m["who"].split(",") if (a := _addressee(part))]
            in_info = True
        elif m := TELNO_RE.match(s):
            h.cable_number = m["n"]
        elif m := EO_RE.match(s):
            h.eo, in_info = collapse_ws(m["eo"]), False
        elif m := TAGS_RE.match(s):
            h.tags = [t for t in re.split(r"[,\s]+", m["tags"].strip()) if t]
        elif m := SECTION_RE.match(s):
            h.classification = h.classification or classification_named(m["class"])
            if int(m["section"]) == 1:  # a later section's serial is not the cable's number: History Lab's files
                h.cable_number = h.cable_number or m["n"]  # keep that header only, and their names say it better
            in_info = False
        elif (m := SERIAL_RE.match(s)) and (m["class"] or not _ADDRESSEE_RE.match(s)):
            h.classification = h.classification or classification_named(m["class"])
            h.cable_number = h.cable_number or m["n"]
            in_info = False
        elif PASS_RE.search(s):
            h.pass_lines.append(s)
            in_info = False
        elif in_info and (_ADDRESSEE_RE.match(s) or _ROUTED_RE.match(s)) and (a := _addressee(s)):
            h.info.append(a)
        else:
            if unread is None and h.header_lines and not _WRAPPED_SERIAL.match(s):
                unread = i
            i += 1
            continue
        h.header_lines.append(i)
        i += 1
    h.body_start = i
    if not h.subject_lines and unread is not None and stop is None:
        # No SUBJECT ended it: the header of a cable's second section (SECTION 02 OF 02), whose text goes on
        # after the routing lines. The header is those lines alone, and the body resumes at the first line that
        # is no header field, not at the end of the document (a signature, SALZMAN, had been read as one more
        # INFO addressee)
        return parse_header(lines, start, unread)
    return h


def _set_dtg(h: TelegramHeader, raw: str) -> None:
    parsed = parse_dtg(raw)
    if parsed:
        h.dtg, h.date = parsed


def _read_subject(lines: list[Line], i: int, h: TelegramHeader, first: str) -> int:
    """SUBJECT may wrap onto following lines; REF follows it. Returns the index of the first body line."""
    parts = [first.strip()]
    h.subject_lines.append(i)
    i += 1
    while i < len(lines) and _continues_header_field(lines[i].text):
        parts.append(lines[i].text.strip())
        h.subject_lines.append(i)
        i += 1
    h.subject = collapse_ws(" ".join(parts))
    while i < len(lines) and (lines[i].blank or is_noise(lines[i].text)):
        i += 1
    if i < len(lines) and (m := REF_RE.match(lines[i].text)):
        refs = [m["ref"].strip()]
        h.ref_lines.append(i)
        i += 1
        while i < len(lines) and _continues_header_field(lines[i].text):
            refs.append(lines[i].text.strip())
            h.ref_lines.append(i)
            i += 1
        h.references += [collapse_ws(r) for r in refs]
    return i


def _continues_header_field(s: str) -> bool:
    s = s.strip()
    if not s or is_noise(s) or REF_RE.match(s) or re.match(r"^\d{1,2}\s?\.", s):
        return False
    return bool(re.match(r"^[A-Z(]", s)) and s.upper() == s and len(s) < 80
