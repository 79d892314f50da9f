"""Who owns a ticket: an agent or nobody, changed by agents, filtered by queue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from accounts.tests.factories import make_person
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def test_an_agent_assigns_a_ticket_and_unassigns_it(api, agent):
    ticket = make_ticket()
    assigned = api.patch(f"/api/tickets/{ticket.pk}/", {"assignee": agent.pk}, format="json")
    assert assigned.status_code == 200
    assert assigned.json()["assignee"] == {"id": agent.pk, "name": agent.name, "email": agent.email}
    cleared = api.patch(f"/api/tickets/{ticket.pk}/", {"assignee": None}, format="json")
    assert cleared.json()["assignee"] is None


@pytest.mark.parametrize("who", ["requester", "inactive agent", "nobody", "text"])
def test_only_an_active_agent_can_be_the_assignee(api, requester, who):
    ticket = make_ticket()
    inactive = make_person(Role.AGENT)
    inactive.is_active = False
    inactive.save()
    value = {
        "requester": requester.pk,
        "inactive agent": inactive.pk,
        "nobody": 10**9,
        "text": "me",
    }[who]
    response = api.patch(f"/api/tickets/{ticket.pk}/", {"assignee": value}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "assignee"
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_a_requester_cannot_assign_their_own_ticket(client_as, requester, agent):
    ticket = make_ticket(requester=requester)
    response = client_as(requester).patch(
        f"/api/tickets/{ticket.pk}/", {"assignee": agent.pk}, format="json"
    )
    assert response.status_code == 403


def test_the_assignee_filter_gives_my_unassigned_and_anyones_tickets(api, agent, admin):
    mine = make_ticket(assignee=agent)
    admins = make_ticket(assignee=admin)
    nobodys = make_ticket()

    def ids(query: str) -> set[int]:
        response = api.get(f"/api/tickets/?assignee={query}")
        assert response.status_code == 200
        return {ticket["id"] for ticket in response.json()["results"]}

    assert ids("me") == {mine.pk}
    assert ids("none") == {nobodys.pk}
    assert ids(str(admin.pk)) == {admins.pk}


@pytest.mark.parametrize("value", ["", "someone", "-1", "1.5", "9" * 30])
def test_a_bad_assignee_filter_is_a_400(api, value):
    response = api.get(f"/api/tickets/?assignee={value}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "assignee"


@pytest.mark.parametrize("change", [{"role": "requester"}, {"is_active": False}])
def test_someone_who_stops_working_tickets_owns_none(client_as, admin, agent, change):
    theirs = make_ticket(assignee=agent)
    response = client_as(admin).patch(f"/api/users/{agent.pk}/", change, format="json")
    assert response.status_code == 200
    theirs.refresh_from_db()
    assert theirs.assignee is None
    *_, unassigned = client_as(admin).get(f"/api/tickets/{theirs.pk}/history/").json()
    assert unassigned["actor"]["id"] == admin.pk
    assert unassigned["changes"][0]["field"] == "assignee"


def test_listing_assigned_tickets_costs_no_query_per_ticket(api, agent, admin):
    for owner in (agent, admin, agent, admin, None):
        make_ticket(assignee=owner, requester=make_person(Role.REQUESTER))
    with CaptureQueriesContext(connection) as few:
        api.get("/api/tickets/?page_size=1")
    with CaptureQueriesContext(connection) as many:
        api.get("/api/tickets/?page_size=5")
    assert len(many) == len(few)
