"""Thin Celery tasks: they take ids and call the services."""

from celery import shared_task
from django.conf import settings

from . import services

# The hard limit kills a render that hangs; the process loss then counts as one attempt.
_TIME_LIMIT = getattr(settings, "PDF_JOB_TIMEOUT", 15 * 60)


@shared_task(
    name="jobs.render_pdf_job",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=_TIME_LIMIT - 30,
    time_limit=_TIME_LIMIT,
    ignore_result=True,
)
def render_pdf_job(job_id: int) -> None:
    services.pdf_job_render(job_id=job_id)


@shared_task(name="jobs.sweep_stuck_pdf_jobs", ignore_result=True)
def sweep_stuck_pdf_jobs() -> int:
    return services.pdf_jobs_fail_stuck() + services.pdf_jobs_send_again()
