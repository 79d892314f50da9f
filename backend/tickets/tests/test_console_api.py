"""What the agent console reads: queues with their counts, sorting, bulk changes, and
which tickets have requester replies the agent has not read."""

from base64 import b64encode
from datetime import timedelta
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import make_person
from tickets.models import Ticket
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def ids(client, query: str) -> list[int]:
    response = client.get(f"/api/tickets/?{query}")
    assert response.status_code == 200, response.json()
    return [ticket["id"] for ticket in response.json()["results"]]


@pytest.fixture
def desk(agent, admin):
    """One ticket in each situation the queues tell apart."""
    long_ago = timezone.now() - timedelta(days=30)
    tickets = {
        "mine": make_ticket(assignee=agent),
        "mine in progress": make_ticket(assignee=agent, status="in_progress"),
        "mine resolved": make_ticket(assignee=agent, status="resolved"),
        "admin's": make_ticket(assignee=admin),
        "nobody's": make_ticket(),
        "resolved long ago": make_ticket(status="resolved"),
        "closed": make_ticket(status="closed"),
    }
    Ticket.objects.filter(pk=tickets["resolved long ago"].pk).update(resolved_at=long_ago)
    return {name: ticket.pk for name, ticket in tickets.items()}


def test_each_queue_lists_its_tickets_and_counts_them(api, desk):
    expected = {
        "mine": {"mine", "mine in progress"},
        "unassigned": {"nobody's"},
        "triage": set(),
        "open": {"mine", "mine in progress", "admin's", "nobody's"},
        "resolved_recently": {"mine resolved"},
        "all": set(desk),
    }
    counts = api.get("/api/tickets/queues/")
    assert counts.status_code == 200
    assert counts.json() == {queue: len(names) for queue, names in expected.items()}
    for queue, names in expected.items():
        assert set(ids(api, f"queue={queue}")) == {desk[name] for name in names}, queue


def test_my_queue_is_the_callers_own(client_as, admin, desk):
    assert set(ids(client_as(admin), "queue=mine")) == {desk["admin's"]}
    assert client_as(admin).get("/api/tickets/queues/").json()["mine"] == 1


def test_queues_combine_with_filters(api, desk):
    Ticket.objects.filter(pk=desk["nobody's"]).update(priority="critical")
    assert ids(api, "queue=open&priority=critical") == [desk["nobody's"]]


def test_requesters_get_no_queue_counts(client_as, requester):
    assert client_as(requester).get("/api/tickets/queues/").status_code == 403


