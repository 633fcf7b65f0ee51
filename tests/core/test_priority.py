"""Background work (the Celery worker, `manage.py render_pdf`) runs at a lower CPU priority than the web."""

import subprocess
import sys

from celery.signals import worker_init

import commons_portal.celery  # noqa: F401  (connects the worker's signal)


def test_background_work_lowers_its_cpu_priority_by_the_setting():
    script = (
        "import os, django; from django.conf import settings; settings.configure(BACKGROUND_NICENESS=7); "
        "from commons_portal.core.priority import lower_cpu_priority; "
        "before = os.nice(0); print(lower_cpu_priority() - before)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "7"


def test_the_worker_lowers_its_priority_before_starting_its_pool():
    receivers = [receiver() for _key, receiver in worker_init.receivers]
    assert any(getattr(receiver, "__name__", "") == "_yield_to_the_web" for receiver in receivers)
