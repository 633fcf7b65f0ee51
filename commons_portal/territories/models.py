"""The territory tree: national > région académique > académie > département.

Every piece of content belongs to a territory. The tree is a materialised path (django-treebeard), so
"this territory and everything below it" is one `path__startswith` filter, which is what the
permission rules use to scope memberships.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class TerritoryQuerySet(MP_NodeQuerySet):
    def regions(self):
        return self.filter(level=Territory.Level.REGION)

    def under(self, territory):
        """The territory and all its descendants."""
        return self.filter(path__startswith=territory.path)


class TerritoryManager(MP_NodeManager.from_queryset(TerritoryQuerySet)):
    def get_queryset(self):
        return TerritoryQuerySet(self.model, using=self._db).order_by("path")


class Territory(MP_Node):
    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        REGION = "region", _("Région académique")
        ACADEMIE = "academie", _("Académie")
        DEPARTEMENT = "departement", _("Département")

    NATIONAL_CODE = "national"

    # A unique key made from the level and the official code (INSEE for régions and départements, the
    # ministry's numbering for académies): "R27", "A03", "D25". "national" for the whole country.
    code = models.CharField(_("code"), max_length=10, unique=True)
    official_code = models.CharField(_("code officiel"), max_length=5, blank=True)
    name = models.CharField(_("nom"), max_length=120)
    level = models.CharField(_("niveau"), max_length=12, choices=Level.choices)

    node_order_by = ["code"]
    objects = TerritoryManager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["path"]

    def __str__(self):
        if self.level == self.Level.NATIONAL:
            return str(_("National"))
        return f"{self.name} ({self.get_level_display().lower()})"

    def contains(self, other: "Territory") -> bool:
        """Whether `other` is this territory or lies below it."""
        return other.path.startswith(self.path)

    @property
    def is_national(self) -> bool:
        return self.level == self.Level.NATIONAL
