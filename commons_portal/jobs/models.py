"""PDF syntheses rendered by a Celery worker: one row per document asked for."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PdfJobQuerySet(models.QuerySet):
    def requested_by(self, user):
        """The jobs a person asked for (a request answered by an existing job counts too)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(subscribers=user)

    def with_list_related_data(self):
        return self.select_related("requester")

    def active(self):
        return self.filter(status__in=PdfJob.ACTIVE_STATUSES)


def output_path(job, filename):
    return f"syntheses/{job.created_at:%Y/%m}/{job.pk}-{filename}"


class PdfJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Prêt")
        FAILED = "failed", _("Échec")

    ACTIVE_STATUSES = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField(_("type de document"), max_length=40)
    parameters = models.JSONField(_("paramètres"), default=dict)
    title = models.CharField(_("titre"), max_length=300)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="pdf_jobs",
    )
    # Everyone whose request this job answers: they see it in their list and get the e-mail.
    subscribers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("demandeurs"), related_name="subscribed_pdf_jobs", blank=True
    )
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    output = models.FileField(_("fichier"), upload_to=output_path, blank=True, max_length=300)
    page_count = models.PositiveIntegerField(_("nombre de pages"), null=True, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    # sha256 of kind + parameters + content: equal keys are the same document.
    dedupe_key = models.CharField(max_length=64, db_index=True)
    content_hash = models.CharField(_("empreinte du contenu"), max_length=64)
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    render_seconds = models.FloatField(_("durée du rendu (s)"), null=True, blank=True)

    objects = PdfJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("synthèse PDF")
        verbose_name_plural = _("synthèses PDF")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one live (waiting, running or ready) job per document: two requests at once render once.
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(status__in=["queued", "running", "done"]),
                name="pdfjob_one_live_job_per_content",
            ),
            models.CheckConstraint(name="pdfjob_progress_percent", condition=Q(progress__lte=100)),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def object_ref(self) -> str:
        return self.parameters.get("object", "")

    @property
    def territory_code(self) -> str:
        return self.parameters.get("territory", "")

    @property
    def filename(self) -> str:
        from django.utils.text import slugify

        return f"{slugify(self.title)[:80] or self.kind}.pdf"
