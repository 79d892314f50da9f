"""The people of `scripts/run --demo`: in demo mode, the sign-in page signs in as any
of them with one click, or with DEMO_PASSWORD, which is public. Outside demo mode they
are deactivated (tickets.management.commands.prepare_desk), so a desk that was once a
demo has no account anyone can guess."""

from django.db import transaction

from accounts.models import Role, User
from accounts.services import signed_out, user_create
from accounts.signals import stopped_working_tickets

DEMO_DOMAIN = "demo.example"
DEMO_PASSWORD = "demo-desk-password"
DEMO_PEOPLE = [
    ("admin", "Ada Admin", Role.ADMIN),
    ("alex", "Alex Agent", Role.AGENT),
    ("sam", "Sam Agent", Role.AGENT),
    ("rita", "Rita Requester", Role.REQUESTER),
    ("omar", "Omar Requester", Role.REQUESTER),
    ("lena", "Lena Requester", Role.REQUESTER),
]


def _everyone():
    return User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")


def demo_people() -> list[User]:
    return list(_everyone().filter(is_active=True))


def demo_people_deactivate() -> int:
    """Demo mode is over: how many demo people were still active."""
    active = _everyone().filter(is_active=True)
    with transaction.atomic():
        # Not user_update: the demo's admin goes too, even as the last one (the first-run
        # setup then opens again).
        for person in active:
            signed_out(person)
            if person.is_agent:
                stopped_working_tickets.send(sender=User, user=person)
        return active.update(is_active=False)


def demo_people_create() -> list[User]:
    """Creates whichever demo people are missing and activates the others; returns all."""
    _everyone().update(is_active=True)
    existing = set(_everyone().values_list("email", flat=True))
    for local, name, role in DEMO_PEOPLE:
        email = f"{local}@{DEMO_DOMAIN}"
        if email not in existing:
            user_create(email=email, name=name, role=role, password=DEMO_PASSWORD, verified=True)
    return demo_people()
