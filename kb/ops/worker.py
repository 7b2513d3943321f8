"""The worker's heartbeat and the reaper that re-queues the tasks of dead workers.

django-tasks-db marks a task RUNNING when a worker claims it and SUCCESSFUL/FAILED when it
ends; a worker killed in between (SIGKILL, out of memory, the machine lost) leaves the task
RUNNING for ever. Each `kb_worker` records a heartbeat; any worker's reaper puts a RUNNING
task whose worker has not beaten for `stale_after()` back to READY, so another worker runs it.
A task that has already taken `MAX_ATTEMPTS` workers down with it is marked FAILED instead,
with `WorkerLost` as its error, so that one poisonous task cannot loop for ever.

Tasks must therefore be safe to run twice (Wagtail's and the search index's tasks are: they
read the current state and write it).
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
RUNNING = "RUNNING"
READY = "READY"


class WorkerLost(Exception):
    """The worker running this task stopped (killed or lost) too many times."""


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=float(getattr(settings, "KB_WORKER_STALE_SECONDS", 30)))


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": timezone.now(), "hostname": socket.gethostname(), "pid": os.getpid()},
    )


def forget(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def reap(now: datetime.datetime | None = None) -> tuple[list, list]:
    """Re-queue (or fail) the RUNNING tasks whose worker stopped beating.

    A task claimed less than `stale_after()` ago is left alone even without a heartbeat, so a
    worker that has just started is not robbed of its first task. Returns the ids re-queued
    and the ids failed.
    """
    now = now or timezone.now()
    cutoff = now - stale_after()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    requeued, failed = [], []
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=RUNNING, started_at__lt=cutoff
        )
        for result in running:
            last_worker = result.worker_ids[-1] if result.worker_ids else None
            if last_worker in alive:
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                result.set_failed(
                    WorkerLost(f"{len(result.worker_ids)} workers stopped while running this task")
                )
                failed.append(result.pk)
                logger.error(
                    "Task %s (%s) failed: its workers kept dying", result.pk, result.task_path
                )
                continue
            result.status = READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            requeued.append(result.pk)
            logger.warning(
                "Task %s (%s) re-queued: worker %s stopped while running it",
                result.pk,
                result.task_path,
                last_worker,
            )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - datetime.timedelta(days=1)).delete()
    return requeued, failed


class Heartbeat(threading.Thread):
    """Beats every third of the stale period and reaps every stale period, on its own
    database connection; a failing database is logged and tried again, never fatal."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        period = stale_after().total_seconds()
        beats_per_reap = 3
        count = 0
        while not self.stopped.wait(period / beats_per_reap):
            try:
                close_old_connections()
                beat(self.worker_id)
                count += 1
                if count % beats_per_reap == 0:
                    reap()
            except Exception:  # noqa: BLE001 - the database may be restarting: try again later
                logger.exception("Worker heartbeat failed; trying again")
                connection.close()
        connection.close()

    def stop(self) -> None:
        self.stopped.set()
