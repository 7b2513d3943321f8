"""Fault tests (`@pytest.mark.faults`) restart servers and kill processes: they run only in
`make test-faults` (KB_RUN_FAULTS=1), after the SQLite and PostgreSQL runs, never beside them."""

import os
import shutil
import subprocess

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("KB_RUN_FAULTS") == "1":
        return
    skip = pytest.mark.skip(reason="fault test: run with `make test-faults`")
    for item in items:
        if "faults" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def private_pg():
    """A PostgreSQL instance of the tests' own, with a migrated template database `kb_template`
    (the site's structure in it) that each test copies: `private_pg.create_database(name,
    template="kb_template")`."""
    from .servers import PYTHON, ROOT, STATIC_ROOT, PrivatePostgres, manage, production_env

    try:
        pg = PrivatePostgres()
    except RuntimeError as error:
        pytest.fail(str(error))
    pg.init()
    try:
        url = pg.create_database("kb_template")
        env = production_env(url)
        # Static files as production has them (hashed, compressed), collected while migrating.
        collect = subprocess.Popen(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
        )
        manage(env, "migrate", "--noinput", "-v0", timeout=600)
        assert collect.wait(600) == 0, "collectstatic failed"
        manage(
            env,
            "shell",
            "-c",
            "from kb.home.structure import ensure_site_structure; ensure_site_structure()",
        )
        yield pg
    finally:
        pg.destroy()
        shutil.rmtree(STATIC_ROOT, ignore_errors=True)
