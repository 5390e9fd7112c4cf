"""The seam between the store's SQL and the database that runs it: SQLite (embedded, the default) or PostgreSQL.

The store writes one dialect — SQLite's `?` placeholders, `ON CONFLICT` upserts, `RETURNING`, `"end"` quoted
because PostgreSQL reserves the word — which both databases accept once the PostgreSQL side turns `?` into
`%s`. What cannot be written once (a JSON field, the integrity check, the write lock) is a method here.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any, Protocol

from readingroom.errors import CannotStore, StoreError


class Rows(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def transaction(self) -> Any:
        """A context manager around one write transaction; it commits on leaving, rolls back on an error."""
        ...

    def serialise_writes(self) -> None:
        """Inside a transaction: wait for other writers' transactions to end first."""
        ...

    def refuse_unstorable(self, name: str, texts: Iterable[str | None]) -> None:
        """Raise CannotStore if the database cannot hold these strings exactly as they are."""
        ...

    def follow_explicit_ids(self, table: str, column: str) -> None:
        """After rows were written with their ids given: new rows get ids after the highest."""
        ...

    def json_field(self, column: str, key: str) -> str:
        """SQL for one key of a JSON text column, as JSON text."""
        ...

    def json_text(self, column: str, *path: str) -> str:
        """SQL for a string inside a JSON text column (`data`, "provenance", "sha256"), as plain text."""
        ...

    def integrity_problems(self) -> list[str]: ...

    def close(self) -> None: ...


class SQLiteDatabase:
    def __init__(self, path: str):
        if sqlite3.sqlite_version_info < (3, 35):  # RETURNING, and multi-row INSERTs of 5,000 values
            raise StoreError(f"SQLite {sqlite3.sqlite_version} is too old for readingroom (3.35 or newer)",
                             "use a Python built with a newer SQLite (3.11 from python.org or Debian 12 has one)")  # fmt: skip
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 30000")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.conn.in_transaction:  # already inside one: join it
            yield
            return
        # IMMEDIATE takes the write lock now, so two writers queue instead of failing at their first write.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    def serialise_writes(self) -> None:
        pass  # BEGIN IMMEDIATE already holds the file's one write lock

    def refuse_unstorable(self, name: str, texts: Iterable[str | None]) -> None:
        pass  # SQLite's TEXT holds any string

    def follow_explicit_ids(self, table: str, column: str) -> None:
        pass  # an INTEGER PRIMARY KEY always takes the highest plus one

    def json_field(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"

    def json_text(self, column: str, *path: str) -> str:
        return f"json_extract({column}, '$.{'.'.join(path)}')"

    def integrity_problems(self) -> list[str]:
        return [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]

    def close(self) -> None:
        self.conn.close()


_PLACEHOLDER = re.compile(r"'[^']*'|\?|%")


def postgres_sql(sql: str) -> str:
    """SQLite's `?` placeholders as psycopg's `%s`; a literal `%` doubled; quoted strings left alone."""

    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    return _PLACEHOLDER.sub(swap, sql)


class PostgresDatabase:
    """One psycopg connection in autocommit mode; transactions are explicit. A connection the server dropped
    (a restart, a failover, an idle timeout) is opened again: at once if it was found broken before a statement,
    and by retrying a read that failed because of it. A write that failed that way is reported, never retried,
    since it may have been committed before the connection went."""

    def __init__(self, url: str):
        self.url = url
        self.conn = self._connect()
        self._sql: dict[str, str] = {}
        self._depth = 0  # open transactions, the joined ones counted
        self._locked = False  # this transaction holds the writers' advisory lock

    def _connect(self) -> Any:
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def _translate(self, sql: str) -> str:
        out = self._sql.get(sql)
        if out is None:
            out = self._sql[sql] = postgres_sql(sql)
        return out

    def _usable(self) -> Any:
        if self.conn.broken and not self._depth:
            self.conn = self._connect()
        return self.conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        import psycopg

        query = self._translate(sql)
        try:
            return self._usable().execute(query, tuple(params))  # type: ignore[no-any-return]
        except psycopg.OperationalError as e:
            if not self.conn.broken:
                raise
            if self._depth or not sql.lstrip().upper().startswith("SELECT"):
                raise StoreError(f"lost the connection to PostgreSQL ({last_line(e)})",
                                 "try again; the change may or may not have been made") from None  # fmt: skip
            return self._usable().execute(query, tuple(params))  # type: ignore[no-any-return]

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._usable().cursor() as cur:
                cur.executemany(self._translate(sql), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        import psycopg

        if self._depth:  # already inside one (a batch of documents): join it, as SQLite does
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._locked = False
        with ExitStack() as stack:
            try:
                stack.enter_context(self._usable().transaction())
            except psycopg.OperationalError:
                if not self.conn.broken or self._depth:
                    raise
                stack.enter_context(self._usable().transaction())  # BEGIN found it dropped: nothing was done yet
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1

    def serialise_writes(self) -> None:
        if not self._locked:  # once a transaction: it is held until the transaction ends
            self.conn.execute("SELECT pg_advisory_xact_lock(7267798)")
            self._locked = True

    def refuse_unstorable(self, name: str, texts: Iterable[str | None]) -> None:
        if any("\x00" in t for t in texts if t):  # stripping them would alter the source: refuse instead
            raise CannotStore(f"{name} contains NUL characters, which PostgreSQL cannot store",
                              "remove them from the file, or keep this archive in SQLite")  # fmt: skip

    def follow_explicit_ids(self, table: str, column: str) -> None:
        self.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                     f" (SELECT coalesce(max({column}), 0) + 1 FROM {table}), false)")  # fmt: skip

    def json_field(self, column: str, key: str) -> str:
        return f"(({column})::json -> '{key}')::text"

    def json_text(self, column: str, *path: str) -> str:
        return f"(({column})::json #>> '{{{','.join(path)}}}')"

    def integrity_problems(self) -> list[str]:
        return []  # PostgreSQL checks its own pages; nothing for a client to ask

    def close(self) -> None:
        self.conn.close()


def last_line(e: Exception) -> str:
    """The telling line of a driver's message (psycopg's run to several, the reason last)."""
    lines = [line.strip() for line in str(e).splitlines() if line.strip()]
    return lines[-1] if lines else type(e).__name__


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))
