from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm backs the GIN indexes that keep substring search fast."""

    operations = [TrigramExtension()]
