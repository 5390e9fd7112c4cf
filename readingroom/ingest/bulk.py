"""Bulk metadata files: JSONL (one JSON object a line) and CSV (a header row). One document per record.

Columns map to document fields with `--map title=subject,date=authored,text=body`; without a map the usual
names are tried (text/body/content, title/subject, date/doc_date, id/doc_num). `--map correspondents=title`
reads sender and recipient from a column that names them ("Evatt to Chifley"; parse/correspondents.py). A bad record is reported and
skipped; the rest of the file is ingested.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from readingroom.errors import PartialFile, UnreadableFile
from readingroom.ingest.decode import decode, refuse_binary
from readingroom.ingest.registry import ReadOptions
from readingroom.model import Document, Provenance
from readingroom.parse.correspondents import correspondents
from readingroom.parse.dates import date_field

DEFAULTS = {
    "text": ("text", "body", "content", "full_text", "document"),
    "title": ("title", "subject", "headline"),
    "date": ("date", "doc_date", "authored", "created"),
    "id": ("id", "source_id", "doc_id", "identifier", "doc_num"),
    "sender": ("sender", "from", "author"),
    "recipient": ("recipient", "to"),
    "collection": ("collection", "vol_title", "volume", "series"),
    "classification": ("classification",),
}
FIELDS = tuple(DEFAULTS)
# `--map correspondents=title`: sender and recipient read from a column that names them ("Evatt to Chifley")
MAP_FIELDS = (*FIELDS, "correspondents")


def record_document(record: dict[str, Any], index: int, path: Path, options: ReadOptions, reader: str) -> Document:
    mapping = dict(options.field_map)
    values = {f: _pick(record, f, mapping) for f in FIELDS}
    text = _text(values.pop("text"))
    if not text or not text.strip():
        # The file and the record are named by the caller; what helps is the columns there are to choose from
        columns = ", ".join(map(str, record)) or "none"
        if "text" in mapping and mapping["text"] not in record:
            raise UnreadableFile(f"no column '{mapping['text']}' (its columns: {columns})",
                                 "name one of them with --map text=COLUMN")  # fmt: skip
        raise UnreadableFile(f"no text (its columns: {columns})", "name the text column with --map text=COLUMN")
    used = {mapping.get(f) for f in FIELDS} | {c for f in FIELDS for c in DEFAULTS[f]}
    rid = values.pop("id")
    metadata = {k: v for k, v in record.items() if k not in used}
    if "correspondents" in mapping:
        named = correspondents(_str(record.get(mapping["correspondents"])))
        for field, name in zip(("sender", "recipient"), named, strict=True):
            if name and not values[field]:
                values[field] = name
                metadata[f"{field}_from"] = mapping["correspondents"]  # the sourcing card says where it came from
    written = _str(values["date"])
    date, unread = date_field(written) if written else (None, None)
    if written and date != written:  # the file's own spelling is kept beside the date read from it, or instead
        metadata["date_as_written"] = written
        if unread:
            metadata["date_unread"] = unread
    return Document(
        text=text,
        source_id=f"{path.stem}/{rid if rid not in (None, '') else index}",
        title=_str(values["title"]),
        date=date,
        sender=_str(values["sender"]),
        recipient=_str(values["recipient"]),
        collection=_str(values["collection"]),
        classification=_str(values["classification"]),
        provenance=Provenance(reader=reader, reader_version="1", locator_in_file=f"record {index}"),
        metadata=metadata,
    )


def _text(value: Any) -> str | None:
    """A record's text: a string as it is, a list of strings as paragraphs (one blank line between); anything else
    is no text to read, not its Python form ("['First.', 'Second.']" or "{'en': …}" had been stored as the text)."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    if isinstance(value, (dict, list)):
        raise UnreadableFile(f"its text is a JSON {'object' if isinstance(value, dict) else 'list of non-strings'}, not a string",
                             "map a column that holds the text as a string with --map text=FIELD")  # fmt: skip
    return None if value is None else str(value)


def _pick(record: dict[str, Any], field: str, mapping: dict[str, str]) -> Any:
    if field in mapping:
        return record.get(mapping[field])
    return next((record[c] for c in DEFAULTS[field] if record.get(c) not in (None, "")), None)


def _str(v: Any) -> str | None:
    """A field's value as text: several values (two senders) joined by "; ", an object as JSON — not as Python
    spells them ("['Evatt', 'Chifley']", "{'name': …}" had been stored so)."""
    if isinstance(v, list) and not any(isinstance(x, (list, dict)) for x in v):
        v = "; ".join(str(x).strip() for x in v if x not in (None, ""))
    elif isinstance(v, (list, dict)):
        v = json.dumps(v, ensure_ascii=False)
    return str(v).strip() or None if v not in (None, "") else None


