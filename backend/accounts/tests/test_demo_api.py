import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEMO = True
    call_command("load_demo")


def test_the_sign_in_page_lists_the_demo_people(demo, anonymous):
    people = anonymous.get("/api/demo/people/").json()
    assert sorted(person["role"] for person in people) == [
        "admin",
        "agent",
        "agent",
        "requester",
        "requester",
        "requester",
    ]
    assert anonymous.get("/api/config/").json()["demo"] is True


def test_one_click_signs_in_as_a_demo_person(demo):
    browser = APIClient()
    agent = next(p for p in browser.get("/api/demo/people/").json() if p["role"] == "agent")
    signed_in = browser.post("/api/demo/sign-in/", {"user_id": agent["id"]}, format="json")
    assert signed_in.status_code == 200
    assert browser.get("/api/me/").json()["email"] == agent["email"]
    assert browser.get("/api/tickets/stats/").status_code == 200


def test_only_demo_people_can_be_signed_in_as(demo):
    real = make_person(email="real@example.com")
    browser = APIClient()
    refused = browser.post("/api/demo/sign-in/", {"user_id": real.pk}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["attr"] == "user_id"
    assert browser.get("/api/me/").status_code == 401
