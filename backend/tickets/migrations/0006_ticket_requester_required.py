import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from 0005: PostgreSQL will not alter a table with the deferred foreign-key
    # checks of that migration's updates still pending in the same transaction.
    dependencies = [("tickets", "0005_ticket_requester")]

    operations = [
        migrations.AlterField(
            model_name="ticket",
            name="requester",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="requested_tickets",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                models.F("requester"),
                models.OrderBy(models.F("created_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="ticket_requester_newest",
            ),
        ),
    ]
