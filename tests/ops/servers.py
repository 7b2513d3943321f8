"""Real servers for the fault tests: a private PostgreSQL instance (so that restarting it
disturbs nobody else's tests), gunicorn, the worker and management commands as subprocesses
with the production settings."""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# One folder of collected static files for every process of the fault tests.
STATIC_ROOT = Path(tempfile.gettempdir()) / f"kb-faults-static-{os.getpid()}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bindir() -> Path | None:
    for candidate in [
        os.environ.get("PG_BINDIR", ""),
        *sorted(glob.glob("/usr/lib/postgresql/*/bin"))[::-1],
    ]:
        if candidate and Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def redis_url() -> str | None:
    """The machine's Redis (127.0.0.1:6379) when it answers, else None (local cache)."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return "redis://127.0.0.1:6379/3"
    except OSError:
        return None
    return None


class PrivatePostgres:
    """initdb + pg_ctl in a temporary folder, on a free port, trust auth, fsync off."""

    def __init__(self):
        bindir = pg_bindir()
        if bindir is None:
            raise RuntimeError("PostgreSQL server binaries (initdb) not found")
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="kb-faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str, check: bool = True, timeout: float = 60) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:  # PostgreSQL refuses to run as root: use its own account
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=check, timeout=timeout, capture_output=True)

    def init(self) -> None:
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        self.start()

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def ensure_running(self) -> None:
        status = [str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"]
        if self.as_root:
            status = ["runuser", "-u", "postgres", "--", *status]
        if subprocess.run(status, capture_output=True).returncode != 0:
            self.start()

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def sql(self, query: str, *params, database: str = "postgres"):
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cur = conn.execute(query, params or None)
            return cur.fetchall() if cur.description else None

    def create_database(self, name: str, template: str | None = None) -> str:
        suffix = f' TEMPLATE "{template}"' if template else ""
        self.sql(f'CREATE DATABASE "{name}"{suffix}')
        return self.url(name)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kb.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "CACHE_KEY_PREFIX": f"kb-faults-{secrets.token_hex(4)}",
        "LOG_LEVEL": "WARNING",
        "ELASTICSEARCH_URL": "",
        "PYTHONPATH": str(ROOT),
        "STATIC_ROOT": str(STATIC_ROOT),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if url := redis_url():
        env["REDIS_URL"] = url
    else:
        env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: float = 300, check: bool = True):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )
    return result


def start(env: dict, *args: str, log: Path) -> subprocess.Popen:
    handle = open(log, "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [PYTHON, *args],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def get(url: str, timeout: float = 10) -> tuple[int, bytes, dict]:
    """Status, body and headers; a connection error is status 0."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)
    except (urllib.error.URLError, OSError):
        return 0, b"", {}


def wait_until(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
