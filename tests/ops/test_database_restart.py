"""PostgreSQL restarted under traffic: requests fail cleanly (503, never a 500 or a dropped
connection) and the same gunicorn processes serve again once it is back."""

import json
import subprocess
import threading
import time

import pytest

from .servers import free_port, get, production_env, start, stop, wait_until

pytestmark = pytest.mark.faults


class Traffic(threading.Thread):
    def __init__(self, base: str, paths: list[str]):
        super().__init__(daemon=True)
        self.base, self.paths = base, paths
        self.results: list[tuple[float, str, int, bytes, dict]] = []
        self.running = True

    def run(self) -> None:
        i = 0
        while self.running:
            path = self.paths[i % len(self.paths)]
            status, body, headers = get(self.base + path, timeout=15)
            self.results.append((time.monotonic(), path, status, body, headers))
            i += 1
            time.sleep(0.02)

    def between(self, start: float, end: float):
        return [r for r in self.results if start <= r[0] < end]


def children(pid: int) -> set[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return {int(line) for line in out.split()}


def test_requests_fail_cleanly_while_postgresql_restarts_and_recover(private_pg, tmp_path):
    url = private_pg.create_database("kb_web", template="kb_template")
    port = free_port()
    env = production_env(
        url,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        GUNICORN_ACCESS_LOG="-",
        KB_PAGE_CACHE_SECONDS="0",
    )
    base = f"http://127.0.0.1:{port}"
    server = start(
        env,
        "-m",
        "gunicorn",
        "-c",
        "deploy/gunicorn.conf.py",
        "kb.wsgi",
        log=tmp_path / "gunicorn.log",
    )
    traffic = Traffic(base, ["/", "/search/?q=b%E1%BA%A3o+hi%E1%BB%83m", "/healthz"])
    try:
        wait_until(lambda: get(base + "/healthz")[0] == 200, 60, what="gunicorn to serve")
        workers = children(server.pid)
        assert len(workers) == 2
        traffic.start()
        time.sleep(2)
        down_at = time.monotonic()
        private_pg.stop()
        time.sleep(3)
        private_pg.start()
        up_at = time.monotonic()
        recovered = wait_until(
            lambda: all(get(base + p)[0] == 200 for p in traffic.paths) and time.monotonic(),
            20,
            what="the site to answer again",
        )
        time.sleep(2)
        traffic.running = False
        traffic.join(20)

        before = traffic.between(0, down_at)
        during = traffic.between(down_at, up_at)
        after = traffic.between(recovered + 0.5, float("inf"))
        assert before and during and after
        assert {r[2] for r in before} == {200}
        assert {r[2] for r in after} == {200}, [(r[1], r[2]) for r in after if r[2] != 200]
        # No server error, no dropped connection (status 0), at any time.
        bad = [(r[1], r[2]) for r in traffic.results if r[2] not in (200, 503)]
        assert not bad, bad
        outages = [r for r in during if r[2] == 503]
        assert outages, "the database outage was not noticed"
        health = [json.loads(r[3]) for r in outages if r[1] == "/healthz"]
        assert health and all(h["checks"]["database"]["ok"] is False for h in health)
        pages = [r for r in outages if r[1] != "/healthz"]
        assert pages and all("Hệ thống tạm thời gián đoạn" in r[3].decode() for r in pages)
        assert all(r[4].get("Retry-After") == "5" for r in pages)
        # The same processes: nothing was restarted to recover.
        assert server.poll() is None
        assert children(server.pid) == workers
    finally:
        traffic.running = False
        stop(server)
        private_pg.ensure_running()
