"""Signing in as a browser does, over real HTTP against gunicorn: session cookie, CSRF,
sign-up, password reset by mail through a real SMTP server, the brute-force limits,
deactivation, first-run setup; and personal API tokens as scripts use them."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from django.core.cache import cache

from accounts.models import ApiToken, Role, User
from accounts.services import token_create, user_update
from accounts.tests.factories import PASSWORD, make_person
from config.tests.live_server import migrated_database, server
from config.tests.mailbox import smtp_server

pytestmark = pytest.mark.django_db(transaction=True)

AUTH = "/_allauth/browser/v1"
NEW_PASSWORD = "a new and long passphrase"
# Generous, so that tests sharing 127.0.0.1 do not trip the per-client limit; the
# brute-force tests set their own.
LENIENT = {"LOGIN_FAILURES_PER_CLIENT": "1000"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Sign-in attempts are counted in the database cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


class Browser:
    """What the UI does: fetch the config (which sets the csrftoken cookie), then send
    that token back in X-CSRFToken on every unsafe request."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        assert client.get("/api/config/").status_code == 200
        assert client.cookies.get("csrftoken")

    def request(self, method: str, path: str, *, csrf: bool = True, **kwargs) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if csrf and method not in ("GET", "HEAD"):
            headers["X-CSRFToken"] = self.client.cookies["csrftoken"]
        return self.client.request(method, path, headers=headers, **kwargs)

    def sign_in(self, email: str, password: str = PASSWORD) -> httpx.Response:
        return self.request(
            "POST", f"{AUTH}/auth/login", json={"email": email, "password": password}
        )

    def me(self) -> httpx.Response:
        return self.request("GET", "/api/me/")


@contextmanager
def desk(tmp_path, **env: str) -> Iterator[httpx.Client]:
    with server(tmp_path, migrated_database(), **(LENIENT | env)) as client:
        yield client


def test_a_person_signs_in_works_with_csrf_and_signs_out(tmp_path):
    agent = make_person(Role.AGENT)
    requester = make_person(Role.REQUESTER)
    with desk(tmp_path) as client:
        browser = Browser(client)
        assert browser.me().status_code == 401

        signed_in = browser.sign_in(agent.email)
        assert signed_in.status_code == 200, signed_in.text
        cookie = next(
            c for c in signed_in.headers.get_list("set-cookie") if c.startswith("sessionid=")
        )
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Secure" not in cookie
        assert browser.me().json() == {
            "id": agent.pk,
            "email": agent.email,
            "name": agent.name,
            "role": "agent",
        }

        ticket = {"title": "Printer", "description": "It is offline", "requester": requester.pk}
        refused = browser.request("POST", "/api/tickets/", json=ticket, csrf=False)
        assert refused.status_code == 403
        assert "CSRF" in refused.json()["errors"][0]["detail"]
        created = browser.request("POST", "/api/tickets/", json=ticket)
        assert created.status_code == 201
        assert created.json()["requester"]["id"] == requester.pk

        assert browser.request("DELETE", f"{AUTH}/auth/session").status_code == 401
        assert browser.me().status_code == 401
        assert browser.request("GET", "/api/tickets/").status_code == 401


def test_passwords_are_hashed_with_argon2():
    assert make_person().password.startswith("argon2")


def test_a_wrong_password_is_refused_and_a_deactivated_person_is_signed_out(tmp_path):
    agent = make_person(Role.AGENT)
    with desk(tmp_path) as client:
        browser = Browser(client)
        assert browser.sign_in(agent.email, "not the password").status_code == 400
        assert browser.sign_in(agent.email).status_code == 200
        user_update(user=agent, changes={"is_active": False})
        assert browser.me().status_code == 401
        assert (
            Browser(httpx.Client(base_url=client.base_url)).sign_in(agent.email).status_code != 200
        )
        # Reactivated, they can sign in again, but the old session stays ended.
        user_update(user=agent, changes={"is_active": True})
        assert browser.me().status_code == 401


def test_repeated_wrong_passwords_for_one_account_are_refused_even_the_right_one(tmp_path):
    agent = make_person(Role.AGENT)
    with desk(tmp_path, LOGIN_FAILURES_PER_ACCOUNT="3") as client:
        browser = Browser(client)
        codes = [browser.sign_in(agent.email, f"guess {n}").status_code for n in range(3)]
        assert codes == [400, 400, 400]
        refused = browser.sign_in(agent.email)
        assert refused.status_code == 429
        assert refused.headers["content-type"].startswith("application/json")
        # Other accounts are not locked out by it.
        assert browser.sign_in(make_person().email).status_code == 200


