"""Managing people and tokens through the API, and the rules that keep a desk usable."""

import pytest
from django.core import mail

from accounts.models import ApiToken, Role, User
from accounts.services import token_create
from accounts.tests.factories import make_person
from config.tests.live_server import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_admin(client_as, admin):
    return client_as(admin)


def test_people_are_listed_by_email_and_filtered(as_admin, admin):
    make_person(Role.AGENT, email="zed@example.com", name="Zed Agent")
    rita = make_person(Role.REQUESTER, email="rita@example.com", name="Rita Requester")
    gone = make_person(Role.REQUESTER, email="gone@example.com", name="Gone")
    gone.is_active = False
    gone.save()

    everyone = as_admin.get("/api/users/").json()
    assert [person["email"] for person in everyone["results"]] == sorted(
        [admin.email, "zed@example.com", "rita@example.com", "gone@example.com"]
    )
    assert everyone["count"] == 4
    requesters = as_admin.get("/api/users/?role=requester&is_active=true&search=RITA").json()
    assert [person["id"] for person in requesters["results"]] == [rita.pk]
    assert as_admin.get("/api/users/?is_active=false").json()["count"] == 1


@pytest.mark.parametrize(
    ("query", "attr"),
    [("role=boss", "role"), ("is_active=yes", "is_active"), ("page_size=0", "page_size")],
)
def test_bad_people_filters_are_400s_naming_them(as_admin, query, attr):
    response = as_admin.get(f"/api/users/?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == attr


def test_an_invitation_makes_an_account_without_a_password_and_mails_a_link(as_admin):
    response = as_admin.post(
        "/api/users/",
        {"email": "Sam@Example.com", "name": "Sam Agent", "role": "agent"},
        format="json",
    )
    assert response.status_code == 201
    sam = User.objects.get(email="sam@example.com")
    assert sam.role == Role.AGENT
    assert not sam.has_usable_password()
    assert response.json()["invitation_sent"] is True
    [invitation] = mail.outbox
    assert invitation.to == ["sam@example.com"]
    assert "/reset-password/" in invitation.body


def test_an_invitation_the_mail_server_refused_is_sent_again(as_admin, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    invited = as_admin.post(
        "/api/users/", {"email": "kim@example.com", "name": "Kim", "role": "agent"}, format="json"
    )
    assert invited.status_code == 201
    assert invited.json()["invitation_sent"] is False
    kim = User.objects.get(email="kim@example.com")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    again = as_admin.post(f"/api/users/{kim.pk}/invitation/")
    assert again.json() == {"invitation_sent": True}
    assert mail.outbox[0].to == ["kim@example.com"]


def test_only_admins_send_invitations(client_as, agent):
    assert client_as(agent).post(f"/api/users/{agent.pk}/invitation/").status_code == 403


def test_an_address_that_has_an_account_cannot_be_invited_again(as_admin):
    make_person(email="taken@example.com")
    response = as_admin.post(
        "/api/users/", {"email": "TAKEN@example.com", "name": "T", "role": "agent"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "code": "unique",
        "detail": "Someone has this email address.",
        "attr": "email",
    }


def test_an_admin_changes_a_role_and_deactivates_someone(as_admin):
    person = make_person()
    token_create(user=person, name="script")
    changed = as_admin.patch(
        f"/api/users/{person.pk}/", {"role": "agent", "is_active": False}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["role"] == "agent"
    assert changed.json()["is_active"] is False
    # Reactivating someone brings back none of their old tokens.
    assert not ApiToken.objects.filter(user=person).exists()


@pytest.mark.parametrize(
    ("change", "attr"), [({"role": "agent"}, "role"), ({"is_active": False}, "is_active")]
)
def test_the_last_active_admin_stays_an_admin(as_admin, admin, change, attr):
    response = as_admin.patch(f"/api/users/{admin.pk}/", change, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == attr
    assert response.json()["errors"][0]["code"] == "last_admin"
    make_person(Role.ADMIN)
    assert as_admin.patch(f"/api/users/{admin.pk}/", change, format="json").status_code == 200


@pytest.mark.parametrize(
    "body",
    [{}, {"role": "boss"}, {"is_active": "no"}, {"is_active": 0}, {"name": " "}, {"email": "x"}],
)
def test_bad_changes_to_a_person_are_400s(as_admin, body):
    person = make_person()
    assert as_admin.patch(f"/api/users/{person.pk}/", body, format="json").status_code == 400


def test_a_personal_token_is_shown_once_and_stored_hashed(client_as, agent):
    api = client_as(agent)
    created = api.post("/api/me/tokens/", {"name": "deploy script"}, format="json")
    assert created.status_code == 201
    secret = created.json()["token"]
    assert secret.startswith("desk_")
    assert len(secret) > 40
    stored = ApiToken.objects.get()
    assert secret not in (stored.key_hash, stored.prefix)
    assert secret.startswith(stored.prefix)

    [listed] = api.get("/api/me/tokens/").json()
    assert "token" not in listed
    assert listed["name"] == "deploy script"
    assert listed["prefix"] == stored.prefix

    assert api.delete(f"/api/me/tokens/{stored.pk}/").status_code == 204
    assert api.get("/api/me/tokens/").json() == []


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "  "}, {"name": "x" * 101}])
def test_a_token_needs_a_name(client_as, agent, body):
    response = client_as(agent).post("/api/me/tokens/", body, format="json")
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_person_renames_themselves_but_cannot_change_their_role(client_as, requester):
    api = client_as(requester)
    assert api.patch("/api/me/", {"name": "Rita R."}, format="json").json()["name"] == "Rita R."
    refused = api.patch("/api/me/", {"role": "admin"}, format="json")
    assert refused.status_code == 400
    requester.refresh_from_db()
    assert requester.role == Role.REQUESTER


def test_an_admin_closes_sign_up_and_config_says_so(client_as, admin, anonymous):
    assert anonymous.get("/api/config/").json()["signup_open"] is True
    client_as(admin).patch("/api/settings/", {"signup_open": False}, format="json")
    assert anonymous.get("/api/config/").json()["signup_open"] is False


def test_a_deactivated_person_gets_no_sign_in_link(as_admin):
    person = make_person()
    as_admin.patch(f"/api/users/{person.pk}/", {"is_active": False}, format="json")
    response = as_admin.post(f"/api/users/{person.pk}/invitation/")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "inactive"


def test_a_requester_is_told_that_people_are_for_agents(client_as, requester):
    response = client_as(requester).get("/api/users/")
    assert response.status_code == 403
    assert response.json()["errors"][0]["detail"] == "Only agents and admins can see people."
