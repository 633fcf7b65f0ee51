"""Writes on PDF jobs: request (validate, dedupe, enqueue), render (in the worker), sweep stuck jobs."""

import hashlib
import json
import logging
from contextlib import contextmanager
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commons_portal.territories.models import Territory
from commons_portal.territories.services import territory_by_code

from .models import PdfJob
from .registry import PdfInputError, PdfKind, TerritoryUse, get_kind
from .rendering import RenderedPdf, html_to_pdf

logger = logging.getLogger(__name__)


def max_attempts() -> int:
    """A job whose worker dies this many times is failed instead of being tried again."""
    return getattr(settings, "PDF_JOB_MAX_ATTEMPTS", 3)


def running_timeout() -> timedelta:
    """A job still running after this long is failed by the sweep (its worker is gone)."""
    return timedelta(seconds=getattr(settings, "PDF_JOB_TIMEOUT", 15 * 60))


def queued_timeout() -> timedelta:
    """A job no worker has started after this long is failed by the sweep (the queue lost it)."""
    return timedelta(seconds=getattr(settings, "PDF_JOB_QUEUED_TIMEOUT", 60 * 60))


def requeue_after() -> timedelta:
    """A job no worker has started after this long is sent again by the sweep (its message may be lost)."""
    return timedelta(seconds=getattr(settings, "PDF_JOB_REQUEUE_AFTER", 10 * 60))


def _text(value, *, field: str, label: str) -> str:
    """A parameter typed as text (an int is accepted for an id); anything else is refused."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PdfInputError(_("%(label)s doit être un texte.") % {"label": label}, field=field)
    text = str(value).strip()
    if "\x00" in text or len(text) > 200:
        raise PdfInputError(_("%(label)s n'est pas valide.") % {"label": label}, field=field)
    return text


def pdf_resolve(*, kind, object_ref, territory_code) -> tuple[PdfKind, object, Territory | None]:
    """The kind, object and territory a request designates; PdfInputError with the field to blame."""
    if not isinstance(kind, str | PdfKind):
        raise PdfInputError(_("Le type de document doit être un texte."), field="kind")
    pdf_kind = kind if isinstance(kind, PdfKind) else get_kind(kind)
    object_ref = _text(object_ref, field="object", label=_("L'objet"))
    territory_code = _text(territory_code, field="territory", label=_("Le territoire"))
    if pdf_kind.territory_use == TerritoryUse.SUBJECT:
        territory_code = territory_code or object_ref
    territory = None
    if pdf_kind.territory_use != TerritoryUse.NONE and territory_code:
        try:
            territory = territory_by_code(territory_code)
        except Territory.DoesNotExist:
            raise PdfInputError(
                _("Territoire inconnu : « %(code)s » (exemples : R27, A03, D25, national).") % {"code": territory_code},
                field="territory",
            ) from None
    if pdf_kind.territory_use == TerritoryUse.SUBJECT and territory is None:
        raise PdfInputError(_("Indiquez le territoire de la synthèse (ou « national »)."), field="territory")
    obj = None
    if pdf_kind.resolve_object is not None:
        if not object_ref:
            raise PdfInputError(_("Indiquez l'objet du document (identifiant ou slug)."), field="object")
        obj = pdf_kind.resolve_object(object_ref)
    return pdf_kind, obj, territory


def _parameters(obj, territory) -> dict:
    return {"object": str(obj.pk) if obj is not None else "", "territory": territory.code if territory else ""}


def _dedupe_key(kind: PdfKind, parameters: dict, content_hash: str) -> str:
    material = json.dumps({"kind": kind.name, "parameters": parameters, "content": content_hash}, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


@transaction.atomic
def pdf_job_request(*, kind, object_ref, territory_code=None, user) -> PdfJob:
    """Ask for a document. The same content already rendered (or being rendered) is answered by that job,
    without rendering again; otherwise a job is created and handed to the worker once committed.

    Raises PermissionDenied when the user may not ask for syntheses at all, PdfInputError (with the field
    to blame) for an unknown kind, object or territory, a parameter of the wrong type, or an object the
    user may not see (told as "not found", so that its existence does not leak)."""
    if not user.has_perm("jobs.request_pdf"):
        raise PermissionDenied(_("Vous ne pouvez pas demander de synthèse PDF."))
    pdf_kind, obj, territory = pdf_resolve(kind=kind, object_ref=object_ref, territory_code=territory_code)
    if not pdf_kind.user_may_view(user, obj, territory):
        field = "object" if obj is not None else "territory"
        raise PdfInputError(_("Aucun document de ce type que vous puissiez consulter ne correspond."), field=field)
    pdf_jobs_fail_stuck()
    parameters = _parameters(obj, territory)
    content_hash = pdf_kind.hash_of(obj, territory)
    key = _dedupe_key(pdf_kind, parameters, content_hash)
    live = PdfJob.objects.select_for_update().filter(dedupe_key=key, status__in=[*PdfJob.ACTIVE_STATUSES, "done"])
    job = live.first()
    created = False
    if job is None:
        try:
            with transaction.atomic():
                job = PdfJob.objects.create(
                    kind=pdf_kind.name,
                    parameters=parameters,
                    title=str(pdf_kind.title(obj, territory))[:300],
                    requester=user,
                    dedupe_key=key,
                    content_hash=content_hash,
                )
        except IntegrityError:
            # Another request for the same content committed first: answer with its job.
            job = live.get()
        else:
            from .tasks import render_pdf_job

            created = True
            transaction.on_commit(partial(render_pdf_job.delay, job.pk))
    job.subscribers.add(user)
    job.created_by_this_request = created  # the API answers 201 or 200 from it
    return job


def pdf_job_objects(job: PdfJob) -> tuple[PdfKind, object, Territory | None]:
    """The kind, object and territory a job was asked for (PdfInputError if they are gone)."""
    return pdf_resolve(kind=job.kind, object_ref=job.object_ref or None, territory_code=job.territory_code or None)


def pdf_job_may_view(job: PdfJob, user) -> bool:
    """Whether the user may follow and download the job: the kind's permission on its object."""
    if not user.is_authenticated:
        return False
    try:
        kind, obj, territory = pdf_job_objects(job)
    except PdfInputError:
        return False
    return kind.user_may_view(user, obj, territory)


