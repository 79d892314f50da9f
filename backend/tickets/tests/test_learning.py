"""Triage that learns: provenance of suggestions, confirmations, unsure suggestions and
the Triage queue, similar tickets, worked examples in the prompt, and the learned model
trained on confirmed tickets."""

import json

import pytest
from django.core.management import call_command

import classifier
from accounts.models import Role
from accounts.tests.factories import make_person
from classifier.base import Shot
from classifier.models import LearnedModel
from classifier.tests.conftest import (
    fake_cloud,  # noqa: F401  (a fixture)
    fake_ollama,  # noqa: F401  (a fixture)
)
from classifier.tests.fakes import MODEL, Behaviour, good_answer_tokens
from tickets import learning
from tickets.models import Ticket
from tickets.tests.factories import make_ticket
from tickets.tests.tasks import run_classifications

pytestmark = pytest.mark.django_db

VAGUE = {"title": "Hello there", "description": "Something about my thing is odd."}
CLEAR = {"title": "Charged twice", "description": "I was charged twice this month, refund me."}


def create(client, **fields):
    """The ticket once the worker has asked the language model about it."""
    response = client.post("/api/tickets/", fields, format="json")
    assert response.status_code == 201, response.json()
    run_classifications()
    return client.get(f"/api/tickets/{response.json()['id']}/").json()


# Provenance ---------------------------------------------------------------------------


def test_a_ticket_records_the_rules_suggestion_with_its_confidence(client_as, requester):
    ticket = create(client_as(requester), **CLEAR)
    assert (ticket["classified_by"], ticket["classifier_model"]) == ("rules", None)
    assert ticket["prompt_version"] is None
    assert ticket["confidence"] == 0.72  # a clear category (0.9) x high (0.8)
    assert (ticket["unsure"], ticket["needs_triage"]) == (False, False)
    assert (ticket["labels_confirmed_at"], ticket["labels_confirmed_by"]) == (None, None)


def test_ollamas_token_probabilities_become_the_confidence(client_as, requester, fake_ollama):  # noqa: F811
    fake_ollama.behaviour = Behaviour(logprobs=good_answer_tokens(-0.05, -0.4))
    ticket = create(client_as(requester), **CLEAR)
    assert fake_ollama.chats()[-1]["logprobs"] is True
    assert (ticket["classified_by"], ticket["classifier_model"]) == ("ollama", MODEL)
    assert ticket["prompt_version"] == classifier.prompt.VERSION
    assert ticket["confidence"] == pytest.approx(0.6376, abs=1e-4)  # e^-0.45


def test_an_ollama_without_token_probabilities_gives_no_confidence_and_is_not_unsure(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
):
    ticket = create(client_as(requester), **VAGUE)
    assert (ticket["classified_by"], ticket["confidence"], ticket["unsure"]) == (
        "ollama",
        None,
        False,
    )
    assert ticket["needs_triage"] is False


@pytest.mark.parametrize(
    "field", ["confidence", "classifier_model", "labels_confirmed_by", "needs_triage"]
)
def test_only_the_server_writes_provenance(client_as, api, requester, field):
    ticket = make_ticket()
    for response in (
        client_as(requester).post("/api/tickets/", CLEAR | {field: None}, format="json"),
        api.patch(f"/api/tickets/{ticket.pk}/", {field: None}, format="json"),
    ):
        assert response.status_code == 400
        [error] = response.json()["errors"]
        assert (error["code"], field in error["detail"]) == ("unknown_field", True)


# Unsure suggestions and the Triage queue -------------------------------------------


def test_classify_says_how_sure_it_is(client_as, requester):
    client = client_as(requester)
    vague = client.post("/api/tickets/classify/", VAGUE, format="json").json()
    clear = client.post("/api/tickets/classify/", CLEAR, format="json").json()
    assert vague["unsure"] is True
    assert vague["confidence"] < 0.5
    assert clear["unsure"] is False
    assert clear["confidence"] >= 0.5


