"""Who may call what. Every API view names one of these (or AllowAny, on purpose)."""

from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission, IsAuthenticated

from accounts.authentication import BearerTokenAuthentication
from accounts.services import admin_exists


class IsAgent(IsAuthenticated):
    """Agents and admins: the people who work tickets."""

    message = "Only agents can do this."

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.is_agent


class IsAdmin(IsAuthenticated):
    message = "Only admins can do this."

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.is_admin


class ReadForAgentsWriteForAdmins(BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            self.message = "Only agents and admins can see people."
            return IsAgent().has_permission(request, view)
        self.message = "Only admins can change people."
        return IsAdmin().has_permission(request, view)


class SetupStillOpen(BasePermission):
    """Anyone, but only while no administrator exists (the first-run setup)."""

    message = "An administrator exists: sign in instead."

    def has_permission(self, request, view) -> bool:
        # Raised rather than returned: DRF would answer an anonymous caller 401.
        if admin_exists():
            raise PermissionDenied(self.message)
        return True


class TokensAreMadeSignedIn(BasePermission):
    """New tokens come from a signed-in session, not from a token: a leaked token must
    not be able to make the ones that would outlive its revocation."""

    message = "Make tokens signed in to the desk, not with a token."

    def has_permission(self, request, view) -> bool:
        return request.method != "POST" or not isinstance(
            request.successful_authenticator, BearerTokenAuthentication
        )
