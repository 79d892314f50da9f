"""Classification off the request path: a ticket is filed at once with a quick
suggestion and marked classifying; the worker asks the language model and records its
answer, leaving alone what people chose or confirmed meanwhile."""

from datetime import timedelta
from functools import partial

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus

import classifier
from classifier.chain import RECHECK_SECONDS, build_chain
from classifier.tests.conftest import (
    clock,  # noqa: F401  (a fixture)
    fake_ollama,  # noqa: F401  (a fixture)
)
from classifier.tests.fakes import MODEL, Behaviour, good_answer_tokens
from tickets import triage
from tickets.models import Ticket
from tickets.tests.tasks import classifications, run_classifications
from tickets.triage import RETRY_DELAYS, classify_ticket

pytestmark = pytest.mark.django_db

# The rules say technical and medium; the fake Ollama answers billing and high.
EXPORT = {"title": "Export button", "description": "The export button does nothing at all."}


def create(client, **fields) -> dict:
    response = client.post("/api/tickets/", EXPORT | fields, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_ticket_is_filed_without_asking_the_model_then_the_worker_asks_it(
    client_as,
    requester,
    api,
    fake_ollama,  # noqa: F811
):
    filed = create(client_as(requester))
    assert fake_ollama.chats() == []  # the request never waited on the model
    assert (filed["classified_by"], filed["category"], filed["priority"]) == (
        "rules",
        "technical",
        "medium",
    )
    assert filed["classifying"] is True

    run_classifications()

    ticket = api.get(f"/api/tickets/{filed['id']}/").json()
    assert len(fake_ollama.chats()) == 1
    assert (ticket["classified_by"], ticket["classifier_model"]) == ("ollama", MODEL)
    assert (ticket["suggested_category"], ticket["suggested_priority"]) == ("billing", "high")
    assert (ticket["category"], ticket["priority"]) == ("billing", "high")
    assert ticket["classifying"] is False
    [suggested, created, changed] = api.get(f"/api/tickets/{filed['id']}/history/").json()
    assert (suggested["actor"]["kind"], created["actor"]["kind"]) == ("classifier", "person")
    assert changed["actor"]["kind"] == "classifier"
    assert {c["field"]: (c["old"], c["new"]) for c in changed["changes"]} == {
        "category": ("technical", "billing"),
        "priority": ("medium", "high"),
        "suggested_category": ("technical", "billing"),
        "suggested_priority": ("medium", "high"),
        "classified_by": ("rules", "ollama"),
    }


def test_labels_the_requester_chose_stay_and_the_suggestion_is_recorded(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
):
    filed = create(client_as(requester), priority="low")
    run_classifications()
    ticket = Ticket.objects.get(pk=filed["id"])
    assert (ticket.category, ticket.priority) == ("billing", "low")
    assert (ticket.suggested_category, ticket.suggested_priority) == ("billing", "high")


def test_labels_an_agent_set_meanwhile_are_kept(
    client_as,
    requester,
    api,
    fake_ollama,  # noqa: F811
):
    filed = create(client_as(requester))
    api.patch(f"/api/tickets/{filed['id']}/", {"category": "account"}, format="json")
    run_classifications()
    ticket = Ticket.objects.get(pk=filed["id"])
    assert (ticket.category, ticket.priority) == ("account", "medium")
    assert (ticket.classified_by, ticket.suggested_category) == ("ollama", "billing")
    assert ticket.classifying is False


def test_an_unsure_answer_puts_the_ticket_in_triage(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
):
    fake_ollama.behaviour = Behaviour(logprobs=good_answer_tokens(-0.5, -0.5))
    filed = create(client_as(requester))
    assert filed["needs_triage"] is False  # the rules were sure enough
    run_classifications()
    ticket = Ticket.objects.get(pk=filed["id"])
    assert (ticket.classified_by, ticket.needs_triage) == ("ollama", True)


def test_text_the_model_just_classified_is_filed_with_its_answer_at_once(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
):
    client = client_as(requester)
    assert client.post("/api/tickets/classify/", EXPORT, format="json").json()["backend"] == (
        "ollama"
    )
    filed = create(client, category="billing", priority="high")
    assert (filed["classified_by"], filed["classifying"]) == ("ollama", False)
    assert classifications() == []
    assert len(fake_ollama.chats()) == 1


def test_a_model_known_to_be_down_is_not_waited_for(client_as, requester):
    client = client_as(requester)
    client.post("/api/tickets/classify/", EXPORT, format="json")  # finds Ollama down
    filed = create(client, title="Another export problem")
    assert (filed["classified_by"], filed["classifying"]) == ("rules", False)
    assert classifications() == []


def test_a_model_that_does_not_answer_is_tried_again_later_then_the_quick_answer_stands(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
    settings,
):
    settings.CLASSIFIER_SKIP_SECONDS = 0
    fake_ollama.behaviour = Behaviour(status=500, error="out of memory")
    filed = create(client_as(requester))
    for delay in RETRY_DELAYS:
        started = timezone.now()
        run_classifications(later=True)
        assert classifications() == []  # not due yet
        [retry] = classifications(later=True)
        assert retry.run_after - started >= delay
        assert retry.run_after - started < delay + timedelta(seconds=5)
        assert Ticket.objects.get(pk=filed["id"]).classifying is True
    run_classifications(later=True)
    assert classifications(later=True) == []
    ticket = Ticket.objects.get(pk=filed["id"])
    assert (ticket.classified_by, ticket.category, ticket.classifying) == (
        "rules",
        "technical",
        False,
    )
    assert len(fake_ollama.chats()) == 3


def test_running_a_task_again_does_nothing(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
):
    create(client_as(requester))
    [task] = classifications()
    arguments = task.args_kwargs
    run_classifications()
    classify_ticket.call(*arguments["args"], **arguments["kwargs"])
    assert len(fake_ollama.chats()) == 1


def test_a_ticket_deleted_while_the_model_thinks_is_left_alone(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
    monkeypatch,
):
    filed = create(client_as(requester))
    real = triage.classify

    def deleting_meanwhile(*args, **kwargs):
        Ticket.objects.filter(pk=filed["id"]).delete()
        return real(*args, **kwargs)

    monkeypatch.setattr(triage, "classify", deleting_meanwhile)
    run_classifications()
    assert not Ticket.objects.filter(pk=filed["id"]).exists()
    assert classifications(later=True) == []


def test_tickets_a_killed_run_left_classifying_are_let_go(client_as, requester, fake_ollama):  # noqa: F811
    stuck = create(client_as(requester))
    waited = create(client_as(requester), title="Filed while the worker was away")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Ticket.objects.filter(pk__in=[stuck["id"], waited["id"]]).update(created_at=an_hour_ago)
    [killed, _] = classifications()
    killed.status = TaskResultStatus.RUNNING  # its worker died mid-task
    killed.save()
    fresh = create(client_as(requester), title="Another export problem")
    assert triage.let_go_stuck() == 1
    assert Ticket.objects.get(pk=waited["id"]).classifying  # its task still waits
    assert not Ticket.objects.get(pk=stuck["id"]).classifying
    assert Ticket.objects.get(pk=fresh["id"]).classifying
    call_command("prepare_desk")  # each start lets go too
    assert Ticket.objects.get(pk=fresh["id"]).classifying


def test_a_model_that_failed_a_while_ago_is_asked_again_in_the_background(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
    monkeypatch,
    clock,  # noqa: F811
):
    monkeypatch.setattr(classifier, "build_chain", partial(build_chain, clock=clock))
    classifier.reset()
    fake_ollama.behaviour = Behaviour(status=500, error="out of memory")
    client = client_as(requester)
    assert client.post("/api/tickets/classify/", EXPORT, format="json").json()["backend"] == (
        "rules"
    )
    fake_ollama.behaviour = Behaviour()
    assert create(client, title="Export fails again")["classifying"] is False
    clock.advance(RECHECK_SECONDS)
    filed = create(client, title="Export still fails")
    assert filed["classifying"] is True
    run_classifications()
    assert Ticket.objects.get(pk=filed["id"]).classified_by == "ollama"


def test_an_agent_filing_with_both_labels_confirms_them_and_only_the_suggestion_changes(
    api,
    agent,
    requester,
    fake_ollama,  # noqa: F811
):
    filed = create(api, requester=requester.pk, category="general", priority="low")
    run_classifications()
    ticket = Ticket.objects.get(pk=filed["id"])
    assert (ticket.category, ticket.priority, ticket.needs_triage) == ("general", "low", False)
    assert (ticket.suggested_category, ticket.labels_confirmed_by) == ("billing", agent)


def test_when_the_model_agrees_the_ticket_does_not_move(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
):
    fake_ollama.behaviour = Behaviour(content='{"category": "technical", "priority": "medium"}')
    filed = create(client_as(requester))
    run_classifications()
    ticket = Ticket.objects.get(pk=filed["id"])
    assert (ticket.classified_by, ticket.category, ticket.classifying) == (
        "ollama",
        "technical",
        False,
    )
    assert ticket.updated_at == ticket.created_at
