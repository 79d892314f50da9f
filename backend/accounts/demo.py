"""The people of `scripts/run --demo`: everyone can be signed in as with one click on
the sign-in page while the server runs in demo mode, and with DEMO_PASSWORD otherwise."""

from accounts.models import Role, User
from accounts.services import user_create

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


def demo_people() -> list[User]:
    return list(User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", is_active=True))


def demo_people_create() -> list[User]:
    """Creates whichever demo people are missing; returns all of them."""
    existing = {user.email for user in demo_people()}
    for local, name, role in DEMO_PEOPLE:
        email = f"{local}@{DEMO_DOMAIN}"
        if email not in existing:
            user_create(email=email, name=name, role=role, password=DEMO_PASSWORD, verified=True)
    return demo_people()
