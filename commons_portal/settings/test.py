"""The test suite's settings: SQLite in memory by default, PostgreSQL when DATABASE_URL is set."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")  # noqa: S105
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

from .base import *  # noqa: E402, F403

DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Tests run tasks eagerly unless they ask for the real worker (tests/conftest.py `celery_worker`).
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEMO_PASSWORD = "demo-commons"  # noqa: S105
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
# Static files straight from the apps and static/, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Commands run in the test process, and the test workers, keep the priority of the tests that wait on them.
BACKGROUND_NICENESS = 0
