"""Lines with their offsets into the original text, so every parser can point back at what it read."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int  # excludes the newline and any trailing carriage return
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def trimmed_span(self) -> tuple[int, int]:
        """Offsets of the line without its leading and trailing white space."""
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text) - len(self.text.rstrip())
        return self.start + lead, self.end - trail


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    end = len(text) if end is None else end
    lines: list[Line] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        lines.append(Line(pos, line_end, text[pos:line_end]))
        pos = stop + 1 if nl >= 0 else end
    return lines


_WS = re.compile(r"\s+")


def collapse_ws(s: str) -> str:
    return _WS.sub(" ", s).strip()
