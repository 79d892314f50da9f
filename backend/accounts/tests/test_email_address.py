"""A person's address is their login: nobody takes on one they have not verified."""

import pytest
from django.test import Client

from accounts.models import Role, User
from accounts.tests.factories import make_person

pytestmark = pytest.mark.django_db

EMAIL = "/_allauth/browser/v1/account/email"


def signed_up_requester() -> tuple[Client, User]:
    """Someone who signed up and never verified their address, as anyone can."""
    browser = Client()
    response = browser.post(
        "/_allauth/browser/v1/auth/signup",
        {"email": "eve@example.com", "password": "a long passphrase", "name": "Eve"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return browser, User.objects.get(email="eve@example.com")


def test_nobody_moves_their_login_to_another_address():
    browser, eve = signed_up_requester()
    added = browser.post(EMAIL, {"email": "ceo@corp.example"}, content_type="application/json")
    assert added.status_code == 400
    browser.patch(
        EMAIL, {"email": "ceo@corp.example", "primary": True}, content_type="application/json"
    )
    browser.delete(EMAIL, {"email": "eve@example.com"}, content_type="application/json")
    eve.refresh_from_db()
    assert eve.email == "eve@example.com"
    assert list(eve.emailaddress_set.values_list("email", flat=True)) == ["eve@example.com"]


def test_an_address_someone_signed_up_with_cannot_be_invited_again(client_as):
    signed_up_requester()
    admin = client_as(make_person(Role.ADMIN))
    response = admin.post(
        "/api/users/", {"email": "EVE@example.com", "name": "E", "role": "agent"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "email"
