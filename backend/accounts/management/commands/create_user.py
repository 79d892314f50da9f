import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import EmailTaken, user_create


class Command(BaseCommand):
    help = (
        "Create a person who signs in with EMAIL. The password is read from standard "
        "input when it is not a terminal (one line), else asked for twice."
    )

    # Tests pass their own standard input, as to Django's createsuperuser.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--name", help="Display name (default: the part before @).")

    def handle(self, *args, email: str, role: str, name: str | None, **options):
        name = (name or email.split("@")[0]).strip()
        password = read_password(options.get("stdin") or sys.stdin)
        try:
            user = user_create(email=email, name=name, role=role, password=password, verified=True)
        except EmailTaken:
            raise CommandError(f"{email} already has an account: nothing changed.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Created {user.role} {user.name} <{user.email}> (id {user.pk}).")


def read_password(stream) -> str:
    if stream.isatty():
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
    else:
        password = stream.readline().rstrip("\r\n")
    if not password:
        raise CommandError("No password given (send it on standard input).")
    return password
