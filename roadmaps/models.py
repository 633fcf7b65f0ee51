"""Territorial roadmaps ("feuilles de route"): axes, stakes, programmes, objectives, actions,
indicators with their values, governance bodies and phases.

Every content model carries a `version` integer: the services refuse a write made from a stale copy
(optimistic concurrency), so two editors never silently overwrite each other. Validating a roadmap
freezes it: the services refuse any write on a validated or archived edition.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commons_portal.core.constraints import ends_after_start
from commons_portal.permissions import EDITING_ROLES, abilities, scope_of
from commons_portal.search.fields import search_document_field, search_document_index

from .exceptions import TransitionError

PROGRESS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


def school_year_label(start_year: int | None) -> str:
    """2017 → "2017-2018"."""
    return f"{start_year}-{start_year + 1}" if start_year else ""


def reject_duplicate_title(obj, siblings, field: str) -> None:
    """Two axes, programmes or indicators of one roadmap may not share a title (case and spaces aside)."""
    value = " ".join((getattr(obj, field) or "").split()).casefold()
    # Compared in Python: SQLite's case-insensitive match ignores accents' case ("É" vs "é").
    others = siblings.exclude(pk=obj.pk).values_list(field, flat=True)
    if value and any(" ".join(other.split()).casefold() == value for other in others):
        raise ValidationError({field: _("Ce titre est déjà utilisé dans cette feuille de route.")}, code="duplicate")


class Versioned(models.Model):
    """A row edited concurrently: `version` grows by one at each accepted write."""

    version = models.PositiveIntegerField(_("version d'enregistrement"), default=1, editable=False)

    class Meta:
        abstract = True


# --- Roadmap ---------------------------------------------------------------------------------------


def visible_roadmaps_q(user, path: str = "") -> Q:
    """`visible_to(user)` as a filter on the roadmap reached through `path` ("roadmap__" for a programme):
    the parts of the roadmaps one sees are filtered on the joined roadmap, without a subquery (which the
    planner spent as long on as on the rest of an API page's query)."""
    published = Q(**{f"{path}status__in": Roadmap.PUBLISHED_STATUSES})
    return published | scope_of(user).territory_q(EDITING_ROLES, field_name=f"{path}territory")


class RoadmapQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=Roadmap.PUBLISHED_STATUSES)

    def visible_to(self, user):
        """Published roadmaps for everyone; drafts and roadmaps in review only inside their territory
        (editors and administrators of the territory or an ancestor)."""
        return self.filter(visible_roadmaps_q(user))

    def editable_by(self, user):
        return self.filter(scope_of(user).territory_q(EDITING_ROLES))

    def with_list_related_data(self):
        return self.select_related("territory", "parent", "previous_version").order_by(
            "territory__path", "-period_start", "-edition"
        )

    def with_progress_data(self):
        """What the progress roll-up reads: axes, programmes and actions, in a constant number of queries."""
        return self.prefetch_related(
            models.Prefetch("axes", queryset=Axis.objects.select_related("national_axis")),
            "axes__programmes__actions",
        )

    def with_tree(self, *, indicator_values: bool = True):
        """Everything a roadmap page shows, in a number of queries that does not grow with the content.

        `indicator_values=False` leaves out the indicators' series, for a page that shows only the latest
        value of each (`selectors.with_latest_values`).
        """
        queryset = self.select_related(
            "territory", "parent", "previous_version", "status_changed_by", "validated_by"
        ).prefetch_related(
            models.Prefetch("axes", queryset=Axis.objects.select_related("national_axis")),
            "axes__stakes",
            "axes__partners",
            "axes__programmes__objectives",
            "axes__programmes__actions",
            "axes__programmes__lead_organisations",
            "axes__programmes__contributing_organisations",
            "axes__programmes__commons",
            models.Prefetch("indicators", queryset=Indicator.objects.select_related("programme")),
            "governance_bodies",
            "phases",
        )
        return queryset.prefetch_related("indicators__values") if indicator_values else queryset


