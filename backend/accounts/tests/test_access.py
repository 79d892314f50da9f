"""Who may call what: every endpoint, for every role. Authentication itself (sessions,
CSRF, tokens) is tested over real HTTP in test_sign_in.py; here callers are already
known, so each answer shows the permission rule alone."""

import pytest

from accounts.models import Role
from accounts.services import token_create
from accounts.tests.factories import make_person
from tickets.models import Ticket
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "requester", "agent", "admin"]
TICKET = {"title": "VPN drops", "description": "The VPN drops every hour."}


@pytest.fixture
def people(requester, agent, admin):
    return {"requester": requester, "agent": agent, "admin": admin}


@pytest.fixture
def call(people, client_as, anonymous):
    def as_role(role: str):
        return anonymous if role == "anonymous" else client_as(people[role])

    return as_role


@pytest.fixture
def others_ticket():
    """A ticket of a requester who is not the caller."""
    return make_ticket(requester=make_person(Role.REQUESTER, name="Otto Other"))


def expect(role: str, **by_role: int) -> int:
    return by_role[role]


@pytest.mark.parametrize("role", ROLES)
def test_listing_tickets(call, role, people, others_ticket):
    mine = make_ticket(requester=people["requester"])
    response = call(role).get("/api/tickets/")
    assert response.status_code == expect(role, anonymous=401, requester=200, agent=200, admin=200)
    if response.status_code == 200:
        ids = {ticket["id"] for ticket in response.json()["results"]}
        everyone = {mine.pk, others_ticket.pk}
        assert ids == ({mine.pk} if role == "requester" else everyone)


@pytest.mark.parametrize("role", ROLES)
def test_reading_another_requesters_ticket(call, role, others_ticket):
    response = call(role).get(f"/api/tickets/{others_ticket.pk}/")
    assert response.status_code == expect(role, anonymous=401, requester=404, agent=200, admin=200)


def test_a_requester_reads_their_own_ticket_with_its_requester(call, people):
    mine = make_ticket(requester=people["requester"])
    body = call("requester").get(f"/api/tickets/{mine.pk}/").json()
    assert body["requester"] == {
        "id": people["requester"].pk,
        "name": people["requester"].name,
        "email": people["requester"].email,
    }


@pytest.mark.parametrize(
    "query", ["", "?search=Otto", "?search=VPN", "?requester={other}", "?status=open"]
)
def test_no_query_shows_a_requester_anothers_ticket(call, people, others_ticket, query):
    make_ticket(requester=people["requester"], title="VPN mine")
    others_ticket.title = "VPN theirs"
    others_ticket.save()
    query = query.format(other=others_ticket.requester_id)
    results = call("requester").get(f"/api/tickets/{query}").json()["results"]
    assert others_ticket.pk not in {ticket["id"] for ticket in results}


@pytest.mark.parametrize("role", ROLES)
def test_creating_a_ticket_for_oneself(call, role, people):
    response = call(role).post("/api/tickets/", TICKET, format="json")
    assert response.status_code == expect(role, anonymous=401, requester=201, agent=201, admin=201)
    if role != "anonymous":
        assert response.json()["requester"]["id"] == people[role].pk


@pytest.mark.parametrize("role", ["requester", "agent", "admin"])
def test_filing_for_someone_else_is_for_agents(call, role, people, others_ticket):
    other = others_ticket.requester
    response = call(role).post("/api/tickets/", TICKET | {"requester": other.pk}, format="json")
    if role == "requester":
        assert response.status_code == 400
        assert response.json()["errors"][0]["attr"] == "requester"
        assert Ticket.objects.count() == 1
    else:
        assert response.status_code == 201
        assert response.json()["requester"]["id"] == other.pk
    own = call(role).post("/api/tickets/", TICKET | {"requester": people[role].pk}, format="json")
    assert own.status_code == 201


def test_a_requester_learns_nothing_about_other_ids(call, others_ticket):
    answers = [
        call("requester").post("/api/tickets/", TICKET | {"requester": other}, format="json")
        for other in (others_ticket.requester_id, 10**9)
    ]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["errors"][0]["code"] == "not_allowed"


