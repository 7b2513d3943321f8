"""The full-text index over the folded title and body, in each database's own engine.

SQLite: an FTS5 table with external content (the documents table), kept in step by triggers,
so that an insert, update or cascade delete of a document updates it in the same statement.
The text is already folded, so the tokenizer only splits syllables; prefix indexes of 2–4
characters make autocomplete cheap.

PostgreSQL: a stored generated tsvector ('simple' config over the folded text, title weighted
A, body B) with a GIN index.
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE kbsearch_fts USING fts5(
        title_folded, body_folded,
        content='kbsearch_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3 4')""",
    """CREATE TRIGGER kbsearch_fts_ai AFTER INSERT ON kbsearch_searchdocument BEGIN
        INSERT INTO kbsearch_fts(rowid, title_folded, body_folded)
        VALUES (new.id, new.title_folded, new.body_folded);
    END""",
    """CREATE TRIGGER kbsearch_fts_ad AFTER DELETE ON kbsearch_searchdocument BEGIN
        INSERT INTO kbsearch_fts(kbsearch_fts, rowid, title_folded, body_folded)
        VALUES ('delete', old.id, old.title_folded, old.body_folded);
    END""",
    """CREATE TRIGGER kbsearch_fts_au AFTER UPDATE ON kbsearch_searchdocument BEGIN
        INSERT INTO kbsearch_fts(kbsearch_fts, rowid, title_folded, body_folded)
        VALUES ('delete', old.id, old.title_folded, old.body_folded);
        INSERT INTO kbsearch_fts(rowid, title_folded, body_folded)
        VALUES (new.id, new.title_folded, new.body_folded);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS kbsearch_fts_au",
    "DROP TRIGGER IF EXISTS kbsearch_fts_ad",
    "DROP TRIGGER IF EXISTS kbsearch_fts_ai",
    "DROP TABLE IF EXISTS kbsearch_fts",
]

POSTGRES_CREATE = [
    """ALTER TABLE kbsearch_searchdocument ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', coalesce(title_folded, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(body_folded, '')), 'B')
        ) STORED""",
    """CREATE INDEX kbsearch_searchdocument_vector
        ON kbsearch_searchdocument USING GIN (search_vector)""",
    """CREATE INDEX kbsearch_searchdocument_title_prefix
        ON kbsearch_searchdocument (title_folded text_pattern_ops)""",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS kbsearch_searchdocument_title_prefix",
    "DROP INDEX IF EXISTS kbsearch_searchdocument_vector",
    "ALTER TABLE kbsearch_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0001_documents")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
