"""Django's migrate, one at a time per database: backends starting together (several
replicas, or two scripts/run sharing a data folder) would otherwise apply the same
migration at once, and all but one would fail."""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from tickets.learning import TRAINING_LOCK

# The app's advisory lock namespace, and one key for migrating.
MIGRATE_LOCK = (TRAINING_LOCK[0], 2)


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        with connection.cursor() as cursor:
            # Neither waiting for the lock nor building an index on a large table is a
            # runaway query: DB_STATEMENT_TIMEOUT is for requests.
            cursor.execute("SET statement_timeout = 0")
            # A session lock, waited for: the next one to migrate finds nothing left to
            # do. So migrate needs a connection of its own, not a transaction pooler's.
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", MIGRATE_LOCK)
        try:
            return super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", MIGRATE_LOCK)
