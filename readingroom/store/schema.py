"""The store's schema and its migrations. SQLite files record their version in `PRAGMA user_version` and
migrate step by step; a PostgreSQL database is created at the latest version in one step (POSTGRES_SCHEMA) and
records it in `meta`. A new migration must be written for both."""

from __future__ import annotations

from readingroom.errors import SchemaTooNew
from readingroom.store.database import Database, SQLiteDatabase

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL UNIQUE,
            source_id TEXT NOT NULL,
            genre TEXT, title TEXT, date TEXT, sender TEXT, recipient TEXT,
            classification TEXT, collection TEXT,
            data TEXT NOT NULL,          -- the rest of the document model, as JSON
            text TEXT NOT NULL,          -- the original, verbatim
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_source_id ON documents(source_id);
        CREATE INDEX documents_date ON documents(date);
        CREATE TABLE paragraphs (
            rowid INTEGER PRIMARY KEY,
            doc_rowid INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            locator TEXT NOT NULL,
            kind TEXT NOT NULL,
            parent TEXT,
            page TEXT,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            segments TEXT,
            text TEXT NOT NULL,
            UNIQUE (doc_rowid, ordinal)
        );
        CREATE TABLE spans (
            doc_rowid INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            type TEXT NOT NULL,
            label TEXT,
            value TEXT,
            text TEXT NOT NULL,
            source TEXT NOT NULL
        );
        CREATE INDEX spans_doc ON spans(doc_rowid);
        CREATE INDEX spans_type_value ON spans(type, value);
        CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
            text, content='paragraphs', content_rowid='rowid',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE TABLE ingest_log (
            rowid INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT,
            status TEXT NOT NULL,
            error TEXT,
            documents TEXT,
            at TEXT NOT NULL
        );
        """,
    ),
]

MIGRATIONS.append(
    (
        2,
        """
        DROP TABLE paragraphs_fts;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    )
)  # the paragraph index moved to tantivy (search/index.py), derived from these tables

MIGRATIONS.append(
    (
        3,
        """
        ALTER TABLE documents ADD COLUMN enriched INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE documents ADD COLUMN indexed_enriched INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX documents_enriched ON documents(enriched);
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,          -- TYPE:CANONICAL NAME, shared across documents
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL,        -- JSON list of surface forms seen
            documents INTEGER NOT NULL DEFAULT 0
        );
        """,
    )
)  # entities are tagged by `readingroom enrich` (or `ingest --entities`), a resumable step

MIGRATIONS.append(
    (
        4,
        """
        CREATE TABLE users (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL);
        CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users(username)
                             ON DELETE CASCADE, created TEXT NOT NULL);
        CREATE TABLE restricted (collection TEXT PRIMARY KEY);
        CREATE TABLE grants (username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
                             collection TEXT NOT NULL, PRIMARY KEY (username, collection));
        CREATE TABLE sets (id INTEGER PRIMARY KEY, title TEXT NOT NULL, headnote TEXT, questions TEXT NOT NULL,
                           owner TEXT, created TEXT NOT NULL);
        CREATE TABLE set_items (set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
                                doc_id TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (set_id, doc_id));
        """,
    )
)  # accounts, API tokens, restricted collections and document sets (store/access.py)

MIGRATIONS.append(
    (
        5,
        """
        CREATE TABLE embeddings (
            para INTEGER PRIMARY KEY,     -- paragraphs.rowid
            vector BLOB NOT NULL          -- float32, unit length; the model is meta 'embedding_model'
        );
        DROP TABLE ingest_log;
        """,
    )
)  # paragraph vectors for semantic search, written by `readingroom embed`; ingest_log was never written

MIGRATIONS.append(
    (
        6,
        """
        ALTER TABLE documents ADD COLUMN enrich_seq INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX documents_enrich_seq ON documents(enrich_seq);
        """,
    )
)  # when a document was last tagged, in commit order: servers with an index of their own re-index what changed

_ENTITY_COUNTS = """
    UPDATE entities SET documents = (SELECT count(DISTINCT doc_rowid) FROM spans WHERE type = 'entity'
                                     AND value = entities.id);
"""  # each entity's documents counted again: re-tagging at a new tagger version had counted a document twice

MIGRATIONS.append(
    (
        7,
        """
        CREATE TABLE deletions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- in commit order: indexes apply deletions they have not seen
            doc_id TEXT NOT NULL,
            deleted_at TEXT NOT NULL
        );
        """ + _ENTITY_COUNTS,
    )
)  # documents removed by `readingroom delete`

MIGRATIONS.append(
    (
        8,
        """
        CREATE TABLE passage_embeddings (
            para INTEGER NOT NULL,        -- paragraphs.rowid of a paragraph longer than a quote
            start INTEGER NOT NULL,       -- the passage's offsets in its document's text
            "end" INTEGER NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (para, start)
        );
        """,
    )
)  # a long paragraph's passages, embedded with it: search by meaning sees past its first 256 word pieces

# The archive's overview counts documents by these fields (search/overview.py), leaving out restricted
# collections: without an index each count read the whole documents table, text and all (0.8 s for the
# overview of 100,000 documents).
_VALUE_INDEXES = """
CREATE INDEX IF NOT EXISTS documents_genre ON documents(genre, collection);
CREATE INDEX IF NOT EXISTS documents_collection ON documents(collection);
CREATE INDEX IF NOT EXISTS documents_classification ON documents(classification, collection);
CREATE INDEX IF NOT EXISTS documents_sender ON documents(sender, collection);
CREATE INDEX IF NOT EXISTS documents_recipient ON documents(recipient, collection);
"""

