"""A list's total is counted once per content generation, and again after any write."""

import os

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from commons_portal.core.cache_backend import PortalRedisCache
from commons_portal.core.caching import kept_count
from partners.models import Organisation
from tests.conftest import _must_have
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _count_queries(queryset) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        count = kept_count(queryset)
    return count, sum("COUNT(" in query["sql"] for query in queries.captured_queries)


def test_a_count_is_kept_until_the_content_changes():
    OrganisationFactory(name="Réseau Canopé")
    queryset = Organisation.objects.filter(name__startswith="Réseau")
    assert _count_queries(queryset) == (1, 1)
    assert _count_queries(queryset) == (1, 0)
    # Another filter is another count.
    assert _count_queries(Organisation.objects.filter(name__startswith="Ré")) == (1, 1)

    OrganisationFactory(name="Réseau des GRETA")
    assert _count_queries(queryset) == (2, 1)
    Organisation.objects.get(name="Réseau Canopé").delete()
    assert _count_queries(queryset) == (1, 1)


def test_a_filter_that_nothing_matches_counts_nothing():
    OrganisationFactory(name="Réseau Canopé")
    assert kept_count(Organisation.objects.none()) == 0
    assert kept_count(Organisation.objects.filter(pk__in=[])) == 0


def test_the_api_total_follows_a_write_at_once(users):
    client = APIClient()
    client.force_authenticate(users["national_admin"])
    assert client.get("/api/v1/organisations/").json()["count"] == 1  # the partner's own organisation
    OrganisationFactory(name="Réseau Canopé")
    assert client.get("/api/v1/organisations/").json()["count"] == 2


def test_counting_every_time_when_asked(settings):
    settings.PORTAL_COUNT_CACHE = False
    queryset = Organisation.objects.all()
    assert _count_queries(queryset)[1] == 1
    assert _count_queries(queryset)[1] == 1


def test_the_redis_cache_keeps_one_client_per_pool():
    if not os.environ.get("REDIS_URL"):
        _must_have("Redis", "set REDIS_URL to test the Redis cache")
    cache = PortalRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "tests-kept-counts"})
    cache.set("answer", 42)
    assert cache.get("answer") == 42
    assert cache.get_many(["answer", "missing"]) == {"answer": 42}
    assert cache._cache.get_client() is cache._cache.get_client()
    cache.delete("answer")
    assert cache.get("answer") is None


def test_each_viewer_keeps_the_total_of_what_they_see(users):
    from tests.roadmaps.factories import RoadmapFactory

    RoadmapFactory(validated=True)
    RoadmapFactory()  # a draft: the territory's editor sees it, a visitor does not
    editor = APIClient()
    editor.force_authenticate(users["editor"])
    for _ in range(2):
        assert APIClient().get("/api/v1/roadmaps/").json()["count"] == 1
        assert editor.get("/api/v1/roadmaps/").json()["count"] == 2
        assert APIClient().get("/api/v1/roadmaps/", {"status": "draft"}).json()["count"] == 0


@pytest.mark.parametrize(("keep_reads", "counts"), [(True, 1), (False, 2)])
def test_only_lists_of_content_keep_their_total(keep_reads, counts):
    """A list that also changes with the clock or a job's progress (`keep_reads = False`, or a list
    outside the content viewsets) is counted on every request."""
    from types import SimpleNamespace

    from django.test import RequestFactory
    from rest_framework.request import Request

    from commons_portal.api.pagination import PortalPagination

    OrganisationFactory(name="Réseau Canopé")
    view = SimpleNamespace(keep_reads=keep_reads, basename="organisation")
    django_request = RequestFactory().get("/api/v1/organisations/")
    django_request.session = SessionStore()
    request = Request(django_request)
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(2):
            assert len(PortalPagination().paginate_queryset(Organisation.objects.order_by("pk"), request, view)) == 1
    assert sum("COUNT(" in query["sql"] for query in queries.captured_queries) == counts
