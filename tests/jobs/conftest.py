"""Fixtures of the PDF jobs tests: the test-only kinds, an organisation to render a dossier of."""

import pytest

from tests.factories import OrganisationFactory, territory


@pytest.fixture
def test_kinds():
    from commons_portal.jobs.registry import register_kind, unregister_kind

    from . import kinds

    for kind in (kinds.SLOW, kinds.BROKEN, kinds.PLAIN):
        register_kind(kind)
    yield kinds
    for kind in (kinds.SLOW, kinds.BROKEN, kinds.PLAIN):
        unregister_kind(kind.name)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="Réseau Canopé Bourgogne", slug="canope-bourgogne", acronym="", territories=[territory("R27")]
    )