def test_an_unsure_suggestion_taken_unchanged_waits_in_the_triage_queue(client_as, requester, api):
    flagged = create(client_as(requester), **VAGUE)
    chosen = create(client_as(requester), **VAGUE, category="general", priority="low")
    sure = create(client_as(requester), **CLEAR)
    assert [flagged["needs_triage"], chosen["needs_triage"], sure["needs_triage"]] == [
        True,
        False,
        False,
    ]
    listed = api.get("/api/tickets/?queue=triage").json()["results"]
    assert [ticket["id"] for ticket in listed] == [flagged["id"]]
    assert api.get("/api/tickets/queues/").json()["triage"] == 1

    api.patch(f"/api/tickets/{flagged['id']}/", {"category": "general"}, format="json")
    assert api.get("/api/tickets/queues/").json()["triage"] == 0


def test_the_threshold_is_a_setting(client_as, requester, settings):
    settings.CLASSIFIER_CONFIDENCE_THRESHOLD = 0.8
    ticket = create(client_as(requester), **CLEAR)
    assert (ticket["unsure"], ticket["needs_triage"]) == (True, True)


# Confirmations ----------------------------------------------------------------------


def test_an_agent_setting_or_keeping_a_label_confirms_them(api, agent):
    ticket = make_ticket(needs_triage=True)
    response = api.patch(f"/api/tickets/{ticket.pk}/", {"priority": "medium"}, format="json")
    body = response.json()
    assert body["labels_confirmed_by"]["id"] == agent.pk
    assert body["labels_confirmed_at"] is not None
    assert body["needs_triage"] is False


def test_resolving_confirms_but_other_changes_do_not(api, agent):
    working, resolved = make_ticket(), make_ticket()
    api.patch(f"/api/tickets/{working.pk}/", {"status": "in_progress"}, format="json")
    api.patch(f"/api/tickets/{resolved.pk}/", {"status": "resolved"}, format="json")
    working.refresh_from_db()
    resolved.refresh_from_db()
    assert working.labels_confirmed_at is None
    assert resolved.labels_confirmed_by == agent


def test_reply_and_resolve_and_bulk_close_confirm(api, agent):
    replied, first, already = make_ticket(), make_ticket(), make_ticket()
    other = make_person(Role.AGENT, name="Sam Agent")
    Ticket.objects.filter(pk=already.pk).update(
        labels_confirmed_at="2026-01-01T00:00Z", labels_confirmed_by=other
    )
    api.post(
        f"/api/tickets/{replied.pk}/comments/",
        {"body": "Fixed.", "status": "resolved"},
        format="json",
    )
    response = api.post(
        "/api/tickets/bulk/", {"ids": [first.pk, already.pk], "status": "closed"}, format="json"
    )
    assert response.status_code == 200
    by = {t["id"]: t["labels_confirmed_by"]["id"] for t in response.json()["results"]}
    assert by == {first.pk: agent.pk, already.pk: other.pk}
    replied.refresh_from_db()
    assert replied.labels_confirmed_by == agent


def test_labels_chosen_by_an_agent_filing_are_confirmed_but_a_requesters_are_not(
    api, agent, client_as, requester
):
    filed = create(api, **CLEAR, category="billing", priority="medium", requester=requester.pk)
    own = create(client_as(requester), **CLEAR, category="billing", priority="medium")
    assert filed["labels_confirmed_by"]["id"] == agent.pk
    assert own["labels_confirmed_at"] is None


# Similar tickets --------------------------------------------------------------------


def test_similar_tickets_are_only_ever_the_requesters_own(client_as, requester, api):
    mine = make_ticket(requester=requester, title="Charged twice for March")
    theirs = make_ticket(title="Charged twice for April")
    make_ticket(requester=requester, title="Cannot upload a photo")

    found = client_as(requester).post(
        "/api/tickets/similar/", {"title": "charged twice"}, format="json"
    )
    assert found.status_code == 200
    assert found.json()["results"] == [
        {"id": mine.pk, "title": "Charged twice for March", "status": "open"}
    ]
    for_agent = api.post("/api/tickets/similar/", {"title": "charged twice"}, format="json")
    assert {t["id"] for t in for_agent.json()["results"]} == {mine.pk, theirs.pk}


