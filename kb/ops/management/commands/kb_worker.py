"""`manage.py kb_worker`: django-tasks-db's `db_worker` with a heartbeat and a reaper.

Same options as `db_worker`. On start it re-queues the tasks of workers that died (see
`kb.ops.worker`), then beats and reaps in a background thread while it runs tasks.
"""

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from kb.ops.worker import Heartbeat, beat, forget, reap


class Command(DBWorkerCommand):
    help = "Chạy tiến trình xử lý nền (db_worker) có báo còn chạy và đưa lại việc dở vào hàng đợi"

    def handle(self, *args, worker_id: str, **options) -> None:
        beat(worker_id)
        requeued, failed = reap()
        if requeued or failed:
            self.stderr.write(f"re-queued {len(requeued)} task(s), failed {len(failed)}")
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heartbeat.stop()
            forget(worker_id)
