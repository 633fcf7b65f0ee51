"""Rows of the permission matrix for the search page (see tests/security/routes.py): public, each
visitor finds what they may see (tests/security/test_idor.py checks that drafts of another territory
are never found)."""

from tests.security.routes import Row, everyone

ROUTES: dict[str, Row] = {
    "search:search": Row(everyone(), query="q=numerique"),
}
