import logging
import smtplib
from datetime import timedelta

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import (
    TOKEN_SHOWN_LENGTH,
    ApiToken,
    DeskSettings,
    Role,
    User,
    hash_token,
    new_token_secret,
    normalize_email,
)
from accounts.signals import stopped_working_tickets

logger = logging.getLogger(__name__)

# A token's last use is written at most this often, so busy scripts cost no write per call.
TOKEN_USE_RECORD_INTERVAL = timedelta(minutes=1)


class EmailTaken(ValueError):
    pass


class SetupDone(Exception):
    """An administrator exists: the first-run setup is over."""


def user_create(
    *, email: str, name: str, role: Role | str, password: str | None, verified: bool = False
) -> User:
    """A new person. The address, the name and the password (None for an invitation)
    are checked first (django.core.exceptions.ValidationError); EmailTaken when the
    address has an account, also when two requests race for it."""
    email, name = normalize_email(email), name.strip()
    validate_email(email)
    if not name:
        raise ValidationError("The name cannot be blank.", code="blank")
    if password is not None:
        validate_password(password, User(email=email, name=name))
    taken = (
        User.objects.filter(email=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    )
    if taken:
        raise EmailTaken(email)
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, password, name=name, role=role)
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    except IntegrityError:
        raise EmailTaken(email) from None
    return user


def active_admins():
    return User.objects.filter(role=Role.ADMIN, is_active=True)


def admin_exists() -> bool:
    return active_admins().exists()


def setup_admin_create(*, email: str, name: str, password: str) -> User:
    """The first administrator. Concurrent first-run requests queue on a transaction
    lock, so exactly one of them creates an admin; the others get SetupDone."""
    with transaction.atomic():
        lock_people()
        if admin_exists():
            raise SetupDone
        return user_create(
            email=email, name=name, role=Role.ADMIN, password=password, verified=True
        )


def lock_people() -> None:
    """Serialises changes that must see every admin (first setup, demoting or
    deactivating one), until the current transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('accounts.admins'))")


def user_update(*, user: User, changes: dict) -> User:
    """Apply a name, role or is_active change. The last active admin can be neither
    demoted nor deactivated: someone must be able to manage people."""
    with transaction.atomic():
        lock_people()
        user = User.objects.select_for_update().get(pk=user.pk)
        was_admin, was_active = user.role == Role.ADMIN and user.is_active, user.is_active
        was_working = user.is_agent and user.is_active
        for field, value in changes.items():
            setattr(user, field, value)
        still_admin = user.role == Role.ADMIN and user.is_active
        if was_admin and not still_admin and not active_admins().exclude(pk=user.pk).exists():
            raise LastAdmin("role" if user.role != Role.ADMIN else "is_active")
        user.save(update_fields=list(changes))
        if was_active and not user.is_active:
            signed_out(user)
        if was_working and not (user.is_agent and user.is_active):
            stopped_working_tickets.send(sender=User, user=user)
    return user


def signed_out(user: User) -> None:
    """Ends every session and revokes every token of a person, so that reactivating
    them later brings none back (one stolen meanwhile included). Sessions are found
    by reading each one: Django keeps no index of sessions by user, and deactivating
    someone is rare."""
    user.api_tokens.all().delete()
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()


class LastAdmin(ValueError):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def invitation_send(*, user: User, invited_by: User) -> bool:
    """Mail the invited person a link to choose their password: allauth's password
    reset link (the same key format, so its reset endpoint accepts it). Whether the
    mail server took it: a failure is logged, never raised, so the account stays made
    and the invitation can be sent again."""
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    url = get_adapter().get_reset_password_from_key_url(f"{user_pk_to_url_str(user)}-{token}")
    try:
        send_mail(
            subject=f"{invited_by.name} invited you to the support desk",
            message=(
                f"Hello {user.name},\n\n{invited_by.name} made you an account on the support "
                f"desk ({user.get_role_display().lower()}). Choose your password here:\n\n"
                f"{url}\n\nThe link works once and expires in a few days."
            ),
            from_email=None,
            recipient_list=[user.email],
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("The invitation to %s could not be sent", user.email)
        return False
    return True


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal API token and its secret, which is not stored anywhere."""
    secret = new_token_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=hash_token(secret),
        prefix=secret[:TOKEN_SHOWN_LENGTH],
    )
    token.refresh_from_db(fields=["created_at"])
    return token, secret


def token_user(secret: str) -> User | None:
    """Who a token belongs to, if it is valid and its owner active: one indexed lookup."""
    try:
        token = ApiToken.objects.select_related("user").get(
            key_hash=hash_token(secret), user__is_active=True
        )
    except ApiToken.DoesNotExist:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_USE_RECORD_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def desk_settings() -> DeskSettings:
    """The admin-set settings, starting from the environment's values."""
    found, _ = DeskSettings.objects.get_or_create(
        id=1, defaults={"signup_open": settings.SIGNUP_OPEN}
    )
    return found


def desk_settings_update(**changes) -> DeskSettings:
    current = desk_settings()
    for field, value in changes.items():
        setattr(current, field, value)
    current.save(update_fields=list(changes))
    return current