MIGRATIONS.append((9, _VALUE_INDEXES))

LATEST = MIGRATIONS[-1][0]


def migrate(db: Database, path: str) -> None:
    if isinstance(db, SQLiteDatabase):
        _migrate_sqlite(db, path)
    else:
        _migrate_postgres(db, path)


def _too_new(path: str, current: int) -> SchemaTooNew:
    return SchemaTooNew(
        f"{path}: archive schema version {current} is newer than this readingroom supports ({LATEST})",
        "upgrade readingroom (pip install -U readingroom)",
    )


def _migrate_sqlite(db: SQLiteDatabase, path: str) -> None:
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > LATEST:
        raise _too_new(path, current)
    for version, sql in MIGRATIONS:
        if version <= current:
            continue
        with db.transaction():
            for statement in _statements(sql):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version}")


POSTGRES_SCHEMA = """
CREATE TABLE documents (
    rowid BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL,
    genre TEXT, title TEXT, date TEXT, sender TEXT, recipient TEXT, classification TEXT, collection TEXT,
    data TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    enriched INTEGER NOT NULL DEFAULT 0,
    indexed_enriched INTEGER NOT NULL DEFAULT 0,
    enrich_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX documents_enrich_seq ON documents(enrich_seq);
CREATE INDEX documents_source_id ON documents(source_id);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_enriched ON documents(enriched);
CREATE INDEX documents_genre ON documents(genre, collection);
CREATE INDEX documents_collection ON documents(collection);
CREATE INDEX documents_classification ON documents(classification, collection);
CREATE INDEX documents_sender ON documents(sender, collection);
CREATE INDEX documents_recipient ON documents(recipient, collection);
CREATE TABLE paragraphs (
    rowid BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    doc_rowid BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    locator TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent TEXT,
    page TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    segments TEXT,
    text TEXT NOT NULL,
    UNIQUE (doc_rowid, ordinal)
);
CREATE TABLE spans (
    doc_rowid BIGINT NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    label TEXT,
    value TEXT,
    text TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX spans_doc ON spans(doc_rowid);
CREATE INDEX spans_type_value ON spans(type, value);
CREATE TABLE entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL,
                       documents INTEGER NOT NULL DEFAULT 0);
CREATE TABLE users (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL);
CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users(username)
                     ON DELETE CASCADE, created TEXT NOT NULL);
CREATE TABLE restricted (collection TEXT PRIMARY KEY);
CREATE TABLE grants (username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
                     collection TEXT NOT NULL, PRIMARY KEY (username, collection));
CREATE TABLE sets (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title TEXT NOT NULL, headnote TEXT,
                   questions TEXT NOT NULL, owner TEXT, created TEXT NOT NULL);
CREATE TABLE set_items (set_id BIGINT NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
                        doc_id TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (set_id, doc_id));
CREATE TABLE embeddings (para BIGINT PRIMARY KEY, vector BYTEA NOT NULL);
CREATE TABLE deletions (seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, doc_id TEXT NOT NULL,
                        deleted_at TEXT NOT NULL);
CREATE TABLE passage_embeddings (para BIGINT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                                 vector BYTEA NOT NULL, PRIMARY KEY (para, start));
"""  # the SQLite schema at version LATEST, in PostgreSQL's types


# Steps from a PostgreSQL database made at an earlier version (POSTGRES_SCHEMA is always the latest).
POSTGRES_MIGRATIONS: list[tuple[int, str]] = [
    (6, """
        ALTER TABLE documents ADD COLUMN IF NOT EXISTS enrich_seq BIGINT NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS documents_enrich_seq ON documents(enrich_seq);
        """),
    (7, """
        CREATE TABLE IF NOT EXISTS deletions (seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                                              doc_id TEXT NOT NULL, deleted_at TEXT NOT NULL);
        """ + _ENTITY_COUNTS),
    (8, """
        CREATE TABLE IF NOT EXISTS passage_embeddings (para BIGINT NOT NULL, start INTEGER NOT NULL,
                                                       "end" INTEGER NOT NULL, vector BYTEA NOT NULL,
                                                       PRIMARY KEY (para, start));
        """),
    (9, _VALUE_INDEXES),
]


def _migrate_postgres(db: Database, path: str) -> None:
    with db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(7267797)")  # two servers opening a new database: one creates it
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        current = int(row[0]) if row else 0
        if current > LATEST:
            raise _too_new(path, current)
        if current == 0:
            for statement in _statements(POSTGRES_SCHEMA):
                db.execute(statement)
            db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(LATEST),))
            return
        for version, sql in POSTGRES_MIGRATIONS:
            if current < version:
                for statement in _statements(sql):
                    db.execute(statement)
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(LATEST),))


def _statements(sql: str) -> list[str]:
    out, buf = [], []
    for line in sql.splitlines():
        line = line.split("--", 1)[0]
        buf.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(buf).strip().rstrip(";"))
            buf = []
    tail = "\n".join(buf).strip()
    return out + ([tail] if tail else [])
