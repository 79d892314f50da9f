from django.db import migrations

# Tickets that existed before history was kept get a "created" event as they are now,
# dated when they were created, so every ticket's history starts with one.
BASELINE = """
INSERT INTO tickets_ticketevent (
    pgh_created_at, pgh_label, pgh_obj_id, id, title, description, category, priority,
    status, suggested_category, suggested_priority, classified_by, requester_id, assignee_id
)
SELECT
    created_at, 'insert', id, id, title, description, category, priority,
    status, suggested_category, suggested_priority, classified_by, requester_id, assignee_id
FROM tickets_ticket AS ticket
WHERE NOT EXISTS (SELECT 1 FROM tickets_ticketevent AS e WHERE e.pgh_obj_id = ticket.id)
"""


class Migration(migrations.Migration):
    dependencies = [("tickets", "0008_ticket_history")]

    operations = [migrations.RunSQL(BASELINE, migrations.RunSQL.noop)]
