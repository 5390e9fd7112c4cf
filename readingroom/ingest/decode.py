"""Bytes to text without mojibake: UTF-8 (with or without BOM), UTF-16 with BOM, then cp1252.

Anything else is refused with a clear error rather than stored garbled.
"""

from __future__ import annotations

import codecs
import re

from readingroom.errors import DecodingError, EmptyDocument


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Raises DecodingError for binary or undecodable input."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16"
    refuse_binary(data, name)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError as e:
            raise DecodingError(
                f"{name}: not UTF-8, UTF-16 or cp1252 (byte {e.start})", "convert it to UTF-8 and ingest again"
            ) from None
    if _control_ratio(text) > 0.05:
        raise DecodingError(f"{name}: looks binary (control characters), not text", "check the file type")
    if not text.strip():
        raise EmptyDocument(f"{name}: file is empty", "nothing to ingest; remove it or supply the text")
    return text, encoding


def refuse_binary(data: bytes, name: str, kind: str = "text") -> None:
    """Text files hold no NUL bytes: one near the start means a binary file under a text name."""
    if b"\x00" in data[:8192]:
        raise DecodingError(f"{name}: looks binary (NUL bytes), not {kind}", "check the file type or extension")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise DecodingError(f"{name}: invalid {encoding} at byte {e.start}", "re-save the file as UTF-8") from None


# C0 controls other than whitespace, DEL and the C1 controls: what text files do not hold.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)