def test_a_ticket_cannot_be_filed_for_someone_deactivated_or_unknown(api, others_ticket):
    other = others_ticket.requester
    other.is_active = False
    other.save()
    for requester in (other.pk, 10**9, "me"):
        response = api.post("/api/tickets/", TICKET | {"requester": requester}, format="json")
        assert response.status_code == 400
        assert response.json()["errors"][0]["attr"] == "requester"


@pytest.mark.parametrize("role", ROLES)
def test_changing_a_ticket(call, role, others_ticket):
    response = call(role).patch(
        f"/api/tickets/{others_ticket.pk}/", {"status": "resolved"}, format="json"
    )
    assert response.status_code == expect(role, anonymous=401, requester=404, agent=200, admin=200)


def test_a_requester_cannot_change_their_own_ticket(call, people):
    mine = make_ticket(requester=people["requester"])
    response = call("requester").patch(f"/api/tickets/{mine.pk}/", {"priority": "critical"})
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.priority == "medium"


@pytest.mark.parametrize("role", ROLES)
def test_stats(call, role):
    response = call(role).get("/api/tickets/stats/")
    assert response.status_code == expect(role, anonymous=401, requester=403, agent=200, admin=200)


@pytest.mark.parametrize("role", ROLES)
def test_classifying_while_typing(call, role):
    response = call(role).post(
        "/api/tickets/classify/", {"description": "Refund please"}, format="json"
    )
    assert response.status_code == expect(role, anonymous=401, requester=200, agent=200, admin=200)


@pytest.mark.parametrize("role", ROLES)
def test_who_am_i(call, role, people):
    response = call(role).get("/api/me/")
    assert response.status_code == expect(role, anonymous=401, requester=200, agent=200, admin=200)
    if role != "anonymous":
        assert response.json()["role"] == role


@pytest.mark.parametrize("role", ROLES)
def test_reading_people(call, role):
    response = call(role).get("/api/users/")
    assert response.status_code == expect(role, anonymous=401, requester=403, agent=200, admin=200)


@pytest.mark.parametrize("role", ROLES)
def test_inviting_people(call, role):
    response = call(role).post(
        "/api/users/", {"email": "new@example.com", "name": "New", "role": "agent"}, format="json"
    )
    assert response.status_code == expect(role, anonymous=401, requester=403, agent=403, admin=201)


@pytest.mark.parametrize("role", ROLES)
def test_changing_a_role(call, role, others_ticket):
    other = others_ticket.requester
    response = call(role).patch(f"/api/users/{other.pk}/", {"role": "agent"}, format="json")
    assert response.status_code == expect(role, anonymous=401, requester=403, agent=403, admin=200)
    other.refresh_from_db()
    assert other.role == ("agent" if role == "admin" else "requester")


@pytest.mark.parametrize("role", ROLES)
def test_others_tokens(call, role, others_ticket):
    token, _ = token_create(user=others_ticket.requester, name="script")
    listed = call(role).get(f"/api/users/{others_ticket.requester_id}/tokens/")
    assert listed.status_code == expect(role, anonymous=401, requester=403, agent=403, admin=200)
    revoked = call(role).delete(f"/api/users/{others_ticket.requester_id}/tokens/{token.pk}/")
    assert revoked.status_code == expect(role, anonymous=401, requester=403, agent=403, admin=204)


@pytest.mark.parametrize("role", ROLES)
def test_own_tokens(call, role, people):
    created = call(role).post("/api/me/tokens/", {"name": "laptop"}, format="json")
    assert created.status_code == expect(role, anonymous=401, requester=201, agent=201, admin=201)
    listed = call(role).get("/api/me/tokens/")
    assert listed.status_code == expect(role, anonymous=401, requester=200, agent=200, admin=200)


def test_someone_elses_token_cannot_be_revoked_as_ones_own(call, others_ticket):
    token, _ = token_create(user=others_ticket.requester, name="script")
    assert call("agent").delete(f"/api/me/tokens/{token.pk}/").status_code == 404
    assert token.__class__.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_desk_settings(call, role):
    read = call(role).get("/api/settings/")
    assert read.status_code == expect(role, anonymous=401, requester=403, agent=403, admin=200)
    changed = call(role).patch("/api/settings/", {"signup_open": False}, format="json")
    assert changed.status_code == expect(role, anonymous=401, requester=403, agent=403, admin=200)


