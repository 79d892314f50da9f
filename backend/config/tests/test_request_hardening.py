"""Input that used to crash the server or slip past it, and the headers every answer
carries. Each case is a 4xx JSON naming what is wrong, and nothing is written."""

import json
import re

import pytest
from rest_framework.test import APIClient

from tickets.models import Ticket

pytestmark = pytest.mark.django_db

CREATE = "/api/tickets/"


def post_raw(api: APIClient, url: str, body: str):
    return api.generic("POST", url, body.encode(), content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [
        '{"title": "\\ud800", "description": "d"}',
        '{"title": "t", "description": "d", "\\udfff": 1}',
        '{"title": "t", "description": "d", "category": "\\ud800"}',
        '{"title": "t", "description": "d", "priority": ["\\udc00"]}',
    ],
)
def test_a_lone_surrogate_anywhere_is_a_400(api, body):
    response = post_raw(api, CREATE, body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"
    assert "surrogate" in response.json()["errors"][0]["detail"]
    assert not Ticket.objects.exists()


def test_a_surrogate_pair_is_ordinary_text(api):
    response = post_raw(api, CREATE, '{"title": "Card \\ud83d\\udcb3", "description": "d"}')
    assert response.status_code == 201
    assert response.json()["title"] == "Card 💳"


@pytest.mark.parametrize("depth", [9, 1000, 100_000])
def test_deeply_nested_json_is_a_400(api, depth):
    body = '{"title": "t", "description": "d", "x": ' + "[" * depth + "]" * depth + "}"
    response = post_raw(api, CREATE, body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"
    assert not Ticket.objects.exists()


def test_classify_refuses_the_same_input(api):
    response = post_raw(api, "/api/tickets/classify/", '{"description": "\\ud800"}')
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/api/health/", "/", "/api/docs/"])
def test_every_answer_forbids_framing_and_foreign_scripts(api, path):
    response = api.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"


def test_the_docs_page_runs_no_inline_script(api):
    html = api.get("/api/docs/").content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)


def test_a_json_error_stays_json_with_non_ascii_in_it(api):
    response = post_raw(api, CREATE, json.dumps({"title": "é", "description": "d", "ü": 1}))
    assert response.status_code == 400
    assert "'ü'" in response.json()["errors"][0]["detail"]


@pytest.mark.parametrize("path", ["/api/health/", "/api/tickets/"])
def test_too_many_query_parameters_is_a_400(api, path):
    response = api.get(f"{path}?{'&' * 1001}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"


def test_a_write_to_a_file_of_the_ui_is_a_json_405(settings, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>Support desk</title>")
    settings.WHITENOISE_ROOT = tmp_path
    client = APIClient()  # a fresh client builds its middleware: WhiteNoise sees tmp_path
    assert client.get("/").status_code == 200
    response = client.post("/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["errors"][0]["code"] == "method_not_allowed"
