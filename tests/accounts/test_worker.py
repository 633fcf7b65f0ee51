"""The invitation e-mail goes through a real Celery worker on Redis (CI runs this)."""

import time

import pytest
from django.db import transaction

from commons_portal.accounts import services
from commons_portal.accounts.models import Role
from tests.factories import UserFactory, territory

pytestmark = pytest.mark.celery_worker


def test_invitation_email_is_sent_by_the_worker(celery_worker):
    admin = UserFactory(national_admin=True)
    with transaction.atomic():
        _, link = services.invitation_create(
            email="par.le.worker@exemple.fr", role=Role.EDITOR, territory=territory("R27"), invited_by=admin
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        sent = [path.read_text() for path in celery_worker["mail_dir"].glob("*.log")]
        if any(link in text for text in sent):
            break
        time.sleep(0.2)
    else:
        pytest.fail("the worker did not send the invitation within 30 s")
