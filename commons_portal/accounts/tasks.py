from celery import shared_task

from . import services


@shared_task(name="accounts.send_invitation_email")
def send_invitation_email(invitation_id: int, link: str) -> None:
    services.invitation_send_email(invitation_id=invitation_id, link=link)
