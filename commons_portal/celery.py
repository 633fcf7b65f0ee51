"""Celery application: configured from Django settings (the CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commons_portal.settings.dev")

app = Celery("commons_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
