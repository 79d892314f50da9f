from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from accounts.services import token_user


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Personal API tokens, sent as `Authorization: Bearer <token>`. DRF's own
    TokenAuthentication keeps one unnamed token per user in clear text; these are
    named, several per person, and stored hashed. A request without the header falls
    through to the session; a wrong or revoked token is a 401, never anonymous."""

    keyword = "Bearer"

    def authenticate(self, request: Request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as: Authorization: Bearer <token>."
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        user = token_user(secret)
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        return user, None

    def authenticate_header(self, request: Request) -> str:
        # Present on every 401, which makes DRF answer 401 (not 403) to anonymous calls.
        return f'{self.keyword} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made under My account → API tokens "
            "or with `manage.py create_api_token EMAIL`.",
        }