def test_an_admin_finds_similar_tickets_of_every_requester(client_as, admin, requester):
    own = make_ticket(requester=requester, title="Charged twice for March")
    other = make_ticket(title="Charged twice for April")
    found = client_as(admin).post(
        "/api/tickets/similar/", {"title": "charged twice"}, format="json"
    )
    assert {t["id"] for t in found.json()["results"]} == {own.pk, other.pk}


def test_similar_tickets_need_a_title_and_a_signed_in_person(anonymous, api):
    assert anonymous.post("/api/tickets/similar/", {"title": "x"}, format="json").status_code == 401
    response = api.post("/api/tickets/similar/", {"title": "  "}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "title"


def test_at_most_three_similar_tickets(api):
    for month in ("March", "April", "May", "June"):
        make_ticket(title=f"Charged twice in {month}")
    found = api.post("/api/tickets/similar/", {"title": "Charged twice in"}, format="json")
    assert len(found.json()["results"]) == 3


# Worked examples --------------------------------------------------------------------


def test_confirmed_similar_tickets_are_the_prompts_worked_examples(
    client_as,
    requester,
    api,
    fake_ollama,  # noqa: F811
):
    example = make_ticket(
        title="Charged twice for March",
        category="billing",
        priority="medium",
        labels_confirmed_at="2026-11-01T00:00Z",
    )
    make_ticket(title="Charged twice for April")  # not confirmed: never an example
    ticket = create(client_as(requester), **CLEAR)

    messages = fake_ollama.chats()[-1]["messages"]
    assert messages[0]["role"] == "system"  # first, so Ollama's prefix cache holds
    assert "Charged twice for March" in messages[1]["content"]
    assert json.loads(messages[2]["content"]) == {"category": "billing", "priority": "medium"}
    assert "Charged twice for April" not in json.dumps(messages)
    assert messages[-1]["content"].endswith(CLEAR["description"])

    detail = api.get(f"/api/tickets/{ticket['id']}/").json()
    assert detail["suggestion_examples"] == [
        {
            "id": example.pk,
            "title": "Charged twice for March",
            "category": "billing",
            "priority": "medium",
        }
    ]
    own = client_as(requester).get(f"/api/tickets/{ticket['id']}/").json()
    assert own["suggestion_examples"] == []


# The learned model ------------------------------------------------------------------

INVOICE_TITLES = [
    "Invoice {n} has the wrong address",
    "Please resend invoice {n}",
    "Invoice {n} missing our VAT number",
    "Need a copy of invoice {n}",
]


def confirmed_invoices(count: int, priority: str, agent) -> None:
    """Invoice tickets confirmed with this team's convention for their priority."""
    for n in range(count):
        make_ticket(
            title=INVOICE_TITLES[n % len(INVOICE_TITLES)].format(n=1000 + n),
            description=f"Our accountant asks about invoice {1000 + n} for the last month.",
            category="billing",
            priority=priority,
            labels_confirmed_at="2026-11-01T00:00Z",
            labels_confirmed_by=agent,
        )


def test_training_on_confirmed_tickets_changes_suggestions_for_similar_ones(
    client_as, requester, agent, settings
):
    settings.CLASSIFIER_LEARNED_MIN_TICKETS = 40
    new = {"title": "Invoice 2001 has the wrong address", "description": "Please fix it."}
    before = client_as(requester).post("/api/tickets/classify/", new, format="json").json()
    assert (before["backend"], before["suggested_priority"]) == ("rules", "medium")

    confirmed_invoices(40, "critical", agent)
    saved = learning.train()
    classifier.reset()

    after = client_as(requester).post("/api/tickets/classify/", new, format="json").json()
    assert (after["backend"], after["model"]) == ("learned", f"v{saved.pk}")
    assert (after["suggested_category"], after["suggested_priority"]) == ("billing", "critical")
    assert after["confidence"] >= settings.CLASSIFIER_CONFIDENCE_THRESHOLD
    ticket = create(client_as(requester), **new)
    assert (ticket["classified_by"], ticket["classifier_model"]) == ("learned", f"v{saved.pk}")


def test_the_learned_model_abstains_until_it_has_seen_enough_tickets(
    client_as, requester, agent, settings
):
    settings.CLASSIFIER_LEARNED_MIN_TICKETS = 100
    confirmed_invoices(40, "critical", agent)
    learning.train()
    classifier.reset()
    new = {"title": "Invoice 2001 has the wrong address", "description": "Please fix it."}
    answer = client_as(requester).post("/api/tickets/classify/", new, format="json").json()
    assert answer["backend"] == "rules"
    learned_health = classifier.classifier_health()["backends"][2]
    assert (learned_health["name"], learned_health["state"]) == ("learned", "learning")
    assert "learned from 40 of the 100 confirmed tickets" in learned_health["detail"]


def test_the_learned_model_abstains_when_unsure(client_as, requester, agent, settings):
    settings.CLASSIFIER_LEARNED_MIN_TICKETS = 40
    settings.CLASSIFIER_CONFIDENCE_THRESHOLD = 0.999
    confirmed_invoices(40, "critical", agent)
    saved = learning.train()
    classifier.reset()
    new = {"title": "Invoice 2001 has the wrong address", "description": "Please fix it."}
    answer = client_as(requester).post("/api/tickets/classify/", new, format="json").json()
    assert answer["backend"] == "rules"
    learned_health = classifier.classifier_health()["backends"][2]
    assert (learned_health["state"], learned_health["model"]) == ("ready", f"v{saved.pk}")


def test_a_failing_search_for_examples_costs_only_the_examples(
    client_as,
    requester,
    fake_ollama,  # noqa: F811
    monkeypatch,
):
    def broken(title, description):
        raise RuntimeError("the trigram index is gone")

    monkeypatch.setattr(learning, "shots", broken)
    first = create(client_as(requester), **CLEAR)
    second = create(client_as(requester), **VAGUE)
    assert (first["classified_by"], second["classified_by"]) == ("ollama", "ollama")
    assert len(fake_ollama.chats()[-1]["messages"]) == 2  # system prompt and the ticket


def test_other_tickets_never_go_to_a_cloud_api(
    client_as,
    requester,
    fake_cloud,  # noqa: F811
):
    make_ticket(title="Charged twice for March", labels_confirmed_at="2026-11-01T00:00Z")
    ticket = create(client_as(requester), **CLEAR)
    assert ticket["classified_by"] == "cloud"
    assert ticket["prompt_version"] == classifier.prompt.VERSION
    messages = fake_cloud.chats()[-1]["messages"]
    assert [message["role"] for message in messages] == ["system", "user"]


def test_train_classifier_prints_the_version_and_held_out_accuracy(agent, capsys):
    confirmed_invoices(30, "high", agent)
    call_command("train_classifier")
    out = capsys.readouterr().out
    saved = LearnedModel.objects.get()
    assert f"Learned model v{saved.pk}: 30 confirmed tickets and 271 shipped ones" in out
    assert "Held-out accuracy on 6 confirmed tickets: category 1.000, priority 1.000" in out
    assert "It answers once it has learned from 50 confirmed tickets" in out


def test_only_a_few_models_are_kept(agent):
    confirmed_invoices(10, "high", agent)
    keep = classifier.learned.KEEP_MODELS
    versions = [learning.train().pk for _ in range(keep + 1)]
    assert list(LearnedModel.objects.values_list("pk", flat=True)) == versions[::-1][:keep]


def test_the_prompt_version_moves_with_the_prompt():
    """Change the prompt (its text or how the messages are built), then bump
    prompt.VERSION and this pair together."""
    import hashlib

    shot = Shot(1, "Charged twice", "Two charges " * 100, "billing", "high")
    messages = classifier.prompt.messages("A title", "A description", [shot] * 5)
    digest = hashlib.sha256(json.dumps(messages).encode()).hexdigest()[:12]
    assert (classifier.prompt.VERSION, digest) == ("2", "516422d8e5af")
