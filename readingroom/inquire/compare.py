"""What a compare question compares, and which passages speak of each.

"How did the Greek government and the PASOK deputies differ on …?" compares two parties; a historian lays the
evidence out under each, and under both where a passage names both (the sharpest evidence of a difference). The
things compared are read from the question's grammar ("compare A and B", "between A and B", "how did A and B
differ", "contrast A with B"); a passage speaks of one when it holds the words that name it: its proper name
("PASOK" of "the PASOK deputies", not "deputies"), for a nationality its country too ("Greek" → GREECE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from readingroom.enrich.entities.lists import nationalities

_TOPIC = r"(?:on|over|in|about|at|regarding|concerning|during|toward|towards)"  # what the parties differ on
_STOP = rf"(?=\s+(?:{_TOPIC}|when|after|before|from|since)\b|[?.,;:]|$)"
_PATTERNS = (
    re.compile(rf"\bbetween\s+(?P<a>.+?)\s+and\s+(?P<b>.+?){_STOP}", re.I),
    re.compile(rf"\b(?:compare|contrast)(?:s|d|ed)?\s+(?P<a>.+?)\s+(?:and|with|to)\s+(?P<b>.+?){_STOP}", re.I),
    re.compile(r"\b(?:did|do|does|were|are|was|is)\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+"
               r"(?:differ|compare|contrast|disagree|diverge|agree|similar|alike)", re.I),  # fmt: skip
)
_PLACE_OR_TOPIC = re.compile(rf"\s+{_TOPIC}\s.*$", re.I)
# Words that say what is compared about each party, not who the party is: "the positions of A", "A's views".
_ASPECTS = (r"(?:positions?|views?|policies|policy|attitudes?|approach(?:es)?|arguments?|stances?|reactions?|"
            r"responses?|interests?|aims?|goals?|proposals?|plans?|claims?|roles?|accounts?|treatment)")  # fmt: skip
_ASPECT = re.compile(rf"^(?:the\s+)?(?:{_ASPECTS}\s+of\s+)?(?:the\s+)?", re.I)
_ASPECT_AFTER = re.compile(rf"(?:'s|’s)?(?:\s+{_ASPECTS}\b.*)?$", re.I)
_FILLER = frozenset("the a an of and his her their its s".split())


@dataclass(frozen=True)
class Subject:
    label: str  # as the question writes it, what is compared about it left out: "the Greek government"
    words: tuple[str, ...]  # lower case; a passage holding one speaks of it


def compared(question: str) -> list[Subject]:
    """The two things a compare question compares, or none when its grammar does not say."""
    for pattern in _PATTERNS:
        if m := pattern.search(question):
            a_text, b_text = _shared_noun(m["a"], m["b"]), m["b"]
            a, b = _words(a_text), _words(b_text)
            shared = set(a) & set(b)  # words both name tell neither apart
            a, b = tuple(w for w in a if w not in shared), tuple(w for w in b if w not in shared)
            if a and b:
                first, second = _label(a_text), _label(b_text)
                aspect = _ASPECT_AFTER.search(b_text)
                if first.startswith("the ") and not second.startswith("the ") and (a_text != m["a"] or aspect and aspect[0]):
                    second = f"the {second}"  # "the British and French positions": the article is both's
                return [Subject(first, a), Subject(second, b)]
    return []


def _shared_noun(a: str, b: str) -> str:
    """"the Greek and the Turkish Cypriots": a nationality alone before "and" shares the noun after the other's."""
    countries = _countries_by_nationality()
    first, second = _label(a).split(), _label(b).split()
    first = first[1:] if first[:1] == ["the"] else first
    second = second[1:] if second[:1] == ["the"] else second
    if len(first) == 1 and first[0].lower() in countries and len(second) > 1 and second[0].lower() in countries:
        return f"{a.rstrip()} {' '.join(second[1:])}"
    return a


def _label(text: str) -> str:
    """The party alone: "the positions of the G-77" → G-77, "Kennan's view of Soviet power" → Kennan, "French
    positions on the Moroccan question" → French."""
    text = _PLACE_OR_TOPIC.sub("", text.strip())
    party = _ASPECT_AFTER.sub("", _ASPECT.sub("", text), count=1).strip() or text
    return f"the {party}" if re.search(rf"\bthe\s+{re.escape(party)}", text, re.I) else party


def _words(text: str) -> tuple[str, ...]:
    """The words that name a party: a proper name whole ("united states", not "united", which also names the
    United Nations), a party named by common words whole too ("extreme left": "left" alone is a verb as often),
    else its capitalised words ("PASOK" of "the PASOK deputies", "greek" of "the Greek government": "deputies"
    and "government" name any party); a nationality also by its country ("greece")."""
    tokens = [t for t in re.findall(r"[\w\-]+", _label(text)) if t.lower() not in _FILLER]
    proper = [t for t in tokens if t[:1].isupper() or t[:1].isdigit()]
    countries = _countries_by_nationality()
    if not proper or len(proper) == len(tokens) > 1:
        words = [" ".join(tokens).lower()] + [t.lower() for t in tokens if t.lower() in countries]
    else:
        words = [t.lower() for t in proper]
    return tuple(dict.fromkeys(words + [countries[w] for w in words if countries.get(w)]))


@lru_cache(maxsize=1)
def _countries_by_nationality() -> dict[str, str]:
    return {adjective.lower(): country.lower() for adjective, country in nationalities().items() if country}


def speaks_of(text: str, subject: Subject) -> bool:
    lowered = text.lower()
    return any(re.search(rf"(?<![\w\-]){re.escape(w)}(?![\w\-])", lowered) for w in subject.words)
