"""E-mail: `.eml` messages and `.mbox` folders. Headers become sender, recipient, date and subject; each
attachment is read by the reader for its type and stored as its own document, linked to its message."""

from __future__ import annotations

import email
import mailbox
import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import IO, cast

from readingroom.errors import ReadingroomError, UnreadableFile
from readingroom.ingest.registry import ReadOptions, choose
from readingroom.model import Document, Provenance

_HEADERS = ("From", "To", "Cc", "Date", "Subject")


class EmailReader:
    name = "email"
    version = "2"  # 2: a file not named .eml is mail only when it opens as a message does
    extensions = frozenset({".eml"})

    def score(self, path: Path, head: bytes) -> int:
        if path.suffix.lower() == ".eml":
            return 30
        return 15 if _starts_as_a_message(head) else 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        msg = email.message_from_bytes(data, policy=policy.default)
        yield from message_documents(msg, path.stem, path, options, self)  # type: ignore[arg-type]


class MboxReader:
    name = "mbox"
    version = "1"
    extensions = frozenset({".mbox", ".mbx"})

    def score(self, path: Path, head: bytes) -> int:
        if path.suffix.lower() in self.extensions:
            return 30
        return 20 if head.startswith(b"From ") and b"\nSubject:" in head[:4096] else 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        box = mailbox.mbox(str(path), factory=_parse_message, create=False)  # type: ignore[arg-type]  # any Message will do
        for i, msg in enumerate(box, 1):  # each one made by _parse_message; typeshed calls them mboxMessage
            yield from message_documents(cast(EmailMessage, msg), f"{path.stem}/{i}", path, options, self)


# A message saved under another name opens with its header block, and something in it only mail has: an address
# in From, or a header no memo carries. A memo's own DATE:, FROM:, TO:, SUBJECT: lines are not mail
# (FROM: AF - George Moose; the memo is text, read by the text reader).
_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:[ \t]|[ \t]+\S")
_MAIL_ONLY = re.compile(rb"^(?:message-id|mime-version|received|return-path|delivered-to|x-[a-z0-9-]+):", re.I | re.M)
_FROM_ADDRESS = re.compile(rb"^from:[^\n]*@[^\n]*\.", re.I | re.M)


def _starts_as_a_message(head: bytes) -> bool:
    block = head[:8192].lstrip(b"\r\n").replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    lines = block.split(b"\n")
    if not all(_HEADER_LINE.match(line) for line in lines) or not re.search(rb"^from:", block, re.I | re.M):
        return False
    return bool(_FROM_ADDRESS.search(block) or _MAIL_ONLY.search(block))


def _parse_message(f: IO[bytes]) -> EmailMessage:
    return cast(EmailMessage, email.message_from_binary_file(f, policy=policy.default))


def message_documents(msg: EmailMessage, source_id: str, path: Path, options: ReadOptions, reader: object) -> Iterator[Document]:
    header_lines = [f"{h}: {msg[h]}" for h in _HEADERS if msg[h]]
    if not header_lines:
        raise UnreadableFile(f"{path}: no e-mail headers (From, To, Date, Subject)", "check that it is an e-mail")
    body = _body(msg)
    attachments, errors = [], []
    for part in msg.iter_attachments():
        filename = part.get_filename() or "attachment"
        try:
            for doc in _attachment(part, filename, f"{source_id}/{filename}", path, options):
                attachments.append(doc)
        except ReadingroomError as e:
            errors.append(f"{filename}: {e}")
    text = "\n".join(header_lines) + "\n\n" + body.strip() + "\n"
    message = Document(
        text=text,
        source_id=source_id,
        genre="email",
        title=str(msg["Subject"]) if msg["Subject"] else None,
        date=_date(msg["Date"]),
        sender=_addresses(msg["From"]),
        recipient=_addresses(msg["To"]),
        subject=str(msg["Subject"]) if msg["Subject"] else None,
        provenance=Provenance(reader=getattr(reader, "name", "email"), reader_version="1"),
        metadata={"message_id": msg["Message-ID"], "attachments": [d.source_id for d in attachments],
                  "attachment_errors": errors, "cc": _addresses(msg["Cc"])},  # fmt: skip
    )
    yield message
    for doc in attachments:
        doc.metadata["attached_to"] = message.source_id
        doc.metadata["attached_to_id"] = message.id
        yield doc


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    if part.get_content_type() == "text/html":
        from readingroom.ingest.html import html_to_text

        return html_to_text(content.encode("utf-8"), "message body").body
    return str(content)


def _attachment(part: EmailMessage, filename: str, source_id: str, path: Path, options: ReadOptions) -> Iterator[Document]:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        data = payload
    else:  # a forwarded message (message/rfc822) is itself an e-mail
        data = cast(Message, part.get_payload(0)).as_bytes() if part.is_multipart() else part.as_bytes()
        filename = filename if filename.lower().endswith(".eml") else f"{filename}.eml"
    pseudo = Path(f"{path}#{filename}")
    reader = choose(Path(filename), data[:4096])
    for doc in reader.read(pseudo, data, options):
        doc.source_id = source_id
        yield doc


def _date(value: object) -> str | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(str(value)).date().isoformat()
    except (TypeError, ValueError):
        return None


def _addresses(value: object) -> str | None:
    if not value:
        return None
    pairs = getaddresses([str(value)])
    return "; ".join(f"{name} <{addr}>" if name else addr for name, addr in pairs) or None
