"""Sender and recipient from a heading of the form archives give letters and cables: "Evatt to Chifley",
"Cablegram from Menzies to Spender", "Mr S. M. Bruce, High Commissioner in London, to Mr J. A. Lyons, Prime
Minister" (Documents on Australian Foreign Policy).

Asked for, never guessed: many titles hold " to " that names no recipient ("Commission to Negotiate Peace",
"Minister to the United States"), so a bulk file's title is read this way only when the user maps it
(`--map correspondents=title`). A title with none of these forms gives nothing.
"""

from __future__ import annotations

import re

# A form's name before the correspondents: "Cablegram from", "Submission by", "LETTER, COSTAR TO BOTTOMLEY", "Telex
# Hay To Warwick Smith"; or, with no sender, "Cablegram to Canberra"
_FORMS = (r"(?:(?:circular|personal|secret|urgent|teleprinter|cable|radio)\s+)?(?:cablegram|telegram|telex|cable|letter|"
          r"minute|memorandum|despatch|dispatch|savingram|message|note|submission|report|instructions?)")
_HEAD = re.compile(rf"^{_FORMS}(?:\s+no\.?\s*\d+\w*)?(?:\s+(?P<by>from|by)\s+|,\s*|\s+)", re.I)  # SUBMISSION NO. 325,
_FORM_TO = re.compile(rf"^{_FORMS},?\s+to\s+", re.I)
# ", to " when the sender carries a role ("Mr R. G. Casey, Minister to the United States, to Mr John Curtin")
_AFTER_ROLE = re.compile(r",\s+to\s+", re.I)
_TO = re.compile(r"\s+to\s+", re.I)
MAX_NAME = 160
# Minutes, records and reports name a body or a meeting before " to ", not a writer
_NOT_A_SENDER = re.compile(r"\b(?:minutes|record|notes?|report|agend\w*|summary|meeting|draft|statement|conclusions|brief\w*|memorandum|address|speech|by|on)\b",
                           re.I)  # fmt: skip
# "Note by Mr S. M. Bruce … of Conversation with Lord Halifax": the note's subject follows the writer
_RECORD_OF = re.compile(r"\b(?:of|on|with)\s+(?:a\s+)?(?:conversations?|meetings?|discussions?|talks?|interviews?)\b", re.I)


def correspondents(title: str | None) -> tuple[str | None, str | None]:
    """(sender, recipient) named by a title, either None where it names none."""
    if not title:
        return None, None
    if lead := _FORM_TO.match(title):
        return None, _name(title[lead.end() :])
    head = _HEAD.match(title)
    rest = title[head.end() :] if head else title
    if head and rest[:1].islower() and not head["by"]:  # "Memorandum prepared for …": words, not a writer
        return None, None
    by_role = _AFTER_ROLE.split(rest)
    parts = by_role if len(by_role) == 2 else _TO.split(rest)
    if len(parts) != 2:  # "Cablegram from Canberra", "Note by Evans": a sender alone
        alone = head and head["by"] and len(parts) == 1 and not _RECORD_OF.search(rest) and not _FOR_SOMEONE.search(rest)
        return (_name(rest), None) if alone else (None, None)
    sender, recipient = (_name(p) for p in parts)
    if sender and _NOT_A_SENDER.search(sender) or head and head["by"] and _RECORD_OF.search(rest):
        return None, None
    return sender, recipient


def _name(part: str) -> str | None:
    part = re.sub(r"\s*\[\d+\]$", "", part).strip(" ,.;:")  # an editor's note mark: "Deschamps [1]"
    return part if part and len(part) <= MAX_NAME and not _FROM_OR_TO.match(part) else None


# "Submission by Department of External Affairs for Mr W.M. Hughes": written for someone, not by all of that
_FOR_SOMEONE = re.compile(r"\bfor\s+(?:Mr|Mrs|Dr|Sir|Lord|the|Australian|all)\b", re.I)
_FROM_OR_TO = re.compile(r"(?:from|to)\b", re.I)  # "Cablegram to from High Commission …": a slip, not a name