def _set_progress(job_id: int, percent: int) -> None:
    PdfJob.objects.filter(pk=job_id, status=PdfJob.Status.RUNNING).update(progress=percent)


def _claim(job_id: int) -> PdfJob | None:
    """Mark the job running for one more attempt; None when there is nothing (left) to do."""
    with transaction.atomic():
        job = PdfJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_finished:
            return None
        if job.attempts >= max_attempts():
            job.status = PdfJob.Status.FAILED
            job.error = _(
                "Le rendu a été interrompu %(count)s fois (processus arrêté en cours de route) ; "
                "la demande est abandonnée. Vous pouvez la relancer."
            ) % {"count": job.attempts}
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
            return None
        job.status = PdfJob.Status.RUNNING
        job.attempts += 1
        job.progress = 5
        job.started_at = timezone.now()
        job.save(update_fields=["status", "attempts", "progress", "started_at"])
        return job


def pdf_render(kind: PdfKind, obj, territory, *, on_progress=None) -> tuple[str, RenderedPdf]:
    """Render one document to PDF bytes; returns the HTML it came from too."""
    html = kind.render_html(obj, territory)
    if on_progress:
        on_progress(40)
    return html, html_to_pdf(html, title=str(kind.title(obj, territory)), on_progress=on_progress)


# First key of the advisory locks on jobs being rendered ("PDF"); the second is the job's id.
_RENDER_LOCK_KEY = 0x504446


