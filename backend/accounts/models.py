import hashlib
import secrets

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, Now

NAME_MAX_LENGTH = 150
TOKEN_NAME_MAX_LENGTH = 100
# What a personal API token starts with, so a leaked one is easy to recognise (and to
# find with secret scanners); the rest is 32 random bytes.
TOKEN_PREFIX = "desk_"
# How much of a token is kept in clear, to tell a person's tokens apart in a list.
TOKEN_SHOWN_LENGTH = len(TOKEN_PREFIX) + 6


class Role(models.TextChoices):
    REQUESTER = "requester"
    AGENT = "agent"
    ADMIN = "admin"


class UserManager(BaseUserManager):
    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)  # None gives an unusable password (invitations)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email: str) -> "User":
        return self.get(email=normalize_email(email))


def normalize_email(email: str) -> str:
    """Addresses are compared without regard to case: one person, one account."""
    return email.strip().lower()


class User(AbstractBaseUser):
    """A person: email is the login. Users are deactivated, never deleted, so the
    tickets they filed and the changes they made keep their author."""

    email = models.EmailField(max_length=254, unique=True)
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    role = models.CharField(
        max_length=16, choices=Role.choices, default=Role.REQUESTER, db_default=Role.REQUESTER
    )
    is_active = models.BooleanField(default=True, db_default=True)
    date_joined = models.DateTimeField(db_default=Now(), editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
            models.CheckConstraint(condition=Q(name__regex=r"\S"), name="user_name_not_blank"),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="user_email_lowercase"),
            models.CheckConstraint(
                condition=Q(email__regex=r"^[^@\s]+@[^@\s]+$"), name="user_email_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def is_agent(self) -> bool:
        """Agents and admins work tickets."""
        return self.role in (Role.AGENT, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


def hash_token(token: str) -> str:
    """Tokens are 256 random bits, so a fast hash is enough: nothing can be guessed
    from it, and a lookup by hash costs one index probe per request."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    """A personal API token (Authorization: Bearer). Only its hash is stored; the
    secret is shown once, when it is made. Revoking deletes the row."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=TOKEN_NAME_MAX_LENGTH)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=TOKEN_SHOWN_LENGTH, editable=False)
    created_at = models.DateTimeField(db_default=Now(), editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(name__regex=r"\S"), name="apitoken_name_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.user_id}"


class DeskSettings(models.Model):
    """Settings an admin changes in the UI. One row; SIGNUP_OPEN is its starting value."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    signup_open = models.BooleanField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="desksettings_single_row")]

    def __str__(self) -> str:
        return f"sign-up {'open' if self.signup_open else 'closed'}"


def display_name(user: User) -> str:
    """How allauth names a person in its mails and answers."""
    return user.name
