"""Many simultaneous stale updates to one object: exactly one wins, the others are told, nothing is lost."""

import pytest

from roadmaps import services
from roadmaps.exceptions import ConflictError
from roadmaps.models import Axis, Programme
from tests.factories import UserFactory, territory
from tests.utils import at_once, skip_unless_postgresql

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS = 8


def test_simultaneous_stale_updates_let_exactly_one_win():
    skip_unless_postgresql()
    editor = UserFactory(editor=True)
    roadmap = services.roadmap_create(
        territory=territory("R27"), title="Feuille de route d'essai", period_start=2024, period_end=2027, user=editor
    )
    axis = services.axis_create(roadmap=roadmap, kind=Axis.Kind.STRUCTURING, title="Gouvernance", user=editor)
    programme = services.programme_create(axis=axis, title="Titre initial", user=editor)
    stale_version = programme.version

    def writer(n: int) -> tuple[str, str]:
        title = f"Titre écrit par la personne {n}"
        try:
            services.object_update(obj=programme, data={"title": title}, version=stale_version, user=editor)
        except ConflictError as error:
            assert error.current.version == stale_version + 1  # the loser sees the winner's version
            return "told", title
        return "won", title

    outcomes = at_once(writer, WRITERS)
    winners = [title for result, title in outcomes if result == "won"]
    assert len(outcomes) == WRITERS
    assert len(winners) == 1
    saved = Programme.objects.get(pk=programme.pk)
    assert saved.title == winners[0]
    assert saved.version == stale_version + 1
    assert saved.history.count() == 2  # creation and the one winning write: nothing written twice
