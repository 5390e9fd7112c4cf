"""Who is asking, for every request: an API token (Authorization: Bearer rr_…), else the signed session
cookie of a signed-in user, else anonymous (allowed to read unless the server says otherwise). Every write
needs an editor; forms carry a per-session CSRF token."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import HTTPException, Request

from readingroom.store import access


def _db(request: Request) -> Any:
    return request.app.state.library.archive.store.db


def viewer_for(request: Request) -> access.Viewer:
    lib = request.app.state.library
    with lib.lock:
        conn = _db(request)
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            user = access.user_for_token(conn, header[7:].strip())
            if user is None:
                raise HTTPException(401, "invalid API token")
            return access.viewer(conn, *user)
        username = request.session.get("user") if "session" in request.scope else None
        if username:
            row = conn.execute("SELECT role FROM users WHERE username = ?", (username,)).fetchone()
            if row:
                return access.viewer(conn, username, row[0])
        if not lib.anonymous_read:
            raise HTTPException(401, "sign in to read this archive")
        return access.viewer(conn, None, None)


def require_editor(request: Request) -> access.Viewer:
    v = viewer_for(request)
    if not v.can_write():
        raise HTTPException(401 if v.username is None else 403, "an editor account is needed to change this archive")
    return v


def require_admin(request: Request) -> access.Viewer:
    v = viewer_for(request)
    if v.role != "admin":
        raise HTTPException(401 if v.username is None else 403, "an admin account is needed")
    return v


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(24)
    return str(token)


def check_csrf(request: Request, submitted: str | None) -> None:
    if not submitted or not secrets.compare_digest(submitted, str(request.session.get("csrf", ""))):
        raise HTTPException(403, "the form expired or came from elsewhere: reload the page and try again")
