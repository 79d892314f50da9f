from django import forms

from accounts.models import NAME_MAX_LENGTH


class SignupForm(forms.Form):
    """What sign-up asks beyond email and password (allauth's SIGNUP_FORM_CLASS)."""

    name = forms.CharField(max_length=NAME_MAX_LENGTH, strip=True)

    def signup(self, request, user) -> None:
        """allauth calls this after saving the user; AccountAdapter.save_user has
        already stored the name with it."""