def _documents(path: Path, records: Iterator[tuple[int, Any]], options: ReadOptions, reader: str, unit: str) -> Iterator[Document]:
    """One document per record; bad records are skipped, then reported together after the good ones."""
    bad: list[str] = []
    hints: set[str | None] = set()
    for i, record in records:
        try:
            if isinstance(record, Exception):
                raise record
            if not isinstance(record, dict):
                raise ValueError("not an object")
            yield record_document(record, i, path, options, reader)
        except UnreadableFile as e:
            bad.append(f"{unit} {i}: {e.message}")
            hints.add(e.hint)
        except ValueError as e:
            bad.append(f"{unit} {i}: {e}")
            hints.add(None)
    if bad:
        # One cause for them all (no text column) has one fix; mixed causes are fixed record by record
        hint = (next(iter(hints)) if len(hints) == 1 else None) or f"fix those {unit}s and ingest again"
        raise PartialFile(f"{path}: {len(bad)} bad record{'s' if len(bad) > 1 else ''} skipped ({bad[0]})", hint)


class JsonlReader:
    name = "jsonl"
    version = "1"
    extensions = frozenset({".jsonl", ".ndjson"})

    def score(self, path: Path, head: bytes) -> int:
        return 30 if path.suffix.lower() in self.extensions else 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text, _ = decode(data, str(path))
            lines: Iterable[bytes | str] = text.split("\n")
        else:
            body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
            refuse_binary(body, str(path), "JSON lines")
            # Line by line from the bytes, not one decoded copy of the whole file split into a list: a file of
            # 50 MB then costs a record's memory, not half a gigabyte. Lines end at "\n" only, as JSON Lines
            # says (a U+2028 inside a JSON string is not a line break).
            lines = io.BytesIO(body)
        yield from _documents(path, _json_lines(lines), options, self.name, "line")


def _json_lines(lines: Iterable[bytes | str]) -> Iterator[tuple[int, Any]]:
    for i, raw in enumerate(lines, 1):
        try:
            line = raw if isinstance(raw, str) else _decode_line(raw)
        except ValueError as e:
            yield i, e
            continue
        if line.strip():
            try:
                yield i, json.loads(line)
            except ValueError as e:
                yield i, e


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")  # as `decode` falls back for a whole file
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 or cp1252 text") from None


class CsvReader:
    name = "csv"
    version = "1"
    extensions = frozenset({".csv", ".tsv"})

    def score(self, path: Path, head: bytes) -> int:
        return 30 if path.suffix.lower() in self.extensions else 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        csv.field_size_limit(options.max_text_chars)
        text: io.TextIOBase
        encoding = _stream_encoding(data)
        if encoding is None:  # UTF-16, or not UTF-8: decoded whole, with decode's checks and messages
            text = io.StringIO(decode(data, str(path))[0])
        else:  # rows decoded as they are read: a large CSV is never held as one string
            refuse_binary(data, str(path), "CSV")
            text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
        rows = csv.reader(text, delimiter="\t" if path.suffix.lower() == ".tsv" else ",", strict=True)
        yield from _documents(path, _csv_records(rows, str(path)), options, self.name, "row")


def _csv_records(rows: Any, path: str) -> Iterator[tuple[int, Any]]:
    """Each row as a record keyed by the header, numbered as before (the header is row 1, blank lines not
    counted). A row whose quoting is broken, or that has more fields than the header, is an error, never a record
    read another way: "A2,Two,Second, with an unquoted comma" had been stored as "Second", the rest dropped, and
    a quote never closed had taken in every row after it, unreported. A row with fewer fields has the rest empty."""
    try:
        header = next(rows, None)
    except csv.Error as e:
        raise UnreadableFile(f"{path}: its header row cannot be read ({e})", "fix the header's quoting") from None
    if header is None:
        return
    number = 1
    while True:
        line = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            number += 1
            yield number, ValueError(f"broken quoting{_at(line, number)} ({e}): a quote opened and never closed, or "
                                     f"text after a closing quote")  # fmt: skip
            continue
        if not row:
            continue
        number += 1
        if len(row) > len(header):
            yield number, ValueError(f"{len(row)} fields where the header has {len(header)}{_at(line, number)}: a "
                                     f"field holding a comma must be quoted")  # fmt: skip
            continue
        yield number, dict(zip(header, row + [None] * (len(header) - len(row)), strict=True))


def _at(line: int, number: int) -> str:
    """Where a row starts in the file, when a field running over several lines has made it another line."""
    return f" (line {line})" if line != number else ""


def _stream_encoding(data: bytes) -> str | None:
    """'utf-8-sig' if the whole file is valid UTF-8 (checked a megabyte at a time, keeping nothing), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    check = codecs.getincrementaldecoder("utf-8")()
    try:
        for first in range(0, len(data), 1 << 20):
            check.decode(data[first : first + (1 << 20)])
        check.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return "utf-8-sig"
