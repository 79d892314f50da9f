from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tickets import learning


class Command(BaseCommand):
    help = (
        "Train the learned classifier now on the confirmed tickets; print the new "
        "model's version and its accuracy on held-out tickets."
    )

    def handle(self, *args, **options):
        saved = learning.train()
        if saved is None:
            raise CommandError("Another training is running; try again when it ends.")
        holdout = saved.holdout
        self.stdout.write(
            f"Learned model v{saved.pk}: {saved.team_tickets} confirmed tickets and "
            f"{saved.prior_tickets} shipped ones, trained in {saved.seconds:g} s."
        )
        if holdout["tickets"]:
            self.stdout.write(
                f"Held-out accuracy on {holdout['tickets']} confirmed tickets: "
                f"category {holdout['category']:.3f}, priority {holdout['priority']:.3f}"
            )
        else:
            self.stdout.write("Held-out accuracy: too few confirmed tickets to measure (10).")
        minimum = settings.CLASSIFIER_LEARNED_MIN_TICKETS
        if saved.team_tickets < minimum:
            self.stdout.write(
                f"It answers once it has learned from {minimum} confirmed tickets "
                "(CLASSIFIER_LEARNED_MIN_TICKETS); until then the next backend does."
            )
