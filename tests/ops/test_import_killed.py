"""An import killed half-way leaves nothing half-written; run again, it completes."""

import signal
import time

import pytest

from tests.interchange.samples import large, write_jsonl

from .servers import manage, production_env, start, stop, wait_until

pytestmark = pytest.mark.faults

COUNTS = (
    "SELECT (SELECT count(*) FROM wagtailcore_page), (SELECT count(*) FROM units_unit), "
    "(SELECT count(*) FROM wagtailcore_revision)"
)


def test_a_killed_import_writes_nothing_and_a_second_run_imports_everything(private_pg, tmp_path):
    url = private_pg.create_database("kb_import", template="kb_template")
    env = production_env(url)
    records = large(2000)
    data = write_jsonl(tmp_path / "big.jsonl", records)
    before = private_pg.sql(COUNTS, database="kb_import")[0]

    importer = start(env, "manage.py", "kb_import", str(data), log=tmp_path / "import.log")
    try:
        # Wait until the import's transaction has written rows (it has a transaction id), then
        # a little longer, and kill it as a power cut would.
        def writing():
            rows = private_pg.sql(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = 'kb_import' AND backend_xid IS NOT NULL"
            )
            return rows[0][0] > 0 or importer.poll() is not None

        wait_until(writing, 120, interval=0.1, what="the import to start writing")
        assert importer.poll() is None, "the import ended before it could be killed"
        time.sleep(1.5)
        assert importer.poll() is None, "the import ended before it could be killed"
    finally:
        stop(importer, signal.SIGKILL)
    assert importer.returncode == -signal.SIGKILL

    # PostgreSQL rolls the orphaned transaction back once it sees the client gone.
    wait_until(
        lambda: (
            private_pg.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'kb_import'")[0][
                0
            ]
            == 0
        ),
        30,
        what="the killed import's session to end",
    )
    assert private_pg.sql(COUNTS, database="kb_import")[0] == before

    result = manage(env, "kb_import", str(data), "--no-progress", timeout=600)
    pages, units, _ = private_pg.sql(COUNTS, database="kb_import")[0]
    unit_records = sum(1 for r in records if r["type"] == "unit")
    assert units == before[1] + unit_records
    assert pages > before[0] + len(records) - unit_records - 1, result.stdout
