from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import token_create


class Command(BaseCommand):
    help = (
        "Make a personal API token for EMAIL and print it on one line "
        "(send it as: Authorization: Bearer <token>). It is not shown again."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="Command line", help="What the token is for.")

    def handle(self, *args, email: str, name: str, **options):
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active person signs in with {email}.")
        if not name.strip():
            raise CommandError("The token's name cannot be blank.")
        _, secret = token_create(user=user, name=name.strip())
        self.stdout.write(secret)
