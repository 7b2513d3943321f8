"""Scheduled publishing without a cron job.

Wagtail publishes a revision whose "go live" time has come, and unpublishes a page whose expiry
has passed, only when `manage.py publish_scheduled` runs. Instead of a loop or a cron entry
that must be set up on every server, each schedule enqueues one deferred django-tasks task for
the moment it falls due (`run_after`); the worker that `make run` / `make worker` already runs
(django-tasks-db's `db_worker`) executes it then. A backend that cannot defer (the immediate
backend of the tests) gets nothing enqueued: the schedule still waits in Wagtail's tables and
the next run of `publish_scheduled` (by hand, or the next deferred task) honours it.
"""

import datetime
import logging

from django.core.management import call_command
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

# A second of slack so that the task never runs a hair before the moment it serves.
SLACK = datetime.timedelta(seconds=1)


@task()
def publish_scheduled_pages() -> None:
    """Publish what is due and unpublish what has expired (Wagtail's own command)."""
    call_command("publish_scheduled", verbosity=0)


def run_publish_scheduled_at(when: datetime.datetime) -> bool:
    """Enqueue a run of `publish_scheduled` for `when`; False if the backend cannot defer."""
    if not default_task_backend.supports_defer:
        logger.info("Task backend cannot defer; scheduled publishing waits for publish_scheduled")
        return False
    run_after = max(when, timezone.now()) + SLACK
    publish_scheduled_pages.using(run_after=run_after).enqueue()
    return True
