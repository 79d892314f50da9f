from django.core.management.base import BaseCommand

from classifier import classifier_health


class Command(BaseCommand):
    help = "Say which classifier backend will suggest categories, and the state of each."

    def handle(self, *args, **options):
        health = classifier_health()
        self.stdout.write(f"Classifier: suggestions come from {health['active']}")
        for backend in health["backends"]:
            line = f"  {backend['name']}: {backend['state']}"
            if backend.get("detail"):
                line += f" ({backend['detail']})"
            self.stdout.write(line)