@pytest.mark.parametrize("role", ROLES)
def test_config_is_for_everyone(call, role):
    response = call(role).get("/api/config/")
    assert response.status_code == 200
    assert response.json() == {
        "setup_needed": False,
        "signup_open": True,
        "demo": False,
        "events_url": "http://testserver:8001/api/events/",
    }


@pytest.mark.parametrize("role", ROLES)
def test_setup_is_over_once_an_admin_exists(call, role):
    response = call(role).post(
        "/api/setup/",
        {"email": "x@example.com", "name": "X", "password": "long enough pass"},
        format="json",
    )
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/api/demo/people/"])
@pytest.mark.parametrize("role", ROLES)
def test_the_demo_is_not_there_outside_demo_mode(call, role, path):
    assert call(role).get(path).status_code == 404
    assert call(role).post("/api/demo/sign-in/", {"user_id": 1}, format="json").status_code == 404


def test_anonymous_answers_are_json_401s_that_say_how_to_authenticate(anonymous):
    response = anonymous.get("/api/tickets/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["errors"][0]["code"] == "not_authenticated"


@pytest.mark.parametrize("role", ROLES)
def test_the_conversation_of_another_requesters_ticket(call, role, others_ticket):
    url = f"/api/tickets/{others_ticket.pk}/comments/"
    read = call(role).get(url)
    assert read.status_code == expect(role, anonymous=401, requester=404, agent=200, admin=200)
    written = call(role).post(url, {"body": "Looking into it"}, format="json")
    assert written.status_code == expect(role, anonymous=401, requester=404, agent=201, admin=201)


@pytest.mark.parametrize("role", ROLES)
def test_the_conversation_of_ones_own_ticket(call, role, people):
    mine = make_ticket(requester=people["requester"])
    url = f"/api/tickets/{mine.pk}/comments/"
    written = call(role).post(url, {"body": "Any news?"}, format="json")
    assert written.status_code == expect(role, anonymous=401, requester=201, agent=201, admin=201)


@pytest.mark.parametrize("role", ROLES)
def test_a_tickets_history(call, role, people):
    mine = make_ticket(requester=people["requester"])
    response = call(role).get(f"/api/tickets/{mine.pk}/history/")
    assert response.status_code == expect(role, anonymous=401, requester=403, agent=200, admin=200)


@pytest.mark.parametrize("role", ROLES)
def test_queue_counts(call, role):
    response = call(role).get("/api/tickets/queues/")
    assert response.status_code == expect(role, anonymous=401, requester=403, agent=200, admin=200)


@pytest.mark.parametrize("role", ROLES)
def test_bulk_changes(call, role, people):
    mine = make_ticket(requester=people["requester"])
    response = call(role).post(
        "/api/tickets/bulk/", {"ids": [mine.pk], "status": "closed"}, format="json"
    )
    assert response.status_code == expect(role, anonymous=401, requester=403, agent=200, admin=200)
    mine.refresh_from_db()
    assert mine.status == ("closed" if role in ("agent", "admin") else "open")


@pytest.mark.parametrize("role", ROLES)
def test_marking_a_ticket_read(call, role, people, others_ticket):
    mine = make_ticket(requester=people["requester"])
    own = call(role).post(f"/api/tickets/{mine.pk}/read/")
    assert own.status_code == expect(role, anonymous=401, requester=204, agent=204, admin=204)
    others = call(role).post(f"/api/tickets/{others_ticket.pk}/read/")
    assert others.status_code == expect(role, anonymous=401, requester=404, agent=204, admin=204)


@pytest.mark.parametrize("role", ROLES)
def test_sending_a_sign_in_link(call, role, others_ticket):
    response = call(role).post(f"/api/users/{others_ticket.requester_id}/invitation/")
    assert response.status_code == expect(role, anonymous=401, requester=403, agent=403, admin=200)


@pytest.mark.parametrize("role", ROLES)
def test_reading_one_person(call, role, others_ticket):
    response = call(role).get(f"/api/users/{others_ticket.requester_id}/")
    assert response.status_code == expect(role, anonymous=401, requester=403, agent=200, admin=200)


@pytest.mark.parametrize("role", ROLES)
def test_renaming_oneself(call, role):
    response = call(role).patch("/api/me/", {"name": "New Name"}, format="json")
    assert response.status_code == expect(role, anonymous=401, requester=200, agent=200, admin=200)
