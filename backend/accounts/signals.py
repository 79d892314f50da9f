from django.dispatch import Signal

# Sent (with `user`) inside the transaction that deactivates an agent or admin or makes
# them a requester: what they were doing as an agent, such as owning tickets, ends.
stopped_working_tickets = Signal()
