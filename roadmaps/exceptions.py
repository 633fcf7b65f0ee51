"""Errors the roadmap services and transitions raise; views turn them into messages next to the form."""

from django.utils.translation import gettext_lazy as _


class RoadmapError(Exception):
    """A write the business rules refuse; `message` is shown to the user."""

    default_message = _("Cette opération est impossible.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class TransitionError(RoadmapError):
    """A workflow step that does not apply to the roadmap's current status."""


class FrozenError(RoadmapError):
    default_message = _(
        "Cette version de la feuille de route est validée : elle ne peut plus être modifiée. "
        "Créez une nouvelle version pour la faire évoluer."
    )


class ConflictError(RoadmapError):
    """A write made from a stale copy: someone saved the object in between.

    `current` is the object as it is now, so the form can show both versions and keep what was typed.
    """

    default_message = _(
        "Quelqu'un a modifié cet élément pendant que vous le modifiiez. Vos saisies sont conservées ci-dessous : "
        "comparez-les avec la version enregistrée, puis enregistrez à nouveau."
    )

    def __init__(self, current, message=None):
        self.current = current
        super().__init__(message)
