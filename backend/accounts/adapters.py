from allauth.account.adapter import DefaultAccountAdapter

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
