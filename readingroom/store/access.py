"""Who may read and write what: accounts with roles (reader, editor, admin), API tokens, restricted
collections with per-user grants, and document sets. Passwords are hashed with Argon2 (argon2-cffi); tokens are
stored only as SHA-256 hashes.

A restricted collection's documents are invisible to anyone without access: the search engine excludes them
from hits, counts, facets and snippets, and every route that fetches a document checks it (404, so that a
document's existence is not revealed)."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from readingroom.errors import NotFound, ReadingroomError
from readingroom.store.database import Database

ROLES = ("reader", "editor", "admin")


@dataclass(frozen=True)
class Viewer:
    """Who is asking. `hidden` lists the restricted collections this viewer may not see."""

    username: str | None = None
    role: str = "anonymous"
    hidden: tuple[str, ...] = field(default_factory=tuple)

    def can_write(self) -> bool:
        return self.role in ("editor", "admin")


def _hasher():  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    return PasswordHasher()


def add_user(db: Database, username: str, password: str, role: str) -> None:
    if role not in ROLES:
        raise ReadingroomError(f"unknown role '{role}'", f"one of {', '.join(ROLES)}")
    with db.transaction():
        db.execute("INSERT INTO users VALUES (?, ?, ?) ON CONFLICT (username)"
                   " DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role", (username, _hasher().hash(password), role))


def check_password(db: Database, username: str, password: str) -> str | None:
    """The user's role if the password is right, else None."""
    from argon2.exceptions import VerificationError

    row = db.execute("SELECT password_hash, role FROM users WHERE username = ?", (username,)).fetchone()
    if row is None:
        return None
    try:
        _hasher().verify(row[0], password)
    except VerificationError:
        return None
    return str(row[1])


def new_token(db: Database, username: str) -> str:
    if db.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone() is None:
        raise NotFound(f"no user '{username}'", "add one with: readingroom user add NAME --role editor")
    token = "rr_" + secrets.token_urlsafe(32)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with db.transaction():
        db.execute("INSERT INTO tokens VALUES (?, ?, ?)", (_digest(token), username, now))
    return token


def user_for_token(db: Database, token: str) -> tuple[str, str] | None:
    row = db.execute(
        "SELECT u.username, u.role FROM tokens t JOIN users u ON u.username = t.username WHERE t.token_hash = ?",
        (_digest(token),),
    ).fetchone()
    return (row[0], row[1]) if row else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def restrict(db: Database, collection: str, restricted: bool = True) -> None:
    with db.transaction():
        if restricted:
            db.execute("INSERT INTO restricted VALUES (?) ON CONFLICT DO NOTHING", (collection,))
        else:
            db.execute("DELETE FROM restricted WHERE collection = ?", (collection,))


def grant(db: Database, username: str, collection: str) -> None:
    with db.transaction():
        db.execute("INSERT INTO grants VALUES (?, ?) ON CONFLICT DO NOTHING", (username, collection))


def viewer(db: Database, username: str | None, role: str | None) -> Viewer:
    restricted = [r[0] for r in db.execute("SELECT collection FROM restricted ORDER BY collection")]
    if role == "admin":
        return Viewer(username, role, ())
    granted = {r[0] for r in db.execute("SELECT collection FROM grants WHERE username = ?", (username,))}
    return Viewer(username, role or "anonymous", tuple(c for c in restricted if c not in granted))


# -- document sets ----------------------------------------------------------------------------------------


def create_set(db: Database, title: str, headnote: str | None, questions: list[str], owner: str | None) -> int:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with db.transaction():
        (row,) = db.execute(
            "INSERT INTO sets (title, headnote, questions, owner, created) VALUES (?, ?, ?, ?, ?) RETURNING id",
            (title, headnote, json.dumps(questions, ensure_ascii=False), owner, now),
        ).fetchall()
    return int(row[0])


def add_to_set(db: Database, set_id: int, doc_id: str) -> None:
    _require_set(db, set_id)
    with db.transaction():
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM set_items WHERE set_id = ?", (set_id,)).fetchone()[0]
        db.execute("INSERT INTO set_items VALUES (?, ?, ?) ON CONFLICT DO NOTHING", (set_id, doc_id, position))


def reorder_set(db: Database, set_id: int, doc_ids: list[str]) -> None:
    current = {r[0] for r in db.execute("SELECT doc_id FROM set_items WHERE set_id = ?", (_require_set(db, set_id),))}
    if set(doc_ids) != current:
        raise ReadingroomError("the new order must list exactly the set's documents", "GET the set to see them")
    with db.transaction():
        for position, doc_id in enumerate(doc_ids, 1):
            db.execute("UPDATE set_items SET position = ? WHERE set_id = ? AND doc_id = ?", (position, set_id, doc_id))


def get_set(db: Database, set_id: int, hidden: tuple[str, ...] = ()) -> dict[str, Any]:
    """A document set with its documents in order, leaving out those in `hidden` collections."""
    row = db.execute("SELECT id, title, headnote, questions, owner, created FROM sets WHERE id = ?", (set_id,)).fetchone()
    if row is None:
        raise NotFound(f"no document set {set_id}", "the reading room lists them at /sets (readingroom serve); GET /api/sets")
    items = [r[0] for r in db.execute("SELECT i.doc_id FROM set_items i LEFT JOIN documents d ON d.id = i.doc_id"
                                      f" WHERE i.set_id = ? AND {outside(hidden, 'd')} ORDER BY i.position",
                                      (set_id, *hidden))]  # fmt: skip
    return {"id": row[0], "title": row[1], "headnote": row[2], "questions": json.loads(row[3]), "owner": row[4],
            "created": row[5], "documents": items}  # fmt: skip


def list_sets(db: Database, hidden: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every document set, each listing only the documents outside `hidden`: a reader is not told that a set
    holds a restricted document, not even by its count."""
    return [get_set(db, r[0], hidden) for r in db.execute("SELECT id FROM sets ORDER BY id")]


def outside(hidden: tuple[str, ...], table: str = "") -> str:
    """SQL true of a document outside the hidden collections (its parameters: `hidden`, in order)."""
    column = f"{table}.collection" if table else "collection"
    return f"({column} IS NULL OR {column} NOT IN ({', '.join('?' * len(hidden))}))" if hidden else "1 = 1"


def _require_set(db: Database, set_id: int) -> int:
    if db.execute("SELECT 1 FROM sets WHERE id = ?", (set_id,)).fetchone() is None:
        raise NotFound(f"no document set {set_id}", "create one with POST /api/sets")
    return set_id
