from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """The classifier's table in settings.CACHES, where every process shares skip
    windows and recent answers. Django makes it with a command, not a model."""
    call_command(
        "createcachetable",
        "desk_classifier_cache",
        database=schema_editor.connection.alias,
        verbosity=0,
    )


class Migration(migrations.Migration):
    dependencies = [("classifier", "0001_initial")]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
