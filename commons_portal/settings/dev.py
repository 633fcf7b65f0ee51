"""The embedded default of `make run`: SQLite under var/, in-process jobs, e-mails written to var/mail/.

Setting DATABASE_URL and REDIS_URL switches to PostgreSQL and Redis with a separate Celery worker.
"""

import os

os.environ.setdefault("SECRET_KEY", "embedded-mode-only-not-a-secret")  # noqa: S105
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "sqlite:///" + os.path.join(os.path.dirname(__file__), "../../var/db.sqlite3"))
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")

from .base import *  # noqa: E402, F403

# The demo accounts' password exists only in this embedded mode (see `manage.py load_demo`).
DEMO_PASSWORD = "demo-commons"  # noqa: S105
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Static files straight from the apps and static/, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
