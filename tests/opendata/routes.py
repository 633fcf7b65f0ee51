"""Rows of the permission matrix for open data (see tests/security/routes.py): the datasets, their
exports, schemas and the DCAT catalogue are public (what is published, without personal data); imports
follow the dataset's own permission (organisations: administrators)."""

from tests.security.routes import LOGIN, A, E, N, P, Row, T, everyone

ORGANISATIONS = {"key": "organisations"}

ROUTES: dict[str, Row] = {
    "opendata:index": Row(everyone()),
    "opendata:catalogue": Row(everyone()),
    "opendata:dataset": Row(everyone(), kwargs=lambda world: ORGANISATIONS),
    "opendata:export": Row(everyone(), kwargs=lambda world: ORGANISATIONS, query="format=csv"),
    "opendata:schema": Row(everyone(), kwargs=lambda world: ORGANISATIONS),
    "opendata:import": Row(
        {A: LOGIN, P: 403, E: 403, T: 200, N: 200},
        kwargs=lambda world: ORGANISATIONS,
        notes="partners.add_organisation: administrators",
    ),
}
