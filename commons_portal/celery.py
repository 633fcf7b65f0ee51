"""Celery application: configured from Django settings (the CELERY_* names)."""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commons_portal.settings.dev")

app = Celery("commons_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _yield_to_the_web(**kwargs):
    """The worker's main process, before it starts its pool: the pool's processes inherit the priority."""
    from commons_portal.core.priority import lower_cpu_priority

    lower_cpu_priority()
