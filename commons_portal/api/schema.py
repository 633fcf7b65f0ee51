"""The OpenAPI schema documents every error an operation can answer, with the one error shape."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

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


class PortalAutoSchema(AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "404"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["409", "415"]
        action = getattr(self.view, "action", None)
        if isinstance(self.view, OptimisticConcurrencyMixin) and action in GUARDED_ACTIONS:
            codes += ["412", "428"]
        return codes

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
