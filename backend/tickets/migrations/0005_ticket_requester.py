import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Tickets filed before people existed belong to this placeholder requester: an account
# that cannot sign in (no password, inactive), made only when such tickets exist.
PLACEHOLDER_EMAIL = "earlier-tickets@placeholder.invalid"


def give_existing_tickets_a_requester(apps, schema_editor):
    Ticket = apps.get_model("tickets", "Ticket")
    if not Ticket.objects.filter(requester__isnull=True).exists():
        return
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    placeholder, _ = User.objects.get_or_create(
        email=PLACEHOLDER_EMAIL,
        defaults={
            "name": "Filed before sign-in existed",
            "role": "requester",
            "is_active": False,
            "password": "!",  # an unusable password
        },
    )
    Ticket.objects.filter(requester__isnull=True).update(requester=placeholder)


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0004_request_count"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="ticket",
            name="requester",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="requested_tickets",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(give_existing_tickets_a_requester, migrations.RunPython.noop),
    ]
