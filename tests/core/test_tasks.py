import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import ExemplarPageFactory


@pytest.mark.django_db(transaction=True)
def test_saving_a_page_queues_work_that_the_database_worker_completes(settings):
    """Saving never waits on background work: it is queued in the database and the worker
    (`make worker`, i.e. `manage.py db_worker`) runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ensure_wagtail_roots()  # a transactional test starts from what the one before it left
    ExemplarPageFactory(title="Tổ Thu nợ BHXH huyện Diễn Châu")
    queued = DBTaskResult.objects.filter(status="READY")
    assert queued.exists()
    assert any("update_reference_index_task" in r.task_path for r in queued)

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").exists()
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
