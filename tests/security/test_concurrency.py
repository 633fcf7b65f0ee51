"""Many simultaneous stale updates to one object: exactly one wins, the others are told, nothing is lost."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from roadmaps import services
from roadmaps.exceptions import ConflictError
from roadmaps.models import Axis, Programme
from tests.factories import UserFactory, territory

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS = 8


def test_simultaneous_stale_updates_let_exactly_one_win():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises whole-database writes)")
    editor = UserFactory(editor=True)
    roadmap = services.roadmap_create(
        territory=territory("R27"), title="Feuille de route d'essai", period_start=2024, period_end=2027, user=editor
    )
    axis = services.axis_create(roadmap=roadmap, kind=Axis.Kind.STRUCTURING, title="Gouvernance", user=editor)
    programme = services.programme_create(axis=axis, title="Titre initial", user=editor)
    stale_version = programme.version
    barrier = threading.Barrier(WRITERS)
    outcomes: list[tuple[str, str]] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        title = f"Titre écrit par la personne {n}"
        try:
            barrier.wait()
            services.object_update(obj=programme, data={"title": title}, version=stale_version, user=editor)
            outcome = ("won", title)
        except ConflictError as error:
            assert error.current.version == stale_version + 1  # the loser sees the winner's version
            outcome = ("told", title)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [title for result, title in outcomes if result == "won"]
    assert len(outcomes) == WRITERS
    assert len(winners) == 1
    saved = Programme.objects.get(pk=programme.pk)
    assert saved.title == winners[0]
    assert saved.version == stale_version + 1
    assert saved.history.count() == 2  # creation and the one winning write: nothing written twice