def test_one_client_guessing_across_accounts_is_refused(tmp_path):
    people = [make_person() for _ in range(5)]
    with desk(tmp_path, LOGIN_FAILURES_PER_CLIENT="4") as client:
        browser = Browser(client)
        codes = [browser.sign_in(person.email, "guess").status_code for person in people]
        assert codes == [400, 400, 400, 400, 429]


def test_behind_a_proxy_each_client_is_counted_on_its_own(tmp_path):
    guesser, other = {"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "198.51.100.9"}
    person = make_person()
    with desk(tmp_path, LOGIN_FAILURES_PER_CLIENT="2", NUM_PROXIES="1") as client:
        browser = Browser(client)
        codes = [
            browser.request(
                "POST",
                f"{AUTH}/auth/login",
                json={"email": f"nobody{n}@example.com", "password": "guess"},
                headers=dict(guesser),
            ).status_code
            for n in range(3)
        ]
        assert codes == [400, 400, 429]
        signed_in = browser.request(
            "POST",
            f"{AUTH}/auth/login",
            json={"email": person.email, "password": PASSWORD},
            headers=dict(other),
        )
        assert signed_in.status_code == 200


def test_requesters_sign_up_while_sign_up_is_open(tmp_path):
    admin = make_person(Role.ADMIN)
    with desk(tmp_path) as client:
        browser = Browser(client)
        signed_up = browser.request(
            "POST",
            f"{AUTH}/auth/signup",
            json={"email": "New.Person@Example.com", "password": NEW_PASSWORD, "name": "Nia New"},
        )
        assert signed_up.status_code == 200, signed_up.text
        assert browser.me().json() | {"id": 0} == {
            "id": 0,
            "email": "new.person@example.com",
            "name": "Nia New",
            "role": "requester",
        }

        admin_browser = Browser(httpx.Client(base_url=client.base_url))
        assert admin_browser.sign_in(admin.email).status_code == 200
        closed = admin_browser.request("PATCH", "/api/settings/", json={"signup_open": False})
        assert closed.json() == {"signup_open": False}
        assert (
            Browser(httpx.Client(base_url=client.base_url))
            .client.get("/api/config/")
            .json()["signup_open"]
            is False
        )

        refused = Browser(httpx.Client(base_url=client.base_url)).request(
            "POST",
            f"{AUTH}/auth/signup",
            json={"email": "late@example.com", "password": NEW_PASSWORD, "name": "Late"},
        )
        assert refused.status_code == 403
        assert not User.objects.filter(email="late@example.com").exists()


def reset_key(text: str) -> str:
    return re.search(r"/reset-password/(\S+)", text)[1]


def test_a_forgotten_password_is_reset_through_the_mailed_link(tmp_path):
    person = make_person()
    with smtp_server() as (mailbox, mail_env), desk(tmp_path, **mail_env) as client:
        browser = Browser(client)
        asked = browser.request(
            "POST", f"{AUTH}/auth/password/request", json={"email": person.email}
        )
        assert asked.status_code == 200
        [mail] = mailbox.to(person.email)
        key = reset_key(mail_text := mailbox.text(mail))
        assert "http://127.0.0.1" in mail_text

        reset = browser.request(
            "POST", f"{AUTH}/auth/password/reset", json={"key": key, "password": NEW_PASSWORD}
        )
        assert reset.status_code == 200, reset.text
        again = Browser(httpx.Client(base_url=client.base_url))
        assert again.sign_in(person.email).status_code == 400
        assert again.sign_in(person.email, NEW_PASSWORD).status_code == 200
        # The link works once.
        reused = browser.request(
            "POST", f"{AUTH}/auth/password/reset", json={"key": key, "password": "yet another one!"}
        )
        assert reused.status_code in (400, 409)


def test_a_signed_in_person_changes_their_password(tmp_path):
    person = make_person()
    with desk(tmp_path) as client:
        browser = Browser(client)
        browser.sign_in(person.email)
        wrong = browser.request(
            "POST",
            f"{AUTH}/account/password/change",
            json={"current_password": "nope", "new_password": NEW_PASSWORD},
        )
        assert wrong.status_code == 400
        changed = browser.request(
            "POST",
            f"{AUTH}/account/password/change",
            json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        )
        assert changed.status_code == 200
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_an_invited_person_chooses_a_password_from_the_mail(tmp_path):
    admin = make_person(Role.ADMIN, name="Ada Admin")
    with smtp_server() as (mailbox, mail_env), desk(tmp_path, **mail_env) as client:
        browser = Browser(client)
        browser.sign_in(admin.email)
        invited = browser.request(
            "POST",
            "/api/users/",
            json={"email": "sam@example.com", "name": "Sam Agent", "role": "agent"},
        )
        assert invited.status_code == 201
        [mail] = mailbox.to("sam@example.com")
        assert "Ada Admin invited you" in mail["Subject"]
        newcomer = Browser(httpx.Client(base_url=client.base_url))
        assert newcomer.sign_in("sam@example.com", NEW_PASSWORD).status_code == 400
        chosen = newcomer.request(
            "POST",
            f"{AUTH}/auth/password/reset",
            json={"key": reset_key(mailbox.text(mail)), "password": NEW_PASSWORD},
        )
        assert chosen.status_code == 200, chosen.text
        assert newcomer.me().json()["role"] == "agent"


def test_the_first_run_creates_the_administrator_once(tmp_path):
    with desk(tmp_path) as client:
        browser = Browser(client)
        assert browser.client.get("/api/config/").json()["setup_needed"] is True
        account = {"email": "boss@example.com", "name": "Bo Boss", "password": NEW_PASSWORD}
        assert browser.request("POST", "/api/setup/", json=account, csrf=False).status_code == 403
        created = browser.request("POST", "/api/setup/", json=account)
        assert created.status_code == 201
        assert browser.me().json()["role"] == "admin"
        assert browser.client.get("/api/config/").json()["setup_needed"] is False
        again = Browser(httpx.Client(base_url=client.base_url)).request(
            "POST", "/api/setup/", json=account | {"email": "other@example.com"}
        )
        assert again.status_code == 403
    assert list(User.objects.values_list("email", flat=True)) == ["boss@example.com"]


def test_cookies_are_secure_behind_a_tls_proxy(tmp_path):
    person = make_person()
    with desk(tmp_path, HTTPS="true", HSTS_SECONDS="3600") as client:
        # What the TLS proxy tells the backend. The client speaks plain HTTP to it, so
        # it would not send Secure cookies back by itself: they are sent by hand.
        proxied = {
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{client.base_url.netloc.decode()}/sign-in",
        }
        config = client.get("/api/config/", headers=proxied)
        [csrf_cookie] = config.headers.get_list("set-cookie")
        assert "Secure" in csrf_cookie
        token = config.cookies["csrftoken"]
        client.cookies.clear()
        signed_in = client.post(
            f"{AUTH}/auth/login",
            json={"email": person.email, "password": PASSWORD},
            headers=proxied | {"X-CSRFToken": token, "Cookie": f"csrftoken={token}"},
        )
        assert signed_in.status_code == 200, signed_in.text
        cookies = signed_in.headers.get_list("set-cookie")
        assert any(cookie.startswith("sessionid=") for cookie in cookies)
        assert all("Secure" in cookie for cookie in cookies)
        assert signed_in.headers["Strict-Transport-Security"] == "max-age=3600"


def test_a_personal_token_authenticates_until_it_is_revoked(tmp_path):
    agent = make_person(Role.AGENT)
    token, secret = token_create(user=agent, name="CI")
    assert secret not in {value for row in ApiToken.objects.values() for value in row.values()}
    with desk(tmp_path) as client:
        bearer = {"Authorization": f"Bearer {secret}"}
        assert client.get("/api/me/", headers=bearer).json()["email"] == agent.email
        # No CSRF for tokens: no browser sends them by itself.
        created = client.post(
            "/api/tickets/", headers=bearer, json={"title": "From CI", "description": "Build broke"}
        )
        assert created.status_code == 201
        for wrong in (f"Bearer {secret}x", "Bearer", f"Bearer {secret} extra"):
            refused = client.get("/api/me/", headers={"Authorization": wrong})
            assert refused.status_code == 401
            assert refused.headers["WWW-Authenticate"].startswith("Bearer")
            assert refused.json()["errors"][0]["code"] == "authentication_failed"
        # A leaked token cannot make the tokens that would outlive its revocation.
        minted = client.post("/api/me/tokens/", headers=bearer, json={"name": "mine now"})
        assert minted.status_code == 403
        token.delete()
        assert client.get("/api/me/", headers=bearer).status_code == 401