@contextmanager
def _render_lock(job_id: int):
    """Whether this process may render the job: no other live process renders it. A job may get a second
    message while it renders (sent again by the sweep, or redelivered after a broker restart); `_claim`
    alone would take that for the sign of a dead worker and render the job a second time. A PostgreSQL
    advisory lock belongs to the database session, so a worker that dies mid-render releases it, and the
    next delivery renders as before. SQLite only serves the embedded mode, where tasks run in-process
    one at a time: nothing to guard there."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [_RENDER_LOCK_KEY, job_id])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_RENDER_LOCK_KEY, job_id])
            except DatabaseError:
                logger.warning("PDF job %s: the render lock went with its database session", job_id)


def pdf_job_render(*, job_id: int) -> PdfJob | None:
    """Render a job (the worker's side). Idempotent: a finished job, or one that another live process is
    rendering, is left as it is. A failure marks the job failed with a readable error; the process dying
    mid-render leaves it running, and the next delivery of the task counts the attempt (bounded by
    `max_attempts()`)."""
    with _render_lock(job_id) as held:
        if not held:
            return PdfJob.objects.filter(pk=job_id).first()
        return _render(job_id)


def _render(job_id: int) -> PdfJob | None:
    job = _claim(job_id)
    if job is None:
        return PdfJob.objects.filter(pk=job_id).first()
    try:
        kind, obj, territory = pdf_job_objects(job)
        _set_progress(job.pk, 15)
        html, rendered = pdf_render(kind, obj, territory, on_progress=partial(_set_progress, job.pk))
    except Exception as exc:  # a render that fails must never leave the job running
        logger.exception("PDF job %s failed", job.pk)
        message = exc.message if isinstance(exc, PdfInputError) else f"{exc.__class__.__name__} : {exc}"
        finished = PdfJob.objects.filter(pk=job.pk, status=PdfJob.Status.RUNNING).update(
            status=PdfJob.Status.FAILED,
            error=_("Le rendu a échoué : %(message)s") % {"message": message[:2000]},
            finished_at=timezone.now(),
        )
        if finished:
            _notify(job.pk)
        return PdfJob.objects.get(pk=job.pk)
    job.output.save(job.filename, ContentFile(rendered.content), save=False)
    if kind.content_hash is None:
        job.content_hash = hashlib.sha256(html.encode()).hexdigest()
    finished = PdfJob.objects.filter(pk=job.pk, status=PdfJob.Status.RUNNING).update(
        status=PdfJob.Status.DONE,
        progress=100,
        output=job.output.name,
        page_count=rendered.page_count,
        content_hash=job.content_hash,
        error="",
        finished_at=timezone.now(),
        render_seconds=rendered.seconds,
    )
    if not finished:
        # The sweep gave up on this job while it rendered: its file is not wanted any more.
        job.output.delete(save=False)
    else:
        _notify(job.pk)
    return PdfJob.objects.get(pk=job.pk)


def _notify(job_id: int) -> None:
    """E-mail everyone who asked that the document is ready (or could not be made)."""
    job = PdfJob.objects.get(pk=job_id)
    recipients = list(job.subscribers.exclude(email="").values_list("email", flat=True))
    if not recipients:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("jobs:detail", args=[job.pk])
    context = {"job": job, "link": link, "portal_name": settings.PORTAL_NAME}
    if job.status == PdfJob.Status.DONE:
        subject = _("Votre synthèse PDF est prête : %(title)s") % {"title": job.title}
    else:
        subject = _("Votre synthèse PDF n'a pas pu être produite : %(title)s") % {"title": job.title}
    try:
        send_mail(
            subject=subject[:200],
            message=render_to_string("jobs/email/job_finished.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
    except OSError:
        # The document is there whatever happens to the e-mail: the list page shows it.
        logger.exception("could not e-mail the requesters of PDF job %s", job_id)


def pdf_jobs_fail_stuck(*, now=None) -> int:
    """Fail the jobs whose worker is gone (running too long) or that no worker picked up (queued too
    long), so that nobody waits for them forever. Returns how many were failed."""
    now = now or timezone.now()
    running = PdfJob.objects.filter(status=PdfJob.Status.RUNNING, started_at__lt=now - running_timeout()).update(
        status=PdfJob.Status.FAILED,
        error=_("Le rendu n'a pas abouti dans le délai imparti ; la demande est abandonnée. Vous pouvez la relancer."),
        finished_at=now,
    )
    queued = PdfJob.objects.filter(status=PdfJob.Status.QUEUED, created_at__lt=now - queued_timeout()).update(
        status=PdfJob.Status.FAILED,
        error=_("Aucun processus de rendu n'a pris la demande en charge ; vous pouvez la relancer."),
        finished_at=now,
    )
    return running + queued


def pdf_jobs_send_again(*, now=None) -> int:
    """Send again the jobs that have waited longer than `requeue_after()` (the sweep fails them after
    `queued_timeout()`). A Redis restarted without persistence, as docker-compose.yml runs it, loses the
    messages it held: no worker would ever start these jobs, and every new request for the same document
    would be answered by the stuck one. When the message was only slow, the job gets two, which is
    harmless: a finished job, or one being rendered, is left as it is (`pdf_job_render`). Returns how
    many were sent."""
    from .tasks import render_pdf_job

    now = now or timezone.now()
    waiting = PdfJob.objects.filter(
        status=PdfJob.Status.QUEUED,
        created_at__lt=now - requeue_after(),
        created_at__gte=now - queued_timeout(),
    ).values_list("pk", flat=True)
    job_ids = list(waiting)
    for job_id in job_ids:
        transaction.on_commit(partial(render_pdf_job.delay, job_id))
    return len(job_ids)
