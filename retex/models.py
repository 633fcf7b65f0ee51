"""Workshops and experience reports (RETEX).

An event (training cycle, états généraux, journée) has sessions; a session has an agenda, participants
by the 9 categories of the reference restitution (seed 003) and, in that document's order, its workshop
records: diagnostic, projections, action plan and flagship proposal. Partners write experience reports
through a reviewed workflow. Typed links (`TraceLink`) keep the chain pain point → need → lever → action
plan item → roadmap action → indicator, whatever app the objects live in.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commons_portal import permissions as p
from commons_portal.core.constraints import ends_after_start
from commons_portal.core.uploads import random_upload_path
from commons_portal.search.fields import search_document_field, search_document_index

SUMMARY_MAX_LENGTH = 400


class Theme(models.Model):
    """One of the workshop themes (#1..#5 of seed 003 by default), editable by an administrator."""

    number = models.PositiveSmallIntegerField(_("numéro"), unique=True)
    title = models.CharField(_("intitulé"), max_length=200)
    subtitle = models.CharField(_("sous-titre"), max_length=200, blank=True)
    hashtags = models.CharField(_("mots-dièse"), max_length=300, blank=True)
    guiding_questions = models.TextField(
        _("questions pour guider les ateliers"), blank=True, help_text=_("Une par ligne.")
    )

    class Meta:
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ["number"]

    def __str__(self):
        return f"#{self.number} {self.title}"

    @property
    def questions(self) -> list[str]:
        return [line.strip() for line in self.guiding_questions.splitlines() if line.strip()]


# --- events and sessions ---------------------------------------------------------------------------


class EventQuerySet(models.QuerySet):
    def with_list_related_data(self):
        return self.select_related("territory").annotate(session_count=models.Count("sessions"))


class Event(models.Model):
    class Kind(models.TextChoices):
        TRAINING_CYCLE = "training_cycle", _("Cycle de formation")
        ESTATES_GENERAL = "etats_generaux", _("États généraux")
        STUDY_DAY = "journee", _("Journée d'étude")
        WORKSHOP = "workshop", _("Atelier")
        OTHER = "other", _("Autre")

    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("territoire"), on_delete=models.PROTECT, related_name="retex_events"
    )
    organiser = models.CharField(_("organisateur"), max_length=250, blank=True)
    place = models.CharField(_("lieu"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("premier jour"), null=True, blank=True)
    end_date = models.DateField(_("dernier jour"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["-start_date", "title"]
        constraints = [ends_after_start("event_end_after_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("retex:event_detail", args=[self.slug])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Le dernier jour ne peut pas précéder le premier.")})


class SessionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(restitution_status=Session.RestitutionStatus.PUBLISHED)

    def visible_to(self, user):
        if p.scope_of(user).national_admin:
            return self
        scope = p.scope_of(user)
        query = Q(restitution_status=Session.RestitutionStatus.PUBLISHED)
        if user.is_authenticated:
            query |= Q(facilitators=user) | scope.territory_q(p.EDITING_ROLES, "event__territory")
        return self.filter(query).distinct()

    def with_list_related_data(self):
        return self.select_related("event", "event__territory")


class Session(models.Model):
    class Format(models.TextChoices):
        ON_SITE = "on_site", _("Présentiel")
        REMOTE = "remote", _("Distanciel")
        BOTH = "both", _("Les deux")

    class RestitutionStatus(models.TextChoices):
        DRAFT = "draft", _("En cours de rédaction")
        PUBLISHED = "published", _("Publiée")

    event = models.ForeignKey(Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="sessions")
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    title = models.CharField(_("titre"), max_length=250)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    places = models.TextField(_("lieu(x) et organisation"), blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.ON_SITE)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("animateurs (comptes)"),
        related_name="facilitated_sessions",
        blank=True,
    )
    facilitators_text = models.CharField(
        _("animateurs"),
        max_length=300,
        blank=True,
        help_text=_("Noms et fonctions, tels qu'ils figurent sur la restitution."),
    )
    restitution_status = models.CharField(
        _("restitution"), max_length=10, choices=RestitutionStatus.choices, default=RestitutionStatus.DRAFT
    )
    restitution_published_at = models.DateTimeField(_("restitution publiée le"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]
        constraints = [ends_after_start("session_end_after_start", "start_time", "end_time", strict=True)]

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("retex:session_detail", args=[self.slug])

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("L'heure de fin doit suivre l'heure de début.")})

    @property
    def territory(self):
        return self.event.territory

    @property
    def is_published(self) -> bool:
        return self.restitution_status == self.RestitutionStatus.PUBLISHED


