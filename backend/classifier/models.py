from django.db import models
from django.db.models.functions import Now


class LearnedModel(models.Model):
    """A model trained on the team's confirmed tickets (classifier.learned). The newest
    is the one in use; its id is its version."""

    trained_at = models.DateTimeField(db_default=Now())
    team_tickets = models.PositiveIntegerField(help_text="Confirmed tickets it learned from.")
    prior_tickets = models.PositiveIntegerField(
        help_text="Shipped labelled tickets it started from."
    )
    # The newest confirmation among its tickets: later ones are new to it.
    confirmed_until = models.DateTimeField(null=True, blank=True)
    # Accuracy per field on the team's tickets held out of a trial fit:
    # {"tickets", "category", "priority"}.
    holdout = models.JSONField()
    seconds = models.FloatField(help_text="How long training took.")
    # The fitted scikit-learn objects (joblib). Written only by the server's own training.
    artifact = models.BinaryField()

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"learned v{self.pk} ({self.team_tickets} tickets)"
