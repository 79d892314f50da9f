from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The request-rate counters (tickets/throttles.py) live in Django's database cache.
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0003_suggestion_all_or_nothing")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