class Roadmap(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        IN_REVIEW = "in_review", _("En relecture")
        VALIDATED = "validated", _("Validée")
        ARCHIVED = "archived", _("Archivée")

    PUBLISHED_STATUSES = (Status.VALIDATED, Status.ARCHIVED)

    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("territoire"), on_delete=models.PROTECT, related_name="roadmaps"
    )
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    title = models.CharField(_("titre"), max_length=250)
    period_start = models.PositiveSmallIntegerField(
        _("première année scolaire"), help_text=_("Année de la rentrée, par exemple 2017 pour 2017-2018.")
    )
    period_end = models.PositiveSmallIntegerField(
        _("dernière année scolaire"), help_text=_("Année de la rentrée, par exemple 2020 pour 2020-2021.")
    )
    edition = models.PositiveSmallIntegerField(_("numéro de version"), default=1)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(_("statut changé le"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("statut changé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    introduction = models.TextField(_("introduction"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("feuille de route déclinée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="declinations",
        help_text=_("La feuille de route nationale que celle-ci décline."),
    )
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("version précédente"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_versions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SEARCH_FIELDS = ("title", "introduction", "conclusion")
    search_document = search_document_field(*SEARCH_FIELDS)

    history = HistoricalRecords()
    objects = RoadmapQuerySet.as_manager()

    class Meta:
        verbose_name = _("feuille de route")
        verbose_name_plural = _("feuilles de route")
        ordering = ["territory__path", "-period_start", "-edition"]
        indexes = [search_document_index("roadmap_search")]
        constraints = [
            models.CheckConstraint(name="roadmap_period_ordered", condition=Q(period_end__gte=models.F("period_start")))
        ]

    def __str__(self):
        return f"{self.title} (v{self.edition})"

    def get_absolute_url(self):
        return reverse("roadmaps:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("La dernière année scolaire ne peut pas précéder la première.")}, code="period"
            )

    @property
    def period_label(self) -> str:
        return f"{school_year_label(self.period_start)} → {school_year_label(self.period_end)}"

    @property
    def is_frozen(self) -> bool:
        return self.status in self.PUBLISHED_STATUSES

    @property
    def is_national(self) -> bool:
        return self.territory.is_national

    def get_abilities(self, user) -> dict[str, bool]:
        return abilities(user, self, ("view", "change", "delete", "submit", "validate", "archive", "new_version"))

    # Workflow: draft → in review → validated → archived, each step taking the user who made it.
    TRANSITIONS = {
        "submit": ((Status.DRAFT,), Status.IN_REVIEW),
        "reopen": ((Status.IN_REVIEW,), Status.DRAFT),
        "validate": ((Status.DRAFT, Status.IN_REVIEW), Status.VALIDATED),
        "archive": ((Status.VALIDATED,), Status.ARCHIVED),
    }

    def _transition(self, name: str, user) -> None:
        sources, target = self.TRANSITIONS[name]
        if self.status not in sources:
            raise TransitionError(self.status_refusal())
        now = timezone.now()
        self.status = target
        self.status_changed_at = now
        self.status_changed_by = user
        if target == self.Status.VALIDATED:
            self.validated_at = now
            self.validated_by = user
        self.version += 1
        self._change_reason = str(self.TRANSITION_LABELS[name])
        self.save()

    TRANSITION_LABELS = {
        "submit": _("Envoyée en relecture"),
        "reopen": _("Remise en brouillon"),
        "validate": _("Validée"),
        "archive": _("Archivée"),
    }

    def submit(self, *, user) -> None:
        self._transition("submit", user)

    def reopen(self, *, user) -> None:
        self._transition("reopen", user)

    def validate(self, *, user) -> None:
        """Freeze this edition; the validated edition it amends is archived."""
        self._transition("validate", user)
        previous = self.previous_version
        if previous is not None and previous.status == self.Status.VALIDATED:
            previous.archive(user=user)

    def archive(self, *, user) -> None:
        self._transition("archive", user)

    def status_refusal(self) -> str:
        """Why a step that does not start from the current status is refused."""
        return _("Impossible : la feuille de route est « %(status)s ».") % {"status": self.get_status_display()}

    def deletion_refusal(self) -> str:
        """Why this roadmap may not be deleted: only drafts may."""
        return _("Seul un brouillon peut être supprimé : la feuille de route est « %(status)s ».") % {
            "status": self.get_status_display()
        }

    def ongoing_next_version(self) -> "Roadmap | None":
        """The next version being drafted from this one (at most one is, so editors never split)."""
        return self.next_versions.exclude(status=self.Status.ARCHIVED).first()

    def available_transitions(self) -> list[str]:
        return [name for name, (sources, _target) in self.TRANSITIONS.items() if self.status in sources]


class GovernanceBody(Versioned):
    """An "instance" of the roadmap's governance: COREA, CODIR, COSRN, COPNI..."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="governance_bodies")
    acronym = models.CharField(_("sigle"), max_length=30)
    name = models.CharField(_("nom"), max_length=250, blank=True)
    composition = models.TextField(_("composition"), blank=True)
    frequency = models.CharField(_("fréquence des réunions"), max_length=200, blank=True)
    scope = models.TextField(_("périmètre de responsabilité"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instance de gouvernance")
        verbose_name_plural = _("instances de gouvernance")
        ordering = ["roadmap", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "acronym"], name="governance_body_unique_acronym"),
        ]

    def __str__(self):
        return f"{self.acronym} — {self.name}" if self.name else self.acronym


class Phase(Versioned):
    """A phase of the roadmap's process (analysis, shared vision, action plan, follow-up...)."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=250)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["roadmap", "number"]
        constraints = [models.UniqueConstraint(fields=["roadmap", "number"], name="phase_unique_number")]

    def __str__(self):
        return _("Phase %(number)s — %(title)s") % {"number": self.number, "title": self.title}


# --- Axes, stakes, programmes, objectives, actions -------------------------------------------------


class Axis(Versioned):
    class Kind(models.TextChoices):
        STRUCTURING = "structurant", _("Axe structurant")
        OPERATIONAL = "operationnel", _("Axe opérationnel")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="axes")
    kind = models.CharField(_("type d'axe"), max_length=12, choices=Kind.choices, default=Kind.STRUCTURING)
    number = models.PositiveSmallIntegerField(_("numéro"), help_text=_("Numéro de l'axe parmi ceux de son type."))
    title = models.CharField(_("titre"), max_length=250)
    framing = models.TextField(_("cadrage"), blank=True)
    strategic_approach = models.TextField(_("approche stratégique"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    weight = models.DecimalField(
        _("poids"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Laisser vide pour une moyenne simple."),
    )
    national_axis = models.ForeignKey(
        "self",
        verbose_name=_("axe national décliné"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="declined_by",
    )
    partners = models.ManyToManyField(
        "partners.Organisation", verbose_name=_("partenaires identifiés"), related_name="roadmap_axes", blank=True
    )
    partners_text = models.TextField(
        _("autres partenaires identifiés"), blank=True, help_text=_("Un partenaire par ligne.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("axe")
        verbose_name_plural = _("axes")
        ordering = ["roadmap", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "kind", "number"], name="axis_unique_number_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} — {self.title}"

    def clean(self):
        super().clean()
        reject_duplicate_title(self, Axis.objects.filter(roadmap_id=self.roadmap_id), "title")

    @property
    def label(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def partners_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.partners_text.splitlines() if line.strip(" -•\t")]


class Stake(Versioned):
    """An "enjeu" of an axis, in order."""

    axis = models.ForeignKey(Axis, on_delete=models.CASCADE, related_name="stakes")
    text = models.TextField(_("enjeu"))
    position = models.PositiveIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enjeu")
        verbose_name_plural = _("enjeux")
        ordering = ["axis", "position", "id"]

    def __str__(self):
        return self.text[:80]


class Programme(Versioned):
    class Status(models.TextChoices):
        PLANNED = "planned", _("À lancer")
        IN_PROGRESS = "in_progress", _("En cours")
        DONE = "done", _("Terminé")
        ON_HOLD = "on_hold", _("Suspendu")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="programmes")
    axis = models.ForeignKey(Axis, verbose_name=_("axe"), on_delete=models.CASCADE, related_name="programmes")
    number = models.PositiveSmallIntegerField(_("numéro"), help_text=_("Unique dans la feuille de route."))
    title = models.CharField(_("titre"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"),
        default=0,
        validators=PROGRESS_VALIDATORS,
        help_text=_("Utilisé quand le programme n'a pas encore d'action."),
    )
    weight = models.DecimalField(
        _("poids"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Laisser vide pour une moyenne simple."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    lead_organisations = models.ManyToManyField(
        "partners.Organisation", verbose_name=_("pilotes"), related_name="led_programmes", blank=True
    )
    contributing_organisations = models.ManyToManyField(
        "partners.Organisation", verbose_name=_("contributeurs"), related_name="contributed_programmes", blank=True
    )
    commons = models.ManyToManyField(
        "partners.Commons", verbose_name=_("communs numériques liés"), related_name="programmes", blank=True
    )

    SEARCH_FIELDS = ("title", "description")
    search_document = search_document_field(*SEARCH_FIELDS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["roadmap", "number"]
        indexes = [search_document_index("programme_search")]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="programme_unique_number"),
        ]

    def __str__(self):
        return _("Programme %(number)s — %(title)s") % {"number": self.number, "title": self.title}

    def clean(self):
        super().clean()
        reject_duplicate_title(self, Programme.objects.filter(roadmap_id=self.roadmap_id), "title")


class Objective(Versioned):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField(_("objectif"))
    position = models.PositiveIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["programme", "position", "id"]

    def __str__(self):
        return self.text[:80]


class Action(Versioned):
    """An item of a programme's action plan: what / how / who / when / success indicators.

    `source_label` keeps where the action came from (a workshop action plan item, an earlier roadmap)
    in words; the RETEX app links its items to actions with its own link model.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(_("quoi"), max_length=300)
    how = models.TextField(_("comment"), blank=True)
    who = models.TextField(_("qui (organisations et rôles)"), blank=True)
    when = models.CharField(_("quand (horizon)"), max_length=200, blank=True)
    start_date = models.DateField(_("date de début"), null=True, blank=True)
    end_date = models.DateField(_("date de fin"), null=True, blank=True)
    success_indicators = models.TextField(_("indicateurs de réussite"), blank=True)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0, validators=PROGRESS_VALIDATORS)
    weight = models.DecimalField(
        _("poids"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Laisser vide pour une moyenne simple."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    source_label = models.CharField(_("origine"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["programme", "position", "id"]
        constraints = [ends_after_start("action_dates_ordered")]

    def __str__(self):
        return self.what

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La date de fin ne peut pas précéder la date de début.")})


# --- Indicators ------------------------------------------------------------------------------------


class Indicator(Versioned):
    class Unit(models.TextChoices):
        PERCENT = "percent", _("pourcentage (%)")
        COUNT = "count", _("nombre")
        EUROS = "euros", _("euros (€)")
        HOURS = "hours", _("heures")
        DAYS = "days", _("jours")
        SCORE = "score", _("score (sur 10)")

    UNIT_SYMBOLS = {"percent": "%", "count": "", "euros": "€", "hours": "h", "days": "j", "score": "/10"}

    class Direction(models.TextChoices):
        UP = "up", _("à la hausse")
        DOWN = "down", _("à la baisse")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("mensuelle")
        TERMLY = "termly", _("trimestrielle")
        YEARLY = "yearly", _("annuelle (par année scolaire)")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="indicators")
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    name = models.CharField(_("nom"), max_length=250)
    unit = models.CharField(_("unité"), max_length=10, choices=Unit.choices)
    direction = models.CharField(_("sens attendu"), max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.DecimalField(_("valeur de référence"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("date de référence"))
    target_value = models.DecimalField(_("valeur cible"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("date cible"))
    source = models.CharField(_("source"), max_length=250, blank=True)
    frequency = models.CharField(_("fréquence"), max_length=10, choices=Frequency.choices, default=Frequency.YEARLY)
    position = models.PositiveIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        ordering = ["roadmap", "position", "id"]
        constraints = [
            models.CheckConstraint(
                name="indicator_target_after_baseline", condition=Q(target_date__gt=models.F("baseline_date"))
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("roadmaps:indicator", kwargs={"slug": self.roadmap.slug, "pk": self.pk})

    def clean(self):
        super().clean()
        reject_duplicate_title(self, Indicator.objects.filter(roadmap_id=self.roadmap_id), "name")
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            raise ValidationError(
                {"target_date": _("La date cible doit être postérieure à la date de référence.")}, code="target_date"
            )
        if self.direction == self.Direction.UP and self.target_value is not None and self.baseline_value is not None:
            if self.target_value < self.baseline_value:
                raise ValidationError(
                    {"target_value": _("Pour un indicateur à la hausse, la cible doit dépasser la référence.")}
                )
        if self.direction == self.Direction.DOWN and self.target_value is not None and self.baseline_value is not None:
            if self.target_value > self.baseline_value:
                raise ValidationError(
                    {"target_value": _("Pour un indicateur à la baisse, la cible doit être sous la référence.")}
                )

    @property
    def unit_symbol(self) -> str:
        return self.UNIT_SYMBOLS.get(self.unit, "")

    def expected_value(self, on: datetime.date) -> Decimal:
        """The value on the straight line from baseline to target at a date (clamped to the target)."""
        span = (self.target_date - self.baseline_date).days
        elapsed = min(max((on - self.baseline_date).days, 0), span)
        return self.baseline_value + (self.target_value - self.baseline_value) * Decimal(elapsed) / Decimal(span)

    def is_off_track(self, latest: "IndicatorValue | None") -> bool:
        """Whether the latest value lags behind the straight line from baseline to target."""
        if latest is None:
            return False
        expected = self.expected_value(latest.measured_on)
        if self.direction == self.Direction.UP:
            return latest.value < expected
        return latest.value > expected


class IndicatorValue(Versioned):
    """One measure of an indicator, dated by a day or a school year (stored as its last day)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("date de la mesure"))
    school_year = models.PositiveSmallIntegerField(_("année scolaire"), null=True, blank=True)
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("commentaire"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("saisie le"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valeur d'indicateur")
        verbose_name_plural = _("valeurs d'indicateur")
        ordering = ["indicator", "measured_on", "id"]

    def __str__(self):
        return f"{self.indicator} : {self.value} ({self.period_label})"

    @staticmethod
    def school_year_end(start_year: int) -> datetime.date:
        return datetime.date(start_year + 1, 6, 30)

    @property
    def period_label(self) -> str:
        if self.school_year:
            return school_year_label(self.school_year)
        return self.measured_on.strftime("%d/%m/%Y")
