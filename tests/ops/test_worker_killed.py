"""A worker killed while it runs a task: the task is run again by another worker, not lost."""

import signal
import time

import pytest

from .servers import manage, production_env, start, stop, wait_until

pytestmark = pytest.mark.faults

TABLE = "django_tasks_database_dbtaskresult"


def test_a_task_whose_worker_was_killed_is_run_by_the_next_worker(private_pg, tmp_path):
    url = private_pg.create_database("kb_worker", template="kb_template")
    env = production_env(url, KB_WORKER_STALE_SECONDS="2")
    marker = tmp_path / "runs.txt"
    worker_args = [
        "manage.py",
        "kb_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.2",
    ]
    first = start(env, *worker_args, "--worker-id", "worker-a", log=tmp_path / "a.log")
    try:
        enqueued = manage(
            env,
            "shell",
            "-c",
            "from tests.ops.tasks import slow_the_first_time as t; "
            f"print(t.enqueue({str(marker)!r}).id)",
        )
        task_id = enqueued.stdout.strip().splitlines()[-1]

        def status():
            rows = private_pg.sql(
                f"SELECT status, worker_ids, return_value FROM {TABLE} WHERE id = %s",
                task_id,
                database="kb_worker",
            )
            return rows[0]

        wait_until(lambda: marker.exists(), 30, what="the first worker to start the task")
        assert status()[0] == "RUNNING"
        stop(first, signal.SIGKILL)
        time.sleep(1)
        # Nobody finishes it on its own: django-tasks-db leaves it RUNNING.
        assert status()[0] == "RUNNING"
        assert status()[1] == ["worker-a"]
    finally:
        stop(first, signal.SIGKILL)

    second = start(env, *worker_args, "--worker-id", "worker-b", log=tmp_path / "b.log")
    try:
        wait_until(lambda: status()[0] == "SUCCESSFUL", 30, what="the task to be run again")
        state, workers, value = status()
        assert workers == ["worker-a", "worker-b"]
        assert value == 2
        assert marker.read_text() == "run\nrun\n"
        assert (
            "re-queued: worker worker-a stopped while running it"
            in (tmp_path / "b.log").read_text()
        )
    finally:
        stop(second)
