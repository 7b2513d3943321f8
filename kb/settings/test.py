"""Settings for the test suite: fast hashing, files in a temporary folder, tasks run inline."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "django-insecure-test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kb-test-media-"))
STORAGES["private"]["OPTIONS"]["location"] = str(MEDIA_ROOT / "private")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# The page cache is tested on its own (tests/pages/test_page_cache.py): elsewhere every
# request renders the page, so a test never reads a page another test left in the cache.
KB_PAGE_CACHE_SECONDS = 0
