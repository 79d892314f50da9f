from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import demo_people_deactivate
from accounts.services import EmailTaken, SetupDone, admin_exists, setup_admin_create
from tickets import triage


class Command(BaseCommand):
    help = (
        "Run on every start, after migrate: delete expired sessions; make the first "
        "admin from DESK_ADMIN_EMAIL and DESK_ADMIN_PASSWORD when both are set and no "
        "admin exists; in demo mode "
        "(DEMO) add the demo people and tickets, else deactivate the demo people; say "
        "how to create the first admin when there is none yet."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", default="", help="Where the desk is served, to print its setup page."
        )

    def handle(self, *args, url: str, **options):
        call_command("clearsessions")  # Django keeps expired sessions until asked
        # Finished background tasks (sent mail) are kept two weeks, for the record.
        call_command("prune_db_task_results", verbosity=0)
        # Tickets whose classification a stopped worker left behind keep their labels.
        triage.let_go_stuck()
        self.first_admin_from_settings()
        if settings.DEMO:
            call_command("load_demo", stdout=self.stdout)
        elif deactivated := demo_people_deactivate():
            self.stdout.write(f"Not a demo: deactivated {deactivated} demo people.")
        if not admin_exists():
            self.stdout.write(
                "No administrator yet. Create the administrator account at "
                f"{url.rstrip('/')}/setup (or set DESK_ADMIN_EMAIL and DESK_ADMIN_PASSWORD, "
                "or run: scripts/manage create_user EMAIL --role admin)."
            )

    def first_admin_from_settings(self) -> None:
        email, password = settings.DESK_ADMIN_EMAIL, settings.DESK_ADMIN_PASSWORD
        if not email and not password:
            return
        if not (email and password):
            raise CommandError("Set both DESK_ADMIN_EMAIL and DESK_ADMIN_PASSWORD, or neither.")
        try:
            user = setup_admin_create(email=email, name=email.split("@")[0], password=password)
        except SetupDone:
            return
        except EmailTaken:
            raise CommandError(
                f"DESK_ADMIN_EMAIL: {email} has an account that is not an active admin; "
                "make it one in the UI, or name another address."
            ) from None
        except ValidationError as error:
            raise CommandError(f"DESK_ADMIN_*: {' '.join(error.messages)}") from None
        self.stdout.write(f"Created the administrator {user.email} (from DESK_ADMIN_EMAIL).")
