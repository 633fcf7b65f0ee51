"""Assertions shared by the whole suite."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(func: Callable[[], object]) -> tuple[int, object]:
    """The queries of one render: cached pages are made stale first, so that every read is counted."""
    from commons_portal.core.caching import forget_fragments

    forget_fragments()
    with CaptureQueriesContext(connection) as context:
        result = func()
    return len(context.captured_queries), result


def assert_queries_do_not_grow(fetch: Callable[[], object], grow: Callable[[], None]) -> int:
    """Run `fetch` (a page or API request), add data with `grow`, run it again: the number of SQL
    queries must be the same. Returns that number."""
    before, response = count_queries(fetch)
    assert getattr(response, "status_code", 200) == 200, response
    grow()
    after, response = count_queries(fetch)
    assert getattr(response, "status_code", 200) == 200, response
    assert after == before, f"{before} queries with little data, {after} with more: the count grows with the data"
    return before


def assert_status(client, method: str, url: str, expected: int, data: dict | None = None) -> None:
    """One row of a permission matrix; a redirect to the login page counts as 302."""
    response = getattr(client, method.lower())(url, data or {})
    assert response.status_code == expected, f"{method} {url}: expected {expected}, got {response.status_code}"


def at_once(work: Callable[[int], object], count: int) -> list:
    """`work(n)` for n in 0..count-1, in as many threads released together (each with its own database
    connection, closed after); their results in the order they finished."""
    import threading

    barrier = threading.Barrier(count)
    results: list = []
    lock = threading.Lock()

    def run(n: int) -> None:
        try:
            barrier.wait()
            result = work(n)
        finally:
            connection.close()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def skip_unless_postgresql(reason: str = "row locks need PostgreSQL (SQLite serialises whole-database writes)") -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        import pytest

        pytest.skip(reason)
