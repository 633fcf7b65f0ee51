from django.core.management.base import BaseCommand
from django.db import transaction

from commons_portal.core import demo
from commons_portal.core.registry import demo_loaders
from commons_portal.territories.services import territories_load


class Command(BaseCommand):
    help = "Charge les données de démonstration (issues des documents sources) et les comptes de démonstration."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true", help="Ne pas afficher les comptes.")

    @transaction.atomic
    def handle(self, *args, **options):
        territories_load()
        accounts = demo.load_accounts()
        for loader in demo_loaders():
            self.stdout.write(f"- {loader.name}")
            loader.load()
        if not options["quiet_accounts"]:
            self.stdout.write(self.style.SUCCESS(f"\nComptes de démonstration (mot de passe : {demo.demo_password()})"))
            for email, role in accounts:
                self.stdout.write(f"  {role:<45} {email}")