class RestitutionApproval(models.Model):
    """A facilitator's validation of the session's restitution; published once every facilitator has."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="approvals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    approved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("validation de la restitution")
        verbose_name_plural = _("validations de la restitution")
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="approval_once_per_facilitator")]

    def __str__(self):
        return f"{self.session} — {self.user}"


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Ouverture")
        ROUND_TABLE = "round_table", _("Table ronde")
        WORKSHOP = "workshop", _("Atelier")
        CONFERENCE = "conference", _("Conférence")
        SYNTHESIS = "synthesis", _("Synthèse")
        BREAK = "break", _("Pause")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    start_time = models.TimeField(_("début"))
    end_time = models.TimeField(_("fin"))
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("ordre du jour")
        ordering = ["session", "start_time", "position"]
        constraints = [
            models.CheckConstraint(name="agenda_item_end_after_start", condition=Q(end_time__gt=models.F("start_time")))
        ]

    def __str__(self):
        return f"{self.start_time:%H:%M}–{self.end_time:%H:%M} {self.title}"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("L'heure de fin doit suivre l'heure de début.")})


class Speaker(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speakers")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("nom"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    role = models.CharField(_("fonction"), max_length=300, blank=True)
    is_moderator = models.BooleanField(_("anime"), default=False)

    class Meta:
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
        ordering = ["agenda_item", "position", "pk"]

    def __str__(self):
        return self.name


class ParticipantCategory(models.TextChoices):
    """The 9 categories of participants of the reference restitution (seed 003), in its order."""

    PRIMARY_TEAMS = "primary_teams", _("Équipes pédagogiques, éducatives et administratives du premier degré")
    SECONDARY_TEAMS = "secondary_teams", _("Équipes pédagogiques, éducatives et administratives du second degré")
    ACADEMIC = "academic", _("Représentants académiques")
    USERS = "users", _("Représentants des usagers (familles et élèves)")
    ASSOCIATIONS = (
        "associations",
        _("Associations et collectifs actifs de la sphère éducative locale, de médiation et d'inclusion"),
    )
    ELECTED = (
        "elected",
        _(
            "Élus, cadres et représentants d'association, d'élus communaux, départementaux, régionaux "
            "et des collectivités"
        ),
    )
    RESEARCHERS = "researchers", _("Chercheurs")
    OPERATORS = "operators", _("Opérateurs")
    EDTECH = "edtech", _("Représentants de la filière EdTech")


class ParticipantCount(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participant_counts")
    category = models.CharField(_("catégorie"), max_length=20, choices=ParticipantCategory.choices)
    count = models.PositiveIntegerField(_("nombre de participants"), null=True, blank=True)
    establishments = models.PositiveIntegerField(_("nombre d'établissements représentés"), null=True, blank=True)

    class Meta:
        verbose_name = _("participants d'une catégorie")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["session", "category"], name="participants_once_per_category")]

    def __str__(self):
        return f"{self.get_category_display()} : {self.count}"

    @property
    def order(self) -> int:
        return list(ParticipantCategory.values).index(self.category)


# --- experience reports ------------------------------------------------------------------------------


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Soumis, en relecture")
    RETURNED = "returned", _("Renvoyé pour modification")
    PUBLISHED = "published", _("Publié")
    SUPERSEDED = "superseded", _("Remplacé par une version plus récente")


class ExperienceReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)

    def reviewable_by(self, user):
        scope = p.scope_of(user)
        return self.filter(scope.territory_q(p.EDITING_ROLES)).exclude(status=ReportStatus.DRAFT)

    def visible_to(self, user):
        """Published reports for everyone; one's own; those a reviewer acts on (not others' drafts)."""
        if not user.is_authenticated:
            return self.published()
        scope = p.scope_of(user)
        query = Q(status=ReportStatus.PUBLISHED) | Q(author=user)
        query |= scope.territory_q(p.EDITING_ROLES) & ~Q(status=ReportStatus.DRAFT)
        return self.filter(query)

    def with_list_related_data(self):
        return self.select_related("territory", "organisation").prefetch_related("themes")


def attachment_upload_to(instance, filename) -> str:
    """A random name: the original one is kept in the row, never used on disk."""
    return random_upload_path("retex", filename)


class ExperienceReport(models.Model):
    """A RETEX. A draft may be incomplete; `submit()` checks that everything required is there.

    Editing a published report creates a new revision (`revision_of` points at the published one), which
    replaces it only once published itself.
    """

    REQUIRED_FOR_SUBMISSION = ("title", "summary", "territory", "strengths", "pain_points")

    title = models.CharField(_("titre"), max_length=200, blank=True)
    summary = models.TextField(
        _("résumé"),
        blank=True,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text=_("2 ou 3 lignes (%(max)s caractères au plus).") % {"max": SUMMARY_MAX_LENGTH},
    )
    link = models.URLField(_("lien vers une ressource"), blank=True, help_text=_("Vidéo, article, site…"))
    themes = models.ManyToManyField(Theme, verbose_name=_("thématiques"), related_name="reports", blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("territoire"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="retex_reports",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retex_reports",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="retex_reports"
    )
    strengths = models.TextField(_("points forts"), blank=True, help_text=_("Ce qui a bien fonctionné. Un par ligne."))
    pain_points = models.TextField(
        _("irritants"),
        blank=True,
        help_text=_("Ce qui n'a pas bien fonctionné, ce qu'on aurait aimé éviter. Un par ligne."),
    )
    status = models.CharField(_("statut"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    review_comment = models.TextField(_("commentaire de relecture"), blank=True)
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("révision de"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    commons = models.ManyToManyField(
        "partners.Commons", verbose_name=_("communs numériques concernés"), related_name="retex_reports", blank=True
    )
    adopted_in = models.ManyToManyField(
        "territories.Territory",
        verbose_name=_("repris dans les territoires"),
        related_name="adopted_retex",
        blank=True,
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    submitted_at = models.DateTimeField(_("soumis le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # The page (one rendering of a form step) that wrote last: its own autosaves never count as a
    # concurrent edit, another tab's or person's do.
    edit_token = models.CharField(max_length=32, blank=True, editable=False)

    SEARCH_FIELDS = ("title", "summary", "strengths", "pain_points")
    search_document = search_document_field(*SEARCH_FIELDS)

    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "edit_token", "search_document"], m2m_fields=[themes]
    )
    objects = ExperienceReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("retour d'expérience")
        verbose_name_plural = _("retours d'expérience")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            # Every column of `visible_to`: a reviewer's total is counted from the index alone, without
            # reading the reports' text (the review queue's status and territory lead it).
            models.Index(fields=["status", "territory", "author"], name="retex_report_visibility"),
            # The public list's order, so that its first page does not sort every published report.
            models.Index(fields=["status", "-published_at", "-updated_at", "-id"], name="retex_report_list_order"),
            # The API's and the review queue's order (most recently changed first) within a status.
            models.Index(fields=["status", "-updated_at", "-id"], name="retex_report_recent"),
            # The same two orders across statuses, for a reviewer's lists (published, submitted and returned
            # mixed): read in order until the page is full instead of sorting every visible report.
            models.Index(fields=["-published_at", "-updated_at", "-id"], name="retex_report_all_order"),
            models.Index(fields=["-updated_at", "-id"], name="retex_report_all_recent"),
            search_document_index("retex_report_search"),
        ]

    def __str__(self):
        return self.title or str(_("RETEX sans titre"))

    def get_absolute_url(self):
        return reverse("retex:report_detail", args=[self.pk])

    def missing_for_submission(self) -> dict[str, str]:
        """{field: French message} for what a submission needs and the draft lacks."""
        missing = {}
        for name in self.REQUIRED_FOR_SUBMISSION:
            if not getattr(self, name if name != "territory" else "territory_id"):
                label = self._meta.get_field(name).verbose_name
                missing[name] = _("Renseignez « %(field)s » avant de soumettre.") % {"field": label}
        if self.pk and not self.themes.exists():
            missing["themes"] = _("Choisissez au moins une thématique avant de soumettre.")
        return missing

    @property
    def strengths_list(self) -> list[str]:
        return [line.strip(" -•▶") for line in self.strengths.splitlines() if line.strip(" -•▶")]

    @property
    def pain_points_list(self) -> list[str]:
        return [line.strip(" -•▶") for line in self.pain_points.splitlines() if line.strip(" -•▶")]

    @property
    def is_editable_status(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    # Transitions: each takes the acting user and refuses with a clear error. Services call them,
    # save, and send the e-mails.

    def _require(self, allowed: tuple[str, ...], action: str) -> None:
        if self.status not in allowed:
            raise ValidationError(
                _("Impossible de %(action)s un RETEX au statut « %(status)s ».")
                % {"action": action, "status": self.get_status_display()},
                code="bad_status",
            )

    def submit(self, *, user) -> None:
        self._require((ReportStatus.DRAFT, ReportStatus.RETURNED), _("soumettre"))
        missing = self.missing_for_submission()
        if missing:
            raise ValidationError(missing, code="incomplete")
        self.status = ReportStatus.SUBMITTED
        self.submitted_at = timezone.now()

    def return_for_changes(self, *, user, comment: str) -> None:
        self._require((ReportStatus.SUBMITTED,), _("renvoyer"))
        if not comment.strip():
            raise ValidationError(
                {"comment": _("Expliquez à l'auteur ce qu'il doit modifier : le commentaire est obligatoire.")},
                code="comment_required",
            )
        self.status = ReportStatus.RETURNED
        self.review_comment = comment.strip()

    def publish(self, *, user) -> None:
        # A returned report is blocked until its author resubmits it.
        self._require((ReportStatus.SUBMITTED,), _("publier"))
        self.status = ReportStatus.PUBLISHED
        self.published_at = timezone.now()
        self.review_comment = ""


class Attachment(models.Model):
    """A file attached to a report; stored under a random name, downloaded through a checked view."""

    report = models.ForeignKey(ExperienceReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name


# --- workshop records of a session, in the order of seed 003 ---------------------------------------


class SessionRecord(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="%(class)s_set")
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    theme = models.ForeignKey(
        Theme, verbose_name=_("thématique"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    @property
    def territory(self):
        return self.session.event.territory


class DiagnosticRow(SessionRecord):
    """A row of the diagnostic: a RETEX presented at the session, its pain points and strengths."""

    report = models.ForeignKey(
        ExperienceReport,
        verbose_name=_("RETEX"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="diagnostic_rows",
    )
    pain_points = models.TextField(_("irritants"), help_text=_("Un par ligne."))
    strengths = models.TextField(_("points forts"), blank=True, help_text=_("Un par ligne."))

    history = HistoricalRecords()

    class Meta(SessionRecord.Meta):
        verbose_name = _("ligne du diagnostic")
        verbose_name_plural = _("diagnostic")

    def __str__(self):
        return str(_("Diagnostic : %(report)s")) % {"report": self.report or "—"}

    @property
    def pain_points_list(self):
        return [line.strip() for line in self.pain_points.splitlines() if line.strip()]

    @property
    def strengths_list(self):
        return [line.strip() for line in self.strengths.splitlines() if line.strip()]


class Projection(SessionRecord):
    """Pain point → need → improvement lever."""

    pain_point = models.TextField(_("irritant principal"))
    need = models.TextField(_("besoin"))
    lever = models.TextField(_("axe d'amélioration ou levier"))

    history = HistoricalRecords()

    class Meta(SessionRecord.Meta):
        verbose_name = _("projection")
        verbose_name_plural = _("projections")

    def __str__(self):
        return self.need


class ActionPlanItem(SessionRecord):
    """What / how / who / when / indicators and success factors; promotable into a roadmap action."""

    what = models.TextField(_("axe d'amélioration (quoi)"))
    how = models.TextField(_("actions à mener (comment)"))
    who = models.TextField(_("acteurs mobilisés (qui)"))
    when = models.CharField(_("temporalité (quand)"), max_length=300)
    indicators = models.TextField(_("indicateurs et facteurs de réussite"), blank=True)

    history = HistoricalRecords()

    class Meta(SessionRecord.Meta):
        verbose_name = _("action du plan")
        verbose_name_plural = _("plan d'action")

    def __str__(self):
        return self.what


class FlagshipProposal(models.Model):
    """The flagship proposal sheet of a session (one per session)."""

    class Level(models.TextChoices):
        LOW = "low", _("Faible")
        MEDIUM = "medium", _("Moyen")
        HIGH = "high", _("Fort")

    class Horizon(models.TextChoices):
        SHORT = "short", _("Court terme")
        MEDIUM = "medium", _("Moyen terme")
        LONG = "long", _("Long terme")

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="flagship")
    title = models.CharField(_("titre de la proposition phare"), max_length=300, blank=True)
    summary = models.TextField(_("résumé de la mesure"))
    territory_label = models.CharField(_("territoire concerné"), max_length=200, blank=True)
    referent = models.CharField(_("référent du projet"), max_length=300, blank=True)
    financial_means = models.TextField(_("moyens financiers"), blank=True)
    human_means = models.TextField(_("moyens humains"), blank=True)
    legal_means = models.TextField(_("moyens juridiques"), blank=True)
    difficulties = models.TextField(_("difficultés principales rencontrées"), blank=True)
    impact_establishments = models.PositiveIntegerField(_("nombre d'établissements concernés"), null=True, blank=True)
    impact_establishments_note = models.CharField(_("précision sur les établissements"), max_length=200, blank=True)
    impact_pupils = models.PositiveIntegerField(_("nombre d'élèves concernés"), null=True, blank=True)
    impact_parents = models.PositiveIntegerField(_("nombre de parents concernés"), null=True, blank=True)
    impact_teachers = models.PositiveIntegerField(_("nombre d'enseignants concernés"), null=True, blank=True)
    effort = models.CharField(_("effort de mise en place"), max_length=10, choices=Level.choices, blank=True)
    time_horizon = models.CharField(_("temporalité nécessaire"), max_length=10, choices=Horizon.choices, blank=True)
    sustain_needs = models.TextField(_("besoins pour pérenniser le dispositif"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposition phare")
        verbose_name_plural = _("propositions phares")

    def __str__(self):
        return self.title or self.summary[:80]

    @property
    def territory(self):
        return self.session.event.territory


# --- traceability ------------------------------------------------------------------------------------


class TraceLink(models.Model):
    """A typed link between two objects of any app, along the chain
    pain point → need → lever → action plan item → roadmap action → indicator, and RETEX ↔ commons ↔
    organisations. Generic, so that retex links into roadmaps and partners without them knowing."""

    class Kind(models.TextChoices):
        DIAGNOSED = "diagnosed", _("a nourri le diagnostic")
        PROJECTED = "projected", _("irritant traduit en besoin et levier")
        PLANNED = "planned", _("levier mis en œuvre par l'action")
        PROMOTED = "promoted", _("promue dans la feuille de route")
        MEASURED = "measured", _("mesurée par l'indicateur")
        ABOUT_COMMONS = "about_commons", _("concerne le commun")
        INVOLVES = "involves", _("implique l'organisation")

    kind = models.CharField(_("type de lien"), max_length=20, choices=Kind.choices)
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lien de traçabilité")
        verbose_name_plural = _("liens de traçabilité")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "target_type", "target_id"], name="trace_link_unique"
            )
        ]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.source} → {self.target} ({self.get_kind_display()})"
