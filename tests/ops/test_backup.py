"""Backups (deploy/backup.sh, deploy/restore.sh): back up, wipe, restore, find the content.

Both ways back are tried: the database dump and the media archive restored over an emptied
database and folder, and the knowledge base's JSON Lines imported into a new, empty site."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.interchange.samples import RICH, write_jsonl

from .servers import PYTHON, ROOT, manage, production_env

pytestmark = pytest.mark.faults

TITLE = "Nguyễn Thị Lan"  # an exemplar of the RICH sample


def run(script: str, *args: str, env: dict) -> str:
    result = subprocess.run(
        ["bash", str(ROOT / "deploy" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def pages_titled(pg, database: str, title: str) -> int:
    return pg.sql(
        "SELECT count(*) FROM wagtailcore_page WHERE title = %s", title, database=database
    )[0][0]


def test_backup_wipe_restore_finds_pages_and_media(private_pg, tmp_path):
    url = private_pg.create_database("kb_backup", template="kb_template")
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    photo = media / "original_images" / "chan-dung.png"
    photo.write_bytes(os.urandom(4096))
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    env = {**production_env(url, MEDIA_ROOT=str(media)), "PYTHON": PYTHON}
    manage(env, "kb_import", str(write_jsonl(tmp_path / "rich.jsonl", RICH)), "--no-progress")
    found = pages_titled(private_pg, "kb_backup", TITLE)
    assert found >= 1

    backups = tmp_path / "backups"
    made = run("backup.sh", str(backups), env=env).strip().splitlines()[-1]
    assert sorted(os.listdir(made)) == ["SHA256SUMS", "db.dump", "kb.jsonl", "media.tar.gz"]
    assert TITLE in Path(made, "kb.jsonl").read_text(encoding="utf-8")

    # Wipe: the database dropped and made anew (empty), the media folder emptied.
    private_pg.sql('DROP DATABASE "kb_backup" WITH (FORCE)')
    private_pg.create_database("kb_backup")
    shutil.rmtree(media)
    media.mkdir()
    assert (
        private_pg.sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            database="kb_backup",
        )[0][0]
        == 0
    )

    run("restore.sh", made, env=env)
    assert pages_titled(private_pg, "kb_backup", TITLE) == found
    assert hashlib.sha256(photo.read_bytes()).hexdigest() == digest
    # the restored site answers as before
    check = manage(env, "kb_export", "-", "--no-progress")
    assert TITLE in check.stdout

    # The other way back: the knowledge base's JSON Lines into a new, empty site.
    fresh = private_pg.create_database("kb_from_jsonl", template="kb_template")
    fresh_env = {**env, "DATABASE_URL": fresh}
    assert pages_titled(private_pg, "kb_from_jsonl", TITLE) == 0
    manage(fresh_env, "kb_import", os.path.join(made, "kb.jsonl"), "--no-progress")
    assert pages_titled(private_pg, "kb_from_jsonl", TITLE) == found
    again = manage(fresh_env, "kb_export", "-", "--no-progress").stdout
    assert sorted(again.splitlines()) == sorted(check.stdout.splitlines())


def test_a_corrupted_backup_is_refused_before_anything_is_replaced(private_pg, tmp_path):
    url = private_pg.create_database("kb_corrupt", template="kb_template")
    env = {**production_env(url, MEDIA_ROOT=str(tmp_path / "media")), "PYTHON": PYTHON}
    manage(env, "kb_import", str(write_jsonl(tmp_path / "rich.jsonl", RICH)), "--no-progress")
    before = pages_titled(private_pg, "kb_corrupt", TITLE)
    made = run("backup.sh", str(tmp_path / "b"), env=env).strip().splitlines()[-1]
    with open(os.path.join(made, "db.dump"), "r+b") as dump:
        dump.seek(200)
        dump.write(b"\0" * 64)
    result = subprocess.run(
        ["bash", str(ROOT / "deploy" / "restore.sh"), made],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "FAILED" in result.stdout + result.stderr
    assert before >= 1
    assert pages_titled(private_pg, "kb_corrupt", TITLE) == before
