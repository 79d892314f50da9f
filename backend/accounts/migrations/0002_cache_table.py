from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """The database cache (settings.CACHES), where every process counts sign-in
    attempts together. Django makes its table with a command, not a model."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
