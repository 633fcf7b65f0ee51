"""The PostgreSQL connection's planner settings."""

import pytest
from django.db import connection

from tests.utils import skip_unless_postgresql

pytestmark = pytest.mark.django_db


def test_random_reads_cost_what_they_cost_on_ssds():
    skip_unless_postgresql("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
