from allauth.account.adapter import DefaultAccountAdapter
from rest_framework.throttling import BaseThrottle

from accounts.services import desk_settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Requesters sign themselves up while an admin leaves sign-up open."""
        return desk_settings().signup_open

    def save_user(self, request, user, form, commit=True):
        """Whoever signs up is a requester (the model's default); only admins give
        other roles. The name is set before the first save: it may not be blank."""
        user.name = form.cleaned_data["name"].strip()
        return super().save_user(request, user, form, commit=commit)

    def get_client_ip(self, request) -> str:
        """The address sign-in limits count by: the one the API's request-rate limits
        use (DRF, with NUM_PROXIES), so that behind a proxy each client is counted on
        its own, not everyone as the proxy."""
        return BaseThrottle().get_ident(request)
