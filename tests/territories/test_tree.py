import pytest

from commons_portal.territories.models import Territory
from commons_portal.territories.services import territories_load, territory_by_code

pytestmark = pytest.mark.django_db


def test_reference_tree_has_the_real_territories():
    levels = Territory.Level
    assert Territory.objects.filter(level=levels.REGION).count() == 18
    assert Territory.objects.filter(level=levels.ACADEMIE).count() == 30
    assert Territory.objects.filter(level=levels.DEPARTEMENT).count() == 101
    bfc = Territory.objects.get(code="R27")
    assert bfc.name == "Bourgogne-Franche-Comté"
    assert [child.name for child in Territory.objects.get_children(bfc)] == ["Besançon", "Dijon"]
    assert Territory.objects.under(bfc).filter(level=levels.DEPARTEMENT).count() == 8
    assert Territory.objects.get_parent(Territory.objects.get(code="D2A")).name == "Corse"


def test_loading_again_changes_nothing():
    before = list(Territory.objects.values_list("code", "path", "name"))
    territories_load()
    assert list(Territory.objects.values_list("code", "path", "name")) == before


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("national", "national"), ("R27", "R27"), ("27", "R27"), ("2b", "D2B"), ("A03", "A03"), ("974", "D974")],
)
def test_territory_by_code_understands_official_codes(typed, expected):
    assert territory_by_code(typed).code == expected


def test_unknown_code_raises_does_not_exist():
    with pytest.raises(Territory.DoesNotExist):
        territory_by_code("ZZ")
