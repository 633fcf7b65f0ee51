"""The OpenAPI schema documents every error an operation can answer, with the one error shape."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from .concurrency import GUARDED_ACTIONS, OptimisticConcurrencyMixin
from .serializers import ErrorSerializer, PreconditionFailedSerializer

ERRORS = {
    "400": "Requête invalide : paramètre, champ ou corps en erreur (nommé dans `errors`).",
    "401": "Authentification absente ou invalide (session ou jeton `Authorization: Token …`).",
    "403": "Action non permise à cet utilisateur (ou jeton CSRF manquant en session).",
    "404": "Élément ou page introuvable (ou non visible par cet utilisateur).",
    "409": "Conflit avec des données existantes (valeur déjà prise).",
    "412": "L'ETag de `If-Match` n'est plus celui de l'élément : `current` donne sa version actuelle.",
    "415": "Type de contenu non pris en charge.",
    "428": "L'en-tête `If-Match` est obligatoire pour modifier ou supprimer cet élément.",
}

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="L'ETag reçu à la lecture de l'élément (sans lui : 428 ; périmé : 412).",
)


class PortalAutoSchema(AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "404"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["409", "415"]
        if self._is_guarded():
            codes += ["412", "428"]
        return codes

    def _is_guarded(self) -> bool:
        action = getattr(self.view, "action", None)
        return isinstance(self.view, OptimisticConcurrencyMixin) and action in GUARDED_ACTIONS

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._is_guarded():
            parameters = [*parameters, IF_MATCH]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            serializer = PreconditionFailedSerializer if code == "412" else ErrorSerializer
            responses.setdefault(
                code, self._get_response_for_code(OpenApiResponse(serializer, description=ERRORS[code]), code)
            )
        return responses
