from django.core.management.base import BaseCommand

from commons_portal.territories.services import territories_load


class Command(BaseCommand):
    help = "Charge (ou met à jour) les régions académiques, académies et départements."

    def handle(self, *args, **options):
        count = territories_load()
        self.stdout.write(self.style.SUCCESS(f"{count} territoires à jour."))
