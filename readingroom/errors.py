"""Typed errors with stable codes and a remedy.

Every error a user can cause says what went wrong and how to fix it in one line. The CLI maps them to exit
codes; later the REST API maps them to one JSON error shape.
"""

from __future__ import annotations


class ReadingroomError(Exception):
    code = "RR000"
    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} — {self.hint}" if self.hint else self.message


class UnreadableFile(ReadingroomError):
    """A file that no reader can turn into a document: the batch goes on without it."""

    code = "RR100"


class UnsupportedFormat(UnreadableFile):
    code = "RR101"


class DecodingError(UnreadableFile):
    code = "RR102"


class EmptyDocument(UnreadableFile):
    code = "RR103"


class UnsafeInput(UnreadableFile):
    """Input that tries to make the parser do something dangerous (entity bombs, external entities)."""

    code = "RR104"


class TooLarge(UnreadableFile):
    code = "RR105"


class PartialFile(UnreadableFile):
    """Some records or attachments of a file were bad; the good ones were read and are in `documents`."""

    code = "RR107"

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message, hint)
        self.documents: list = []


class NotFound(ReadingroomError):
    code = "RR200"


class QuerySyntaxError(ReadingroomError):
    code = "RR300"
    exit_code = 2


class EmptyQuestion(QuerySyntaxError):
    """A question with no words in it: a usage error wherever it is asked (exit 2, HTTP 400)."""

    code = "RR301"


class StoreError(ReadingroomError):
    code = "RR400"


class SchemaTooNew(StoreError):
    code = "RR401"


class CannotStore(StoreError):
    """One document this store cannot hold as it is (PostgreSQL and NUL characters): the batch goes on."""

    code = "RR402"


class QuoteNotInSource(ReadingroomError):
    """Raised when a quotation fails verification: it is a bug, never shown to a user as evidence."""

    code = "RR500"
