"""Elasticsearch down: saving still works, search answers from the embedded index (that part
is tests/search/test_elasticsearch.py), and once the cluster answers again the worker sends it
what it missed.

The cluster coming back is a small HTTP server on loopback that answers the bulk API the way
Elasticsearch 8 does and records what it receives: the real client, helper and worker talk to
it over the wire (a real cluster runs the same path in tests/search/test_elasticsearch_live.py).
"""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from search.backends.elasticsearch import index_name
from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import InitiativePageFactory

UNREACHABLE = "http://127.0.0.1:9"
TASK = "search.index.update_elasticsearch"


class _Cluster(BaseHTTPRequestHandler):
    received: list[dict] = []

    def _reply(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802 - the http.server API
        lines = self.rfile.read(int(self.headers["Content-Length"])).decode().splitlines()
        items, i = [], 0
        while i < len(lines):
            action = json.loads(lines[i])
            op, meta = next(iter(action.items()))
            if op == "delete":
                i += 1
            else:
                _Cluster.received.append({"op": op, **meta, "source": json.loads(lines[i + 1])})
                i += 2
            items.append({op: {"_index": meta["_index"], "_id": meta["_id"], "status": 200}})
        self._reply({"took": 1, "errors": False, "items": items})

    do_PUT = do_POST  # noqa: N815 - the client sends the bulk body with PUT

    def log_message(self, *args):
        pass


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_saves_work_while_elasticsearch_is_down_and_the_index_catches_up(settings, client):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ELASTICSEARCH_URL = UNREACHABLE
    ensure_wagtail_roots()
    from kb.home.structure import ensure_site_structure

    ensure_site_structure()

    page = InitiativePageFactory(title="Số hóa hồ sơ hưởng chế độ ốm đau")
    run_worker()  # indexes it in the embedded index; the copy to the cluster fails

    page.refresh_from_db()
    assert page.live
    response = client.get("/search/", {"q": "so hoa ho so"})
    html = response.content.decode()
    assert f'href="{page.url}"' in html  # found, from the embedded index
    assert "<mark>" in html
    retries = [
        r
        for r in DBTaskResult.objects.filter(task_path=TASK, status="READY")
        if page.pk in r.args_kwargs["args"][0]
    ]
    assert len(retries) == 1, "the cluster's update was not queued again"
    retry = retries[0]
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=30)
    assert not DBTaskResult.objects.filter(status="FAILED").exists()

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Cluster)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.server_port}"
        _Cluster.received.clear()
        # a minute later, the worker runs the retry
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        run_worker()
    finally:
        server.shutdown()

    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL"
    sent = {int(doc["_id"]): doc for doc in _Cluster.received}
    assert sent[page.pk]["_index"] == index_name()
    assert sent[page.pk]["source"]["title"] == "Số hóa hồ sơ hưởng chế độ ốm đau"
