from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks_db.models import DBTaskResult

from tickets.notifications import deliver_mail
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/nope/", "/api/tickets/abc/", "/static/nothing-here.css", "/api/tickets"]
)
def test_unknown_routes_are_json_404s(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["code"] == "not_found"


def test_a_missing_trailing_slash_is_explained_not_redirected(client):
    response = client.post("/api/tickets", {"title": "t"}, content_type="application/json")
    assert response.status_code == 404
    assert "did you mean /api/tickets/?" in response.json()["errors"][0]["detail"]
    assert "did you mean" not in client.get("/api/nope").json()["errors"][0]["detail"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("delete", "/api/tickets/"), ("put", "/api/tickets/stats/"), ("post", "/api/health/")],
)
def test_wrong_methods_are_json_405s(api, method, path):
    response = getattr(api, method)(path)
    assert response.status_code == 405
    assert response.json()["errors"][0]["code"] == "method_not_allowed"


def test_an_unparsable_content_length_is_a_json_400(client):
    response = client.generic("POST", "/api/tickets/", b"{}", CONTENT_LENGTH="ten")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_content_length"


@pytest.mark.parametrize("role", [None, "requester", "agent"])
def test_health_tells_others_only_the_overall_status(client_as, anonymous, role, request):
    caller = client_as(request.getfixturevalue(role)) if role else anonymous
    response = caller.get("/api/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_reports_the_database_and_the_classifier_to_admins(client_as, admin):
    response = client_as(admin).get("/api/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"reachable": True}
    assert body["classifier"]["active"] == "rules"
    assert {b["name"] for b in body["classifier"]["backends"]} == {
        "ollama",
        "cloud",
        "learned",
        "rules",
    }
    assert body["tasks"] == {"waiting": 0, "oldest_due_at": None}


def test_health_tells_admins_how_many_background_tasks_wait_and_since_when(client_as, admin, agent):
    ticket = make_ticket()
    client_as(admin).patch(f"/api/tickets/{ticket.pk}/", {"assignee": agent.pk}, format="json")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    later = timezone.now() + timedelta(hours=1)
    deliver_mail.using(run_after=later).enqueue(to="x@example.com", subject="s", body="b")
    tasks = client_as(admin).get("/api/health/").json()["tasks"]
    assert tasks["waiting"] == 1  # the one due later is not waiting yet
    assert parse_datetime(tasks["oldest_due_at"]) < timezone.now() - timedelta(minutes=4)


def test_schema_describes_every_endpoint(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/api/tickets/",
        "/api/tickets/{id}/",
        "/api/tickets/stats/",
        "/api/tickets/classify/",
        "/api/health/",
    } <= set(paths)
    parameters = {p["name"] for p in paths["/api/tickets/"]["get"]["parameters"]}
    assert {"category", "priority", "status", "search", "cursor", "page_size"} <= parameters


def test_docs_page_is_served_with_local_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()


@pytest.mark.parametrize(
    "page", ["/sign-in", "/desk", "/tickets/7", "/reset-password/4-divafs-549fde2432ec"]
)
def test_every_page_of_the_ui_is_its_index_so_links_and_reloads_work(settings, tmp_path, page):
    (tmp_path / "index.html").write_text("<!doctype html><title>Support desk</title>")
    settings.WHITENOISE_ROOT = tmp_path
    client = Client()  # a fresh client builds its middleware, so WhiteNoise sees tmp_path
    response = client.get(page)
    assert response.status_code == 200
    assert b"Support desk" in b"".join(response.streaming_content)
    assert client.post(page).status_code == 405


@pytest.mark.parametrize("path", ["/api/nope/", "/assets/gone-C6NjK8PX.js", "/_allauth/nope"])
def test_what_is_not_a_page_of_the_ui_stays_a_404(settings, tmp_path, path):
    (tmp_path / "index.html").write_text("<!doctype html><title>Support desk</title>")
    settings.WHITENOISE_ROOT = tmp_path
    response = Client().get(path)
    assert response.status_code == 404


def test_the_built_ui_is_served_at_the_root_and_hashed_assets_are_cached_for_good(
    settings, tmp_path
):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Support desk</title>")
    (tmp_path / "assets" / "index-C6NjK8PX.js").write_text("export {};")
    settings.WHITENOISE_ROOT = tmp_path
    client = Client()  # a fresh client builds its middleware, so WhiteNoise sees tmp_path

    index = client.get("/")
    assert index.status_code == 200
    assert b"Support desk" in b"".join(index.streaming_content)
    assert "immutable" not in index["Cache-Control"]
    assert "immutable" in client.get("/assets/index-C6NjK8PX.js")["Cache-Control"]
