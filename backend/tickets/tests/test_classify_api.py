import pytest

URL = "/api/tickets/classify/"


def test_classify_answers_with_a_suggestion_and_its_source(api):
    response = api.post(
        URL,
        {"title": "Refund", "description": "I was charged twice for my invoice, refund please"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["suggested_category"] == "billing"
    assert body["suggested_priority"] in {"low", "medium", "high", "critical"}
    assert body["backend"] == "rules"
    assert body["model"] is None
    assert isinstance(body["latency_ms"], int)


def test_title_is_optional(api):
    response = api.post(URL, {"description": "The app crashes on start"}, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "required"),
        ({"title": "only a title"}, "required"),
        ({"description": ""}, "blank"),
        ({"description": "   "}, "blank"),
        ({"description": None}, "null"),
        ({"description": "x" * 10_001}, "max_length"),
    ],
)
def test_a_missing_blank_null_or_oversized_description_is_a_400(api, payload, code):
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["code"]) for e in response.json()["errors"]] == [("description", code)]


def test_classify_does_not_accept_get(api):
    assert api.get(URL).status_code == 405
