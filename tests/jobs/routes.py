"""Rows of the permission matrix for PDF syntheses (see tests/security/routes.py).

A finished job about the draft roadmap of Bourgogne-Franche-Comté (R27) built by tests/roadmaps/routes.py:
a job follows its document's own rule (`roadmaps.view_roadmap`), so the territory's editors and
administrators follow and download it, a partner may not. The same about the Corse (R94) draft, for
tests/security/test_idor.py.
"""

import hashlib

from django.core.files.base import ContentFile

from commons_portal.jobs.models import PdfJob
from tests.security.routes import LOGIN, A, E, N, P, Row, T, logged_in

EDITORS_OF_THE_ROADMAP = {A: LOGIN, P: 403, E: 200, T: 200, N: 200}


def done_roadmap_job(roadmap, requester) -> PdfJob:
    key = hashlib.sha256(f"roadmap:{roadmap.slug}".encode()).hexdigest()
    job = PdfJob.objects.create(
        kind="roadmap",
        parameters={"object": roadmap.slug},
        title=roadmap.title,
        requester=requester,
        status=PdfJob.Status.DONE,
        progress=100,
        dedupe_key=key,
        content_hash=key,
        page_count=1,
    )
    job.subscribers.add(requester)
    job.output.save(f"{roadmap.slug}.pdf", ContentFile(b"%PDF-1.4\n%test\n"))
    return job


def build_world(world, make_user) -> None:
    if "roadmaps.draft" not in world.objects:
        from tests.roadmaps.routes import build_world as build_roadmaps

        build_roadmaps(world, make_user)
    world.objects["jobs.own"] = done_roadmap_job(world.objects["roadmaps.draft"], world.users[E])
    other_editor = make_user("editor", territory_code="R94")
    world.objects["jobs.other"] = done_roadmap_job(world.objects["roadmaps.other_draft"], other_editor)


def _pk(key):
    return lambda world: {"pk": world.objects[key].pk}


ROUTES: dict[str, Row] = {
    "jobs:list": Row(logged_in()),
    "jobs:request": Row(logged_in()),
    "jobs:detail": Row(EDITORS_OF_THE_ROADMAP, kwargs=_pk("jobs.own")),
    "jobs:download": Row(EDITORS_OF_THE_ROADMAP, kwargs=_pk("jobs.own")),
}
