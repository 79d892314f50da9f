from itertools import count

from accounts.models import Role, User
from accounts.services import user_create

PASSWORD = "correct horse battery"
_numbers = count(1)


def make_person(role: Role | str = Role.REQUESTER, *, email: str | None = None, **fields) -> User:
    """A person who can sign in with PASSWORD."""
    number = next(_numbers)
    return user_create(
        email=email or f"{role}{number}@example.com",
        name=fields.pop("name", f"{str(role).title()} {number}"),
        role=role,
        password=fields.pop("password", PASSWORD),
        verified=True,
    )