@pytest.mark.parametrize("query", ["queue=", "queue=inbox", "ordering=", "ordering=-id"])
def test_an_unknown_queue_or_order_is_a_400_naming_it(api, query):
    response = api.get(f"/api/tickets/?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == query.split("=")[0]


def test_priority_sorts_critical_first_then_newest(api):
    low = make_ticket(priority="low")
    critical_old = make_ticket(priority="critical")
    high = make_ticket(priority="high")
    critical_new = make_ticket(priority="critical")
    assert ids(api, "ordering=-priority") == [
        critical_new.pk,
        critical_old.pk,
        high.pk,
        low.pk,
    ]
    assert ids(api, "ordering=priority") == [low.pk, high.pk, critical_old.pk, critical_new.pk]


def test_status_sorts_open_to_closed(api):
    closed = make_ticket(status="closed")
    opened = make_ticket(status="open")
    working = make_ticket(status="in_progress")
    assert ids(api, "ordering=status") == [opened.pk, working.pk, closed.pk]


def test_people_sort_by_name_and_nobody_comes_first(api):
    zoe = make_person(Role.AGENT, name="Zoe Zed")
    abe = make_person(Role.AGENT, name="Abe Able")
    for_zoe = make_ticket(assignee=zoe)
    for_abe = make_ticket(assignee=abe)
    for_nobody = make_ticket()
    assert ids(api, "ordering=assignee") == [for_nobody.pk, for_abe.pk, for_zoe.pk]
    by_requester = make_ticket(requester=make_person(Role.REQUESTER, name="Aaron First"))
    assert ids(api, "ordering=requester")[0] == by_requester.pk


def test_last_update_and_age_sort_both_ways(api):
    older = make_ticket(created_at=timezone.now() - timedelta(days=2))
    newer = make_ticket()
    Ticket.objects.filter(pk=older.pk).update(updated_at=timezone.now() + timedelta(minutes=1))
    assert ids(api, "ordering=-updated_at") == [older.pk, newer.pk]
    assert ids(api, "ordering=updated_at") == [newer.pk, older.pk]
    assert ids(api, "ordering=created_at") == [older.pk, newer.pk]


@pytest.mark.parametrize("ordering", ["-priority", "title", "requester", "-assignee", "status"])
def test_sorted_pages_follow_each_other_without_gaps_or_repeats(api, ordering):
    for number in range(25):
        make_ticket(
            title=f"Ticket {number:02}",
            priority=["low", "medium", "high", "critical"][number % 4],
            status=["open", "in_progress"][number % 2],
        )
    seen: list[int] = []
    url = f"/api/tickets/?ordering={ordering}&page_size=4"
    while url:
        page = api.get(url).json()
        seen += [ticket["id"] for ticket in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(Ticket.objects.values_list("pk", flat=True))
    assert seen == ids(api, f"ordering={ordering}&page_size=100")


@pytest.mark.parametrize("position", ["abc", "1.5", "x\x00"])
def test_a_forged_sort_position_is_a_404_not_a_500(api, position):
    cursor = b64encode(urlencode({"p": position}).encode()).decode()
    for ordering in ("-priority", "title"):
        response = api.get(f"/api/tickets/?ordering={ordering}&cursor={quote(cursor)}")
        expected = 200 if ordering == "title" and "\x00" not in position else 404
        assert response.status_code == expected, (ordering, position)


def test_bulk_sets_status_and_assignee_of_several_tickets(api, agent):
    first, second, untouched = make_ticket(), make_ticket(), make_ticket()
    response = api.post(
        "/api/tickets/bulk/",
        {"ids": [second.pk, first.pk], "status": "in_progress", "assignee": agent.pk},
        format="json",
    )
    assert response.status_code == 200, response.json()
    results = response.json()["results"]
    assert [ticket["id"] for ticket in results] == [second.pk, first.pk]
    assert {(t["status"], t["assignee"]["id"]) for t in results} == {("in_progress", agent.pk)}
    untouched.refresh_from_db()
    assert (untouched.status, untouched.assignee) == ("open", None)


def test_bulk_is_all_or_nothing_when_a_ticket_is_missing(api):
    ticket = make_ticket()
    response = api.post(
        "/api/tickets/bulk/", {"ids": [ticket.pk, 10**9], "status": "closed"}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["attr"], error["code"]) == ("ids", "does_not_exist")
    assert str(10**9) in error["detail"]
    ticket.refresh_from_db()
    assert ticket.status == "open"


@pytest.mark.parametrize(
    ("body", "attr"),
    [
        ({"ids": [1]}, "non_field_errors"),
        ({"ids": [], "status": "open"}, "ids"),
        ({"ids": list(range(1, 102)), "status": "open"}, "ids"),
        ({"ids": ["one"], "status": "open"}, "ids"),
        ({"ids": [0], "status": "open"}, "ids"),
        ({"ids": [1], "status": "done"}, "status"),
        ({"ids": [1], "priority": "low"}, "non_field_errors"),
    ],
)
def test_bulk_refuses_bad_input_naming_the_field(api, body, attr):
    make_ticket()
    response = api.post("/api/tickets/bulk/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == attr


def test_bulk_refuses_a_requester_as_assignee(api, requester):
    ticket = make_ticket()
    response = api.post(
        "/api/tickets/bulk/", {"ids": [ticket.pk], "assignee": requester.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "not_an_agent"


def test_requesters_cannot_bulk_change(client_as, requester):
    ticket = make_ticket(requester=requester)
    response = client_as(requester).post(
        "/api/tickets/bulk/", {"ids": [ticket.pk], "status": "closed"}, format="json"
    )
    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.status == "open"


def test_bulk_changes_are_in_each_tickets_history(api, agent):
    first, second = make_ticket(), make_ticket()
    api.post("/api/tickets/bulk/", {"ids": [first.pk, second.pk], "status": "resolved"}, "json")
    for ticket in (first, second):
        history = api.get(f"/api/tickets/{ticket.pk}/history/").json()
        assert history[-1]["actor"] == {"kind": "person", "id": agent.pk, "name": agent.name}
        assert history[-1]["changes"][0] | {"kept_suggestion": None} == {
            "field": "status",
            "old": "open",
            "new": "resolved",
            "kept_suggestion": None,
        }


def unread(client, ticket) -> bool:
    return client.get(f"/api/tickets/{ticket.pk}/").json()["unread"]


def test_a_requester_reply_is_unread_to_each_agent_until_they_open_it(
    api, client_as, requester, admin
):
    ticket = make_ticket(requester=requester)
    assert unread(api, ticket) is False
    client_as(requester).post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Any news?"}, "json")
    assert unread(api, ticket) is True
    assert ids(api, "queue=all") == [ticket.pk]
    assert api.get("/api/tickets/").json()["results"][0]["unread"] is True
    assert api.post(f"/api/tickets/{ticket.pk}/read/").status_code == 204
    assert unread(api, ticket) is False
    assert unread(client_as(admin), ticket) is True  # each agent reads for themselves
    client_as(requester).post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Hello?"}, "json")
    assert unread(api, ticket) is True


def test_agent_replies_and_notes_are_never_unread(api, agent):
    ticket = make_ticket()
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Looking", "internal": True}, "json")
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "On it"}, "json")
    assert unread(api, ticket) is False


def test_the_last_reply_is_the_last_public_one(api, client_as, agent, requester):
    ticket = make_ticket(requester=requester)
    mine = client_as(requester)
    assert mine.get(f"/api/tickets/{ticket.pk}/").json()["last_reply_at"] is None
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "On it"}, "json")
    reply = mine.get(f"/api/tickets/{ticket.pk}/comments/").json()["results"][0]
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Psst", "internal": True}, "json")
    seen = mine.get("/api/tickets/").json()["results"][0]
    assert seen["last_reply_at"] == reply["created_at"]
    assert seen["last_reply_by"] == {"id": agent.pk, "name": agent.name, "email": None}
    assert seen["unread"] is False


def test_reading_a_ticket_needs_seeing_it(client_as, requester):
    others = make_ticket()
    response = client_as(requester).post(f"/api/tickets/{others.pk}/read/")
    assert response.status_code == 404
    own = make_ticket(requester=requester)
    assert client_as(requester).post(f"/api/tickets/{own.pk}/read/").status_code == 204


def test_a_sorted_list_pages_past_a_thousand_tickets_of_one_priority(api):
    # DRF's cursor would serve the same page forever past 1,000 rows sharing a key.
    requester = make_person(Role.REQUESTER)
    Ticket.objects.bulk_create(
        Ticket(
            title=f"Ticket {number}",
            description="As urgent as the others.",
            category="general",
            priority="medium",
            requester=requester,
        )
        for number in range(1_150)
    )
    seen: list[int] = []
    url = "/api/tickets/?ordering=-priority&page_size=100"
    for _ in range(12):  # 1,150 tickets are 12 pages; a stuck cursor would go on forever
        page = api.get(url).json()
        seen += [ticket["id"] for ticket in page["results"]]
        url = page["next"]
        if url is None:
            break
    assert url is None
    assert len(seen) == len(set(seen)) == 1_150


def test_resolved_recently_means_resolved_in_the_last_week_whatever_happened_since(api, agent):
    long_ago = timezone.now() - timedelta(days=30)
    old = make_ticket()
    api.patch(f"/api/tickets/{old.pk}/", {"status": "resolved"}, "json")
    Ticket.objects.filter(pk=old.pk).update(resolved_at=long_ago)
    # Touched today: a note, a new priority, a new assignee. Still resolved long ago.
    api.post(f"/api/tickets/{old.pk}/comments/", {"body": "fyi", "internal": True}, "json")
    api.patch(f"/api/tickets/{old.pk}/", {"priority": "low", "assignee": agent.pk}, "json")
    fresh = make_ticket()
    api.patch(f"/api/tickets/{fresh.pk}/", {"status": "resolved"}, "json")
    assert ids(api, "queue=resolved_recently") == [fresh.pk]
    assert api.get("/api/tickets/queues/").json()["resolved_recently"] == 1


def test_the_database_keeps_the_resolution_time_however_a_ticket_is_resolved():
    ticket = make_ticket()
    assert ticket.resolved_at is None
    with connection.cursor() as cursor:
        cursor.execute("UPDATE tickets_ticket SET status = 'resolved' WHERE id = %s", [ticket.pk])
    ticket.refresh_from_db()
    first = ticket.resolved_at
    assert first is not None
    Ticket.objects.filter(pk=ticket.pk).update(priority="high")  # still resolved: kept
    ticket.refresh_from_db()
    assert ticket.resolved_at == first
    Ticket.objects.filter(pk=ticket.pk).update(status="open")  # reopened: cleared
    ticket.refresh_from_db()
    assert ticket.resolved_at is None
    imported = make_ticket(status="resolved", resolved_at=timezone.now() - timedelta(days=3))
    assert imported.resolved_at < timezone.now() - timedelta(days=2)  # an import keeps its own


def test_an_internal_note_changes_nothing_a_requester_sees(api, client_as, requester):
    ticket = make_ticket(requester=requester)
    before = client_as(requester).get(f"/api/tickets/{ticket.pk}/").json()
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Psst", "internal": True}, "json")
    assert client_as(requester).get(f"/api/tickets/{ticket.pk}/").json() == before


def test_a_reply_stamped_before_the_read_mark_but_committed_after_is_unread(
    api, client_as, requester
):
    ticket = make_ticket(requester=requester)
    client_as(requester).post(f"/api/tickets/{ticket.pk}/comments/", {"body": "One"}, "json")
    api.post(f"/api/tickets/{ticket.pk}/read/")
    # A reply whose transaction began before the mark was made lands after it.
    ticket.refresh_from_db()
    late = ticket.requester_replied_at + timedelta(milliseconds=1)
    Ticket.objects.filter(pk=ticket.pk).update(requester_replied_at=late)
    assert unread(api, ticket) is True


def test_a_ticket_its_requester_files_is_unread_to_agents_but_not_one_an_agent_files(
    api, client_as, requester
):
    filed = client_as(requester).post(
        "/api/tickets/", {"title": "Help", "description": "It broke."}, "json"
    )
    assert filed.json()["unread"] is False  # never for requesters
    assert api.get(f"/api/tickets/{filed.json()['id']}/").json()["unread"] is True
    for_them = api.post(
        "/api/tickets/",
        {"title": "Phoned in", "description": "They called.", "requester": requester.pk},
        "json",
    )
    assert api.get(f"/api/tickets/{for_them.json()['id']}/").json()["unread"] is False


@pytest.mark.parametrize("search", ["31", "#31", " #31 "])
def test_search_finds_a_ticket_by_its_number_too(api, search):
    tickets = [make_ticket(title=f"Ticket {n}") for n in range(3)]
    target = tickets[1]
    query = search.replace("31", str(target.pk))
    assert target.pk in ids(api, f"search={quote(query)}")


def test_subject_and_name_sorts_ignore_case(api):
    lower = make_ticket(title="add a second admin")
    upper = make_ticket(title="API rate limit")
    middle = make_ticket(title="Billing")
    assert ids(api, "ordering=title") == [lower.pk, upper.pk, middle.pk]


def test_requesters_learn_the_names_of_agents_on_their_tickets_but_not_their_addresses(
    api, client_as, requester, agent
):
    ticket = make_ticket(requester=requester, assignee=agent)
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "On it"}, "json")
    mine = client_as(requester)
    seen = mine.get(f"/api/tickets/{ticket.pk}/").json()
    listed = mine.get("/api/tickets/").json()["results"][0]
    [reply] = mine.get(f"/api/tickets/{ticket.pk}/comments/").json()["results"]
    for person in (seen["assignee"], seen["last_reply_by"], listed["assignee"], reply["author"]):
        assert person == {"id": agent.pk, "name": agent.name, "email": None}
    assert seen["requester"]["email"] == requester.email  # their own
    written = mine.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Thanks"}, "json")
    assert written.json()["author"]["email"] == requester.email
    # Agents see everyone's.
    assert api.get(f"/api/tickets/{ticket.pk}/").json()["assignee"]["email"] == agent.email


def test_a_first_requester_reply_after_a_read_mark_is_unread(api, client_as, requester):
    ticket = make_ticket(requester=requester)  # filed by an agent: nothing unread
    api.post(f"/api/tickets/{ticket.pk}/read/")
    # The reply's transaction began just after the ticket was made, before the mark.
    ticket.refresh_from_db()
    Ticket.objects.filter(pk=ticket.pk).update(
        requester_replied_at=ticket.created_at + timedelta(microseconds=1)
    )
    assert unread(api, ticket) is True


def test_a_resolved_ticket_saved_whole_keeps_its_resolution_time():
    ticket = make_ticket(status="resolved")
    stale = Ticket.objects.get(pk=ticket.pk)
    stale.resolved_at = None  # as a copy read before the trigger set it would hold
    stale.save()
    ticket.refresh_from_db()
    assert ticket.resolved_at is not None
