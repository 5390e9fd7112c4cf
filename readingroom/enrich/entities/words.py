"""Words as the tagger reads them: tokens keyed in upper case (possessive and final full stop removed), the titles
that stand before a name, and the small tests of a word's form every stage of the tagger asks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TITLES = (
    "PRESIDENT", "VICE PRESIDENT", "PRIME MINISTER", "DEPUTY PRIME MINISTER", "FOREIGN MINISTER", "FONMIN",
    "MINISTER", "MININT", "MININTERIOR", "MINDEF", "DEFMIN", "AMBASSADOR", "AMB", "AMB.", "CHARGE", "GENERAL", "GEN",
    "GEN.", "LT. GEN.", "MAJ. GEN.", "BRIG. GEN.", "COLONEL", "COL", "COL.", "MAJOR", "MAJ.", "CAPTAIN", "CAPT.",
    "ADMIRAL", "ADM.", "MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "SENATOR", "SEN.", "CONGRESSMAN",
    "REPRESENTATIVE", "REP.", "KING", "QUEEN", "PRINCE", "PRINCESS", "SHEIKH", "SHAH", "EMIR", "SULTAN", "SECRETARY",
    "SECRETARY GENERAL", "UNDER SECRETARY", "ASSISTANT SECRETARY", "DEPUTY SECRETARY", "CHAIRMAN", "DIRECTOR",
    "GOVERNOR", "MAYOR", "BISHOP", "ARCHBISHOP", "CARDINAL", "POPE", "CHANCELLOR", "PREMIER", "SPEAKER", "JUDGE",
    "JUSTICE", "PROFESSOR", "PROF.", "FATHER", "REV.", "LORD", "SIR", "DEPUTY", "COMMANDER", "MARSHAL", "FIELD MARSHAL",
)  # fmt: skip


_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’])*\.?|\d+")  # letters of any alphabet: Chargé, Pérez are one word each


POSSESSIVE = re.compile(r"(?:'S|’S|'|’)$")
MAX_NAME = 6
PRONOUNS = frozenset("HE HIS HIM SHE HER IT ITS THEY THEIR THEM WE OUR I MY ME YOU YOUR".split())


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    key: str  # upper case, possessive and trailing period removed
    raw: str


def ends_sentence(tok: Token) -> bool:
    """A token carrying a full stop that is not an abbreviation's (U.S., MR., GEN.)."""
    if not tok.raw.endswith("."):
        return False
    return not ("." in tok.key or len(tok.key) == 1 or tok.key in SHORT_FORMS or (tok.key + ".",) in known_titles())


# Two-letter words that take a full stop of their own (JOHN SMITH JR., ACME CO.); any other — THE UN., THE US. —
# ends its sentence there. One letter is an initial (HARRY S. TRUMAN).
SHORT_FORMS = frozenset("JR SR CO ST MT FT LT NO DR MR MS VS PP OP".split())


def tokens(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        key = POSSESSIVE.sub("", raw.upper().replace("’", "'"))
        out.append(Token(m.start(), m.end(), key.rstrip("."), raw))
    return out


@lru_cache(maxsize=1)
def known_titles() -> dict[tuple[str, ...], str]:
    return {tuple(t.key for t in tokens(title)): title for title in TITLES}


def capitalised(word: str) -> bool:
    """Kellogg, an initial (B.), not an acronym (GM, FONMIN) nor a lower-case word."""
    letters = word.rstrip(".")
    return letters[:1].isupper() and (len(letters) == 1 or any(c.islower() for c in letters))


def mostly_upper(text: str) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def letter(tok: Token) -> bool:
    return len(tok.key) == 1 and tok.raw.endswith(".")


def owns(tok: Token) -> bool:
    """AMIN'S, NIMEIRI’S, WORKERS': a possessive."""
    return POSSESSIVE.search(tok.raw.upper()) is not None


def after_owner(toks: list[Token]) -> list[Token]:
    """VENEZUELA'S PEREZ, EDA'S ELIAS ILIOU: the person is the one named after the possessive."""
    owned = [k for k, t in enumerate(toks[:-1]) if owns(t)]
    return toks[owned[-1] + 1 :] if owned else toks


def title_length(keys: tuple[str, ...]) -> int:
    """Words in the longest title that opens `keys`; 0 if none does. ACTING SECRETARY is a title of its own (the
    Acting Secretary of State signs "Grew", the Secretary "Kellogg")."""
    if keys[:1] == ("ACTING",) and (n := title_length(keys[1:])):
        return n + 1
    return max((len(t) for t in known_titles() if keys[: len(t)] == t), default=0)
