import json

from django.http import HttpRequest, HttpResponse

LIMIT_CODE = "too_many_login_attempts"


class LoginLimitStatusMiddleware:
    """allauth refuses a sign-in past its login_failed limits (settings.py) with a 400
    whose error code is "too_many_login_attempts", the shape of a wrong password. That
    is a rate limit, so clients get it as one: the same body with status 429. allauth
    has no setting for this status."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 400 or not request.path.startswith("/_allauth/"):
            return response
        try:
            body = json.loads(response.content)
        except ValueError:
            return response
        if any(error.get("code") == LIMIT_CODE for error in body.get("errors", [])):
            body["status"] = response.status_code = 429
            response.content = json.dumps(body)
        return response
