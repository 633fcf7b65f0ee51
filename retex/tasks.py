from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import ExperienceReport
from .services import report_email_recipients

SUBJECTS = {
    "submitted": _("RETEX soumis : « %(title)s »"),
    "returned": _("RETEX renvoyé pour modification : « %(title)s »"),
    "published": _("RETEX publié : « %(title)s »"),
}


@shared_task(name="retex.send_report_email")
def send_report_email(report_id: int, event: str) -> None:
    """Tell the author (and, on submission, the territory's reviewers) that the report changed status."""
    report = ExperienceReport.objects.select_related("author", "territory").filter(pk=report_id).first()
    if report is None or event not in SUBJECTS:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("retex:report_detail", args=[report.pk])
    context = {"report": report, "event": event, "link": link, "portal_name": settings.PORTAL_NAME}
    send_mail(
        subject=str(SUBJECTS[event]) % {"title": report.title},
        message=render_to_string("retex/email/report_status.txt", context),
        from_email=None,
        recipient_list=report_email_recipients(report, event),
    )
