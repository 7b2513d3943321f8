"""PostgreSQL: keep each document's search vector in the table's own pages.

A document's row (folded title and body, the text, the vector of about 1 KB) is just over
the 2 KB from which PostgreSQL moves long values out to its TOAST table, so for a broad
query ("bhxh tinh", 40% of the documents) every vector was fetched from there: 1.7 GB of
buffer reads at 100,000 documents. With rows kept whole up to 8 KB, the same query reads the
heap alone (413 → 150 ms; p95 of the benchmark's queries 350 → 209 ms). Rows written from now
on are stored this way; `kb_reindex` rewrites them all. SQLite has no such thing.
"""

from django.db import migrations


def inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE kbsearch_searchdocument SET (toast_tuple_target = 8160)")


def reset(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE kbsearch_searchdocument RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0004_updated_at_index")]

    operations = [migrations.RunPython(inline, reset)]
