"""Per-client request rates for the endpoints that cost something: classifying (a model
call, possibly a paid one) and creating tickets. Rates are settings
(THROTTLE_CLASSIFY_RATE, THROTTLE_CREATE_RATE); a refused request is a 429 with
Retry-After."""

from django.db import DatabaseError
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """Counts requests per client address in the shared (database) cache."""

    def get_rate(self) -> str:
        # SimpleRateThrottle copies the rates once at import; read them per request so a
        # changed setting applies.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except DatabaseError:
            # The counters are out of reach with the database: classifying does not need
            # it, and a create will meet the outage itself and answer 503.
            return True


class ClassifyThrottle(ClientRateThrottle):
    scope = "classify"


class CreateThrottle(ClientRateThrottle):
    scope = "create"
