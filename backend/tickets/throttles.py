"""Per-client request rates for the endpoints that cost something: classifying (a model
call, possibly a paid one) and creating tickets. Rates are settings
(THROTTLE_CLASSIFY_RATE, THROTTLE_CREATE_RATE); a refused request is a 429 with
Retry-After.

Counts live in PostgreSQL so that every worker process shares them. DRF's own throttles
keep a list of timestamps in Django's cache, and the database cache spends about six
round trips per request on that, which doubled the time of a classify. Here one
statement counts the request and returns the count: a fixed window per client and
period, which lets a client spend at most twice its rate across a window's edge.
"""

import time

from django.db import connection
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from tickets.models import RequestCount

TABLE = RequestCount._meta.db_table
COUNT = f"""
    INSERT INTO {TABLE} (client, window_ends, requests) VALUES (%s, %s, 1)
    ON CONFLICT (client, window_ends) DO UPDATE SET requests = {TABLE}.requests + 1
    RETURNING requests
"""
PRUNE = f"DELETE FROM {TABLE} WHERE window_ends < %s"
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/minute" -> (30, 60): requests allowed, per this many seconds."""
    requests, unit = rate.split("/")
    return int(requests), SECONDS[unit]


class ClientRateThrottle(BaseThrottle):
    scope = ""
    timer = time.time

    def allow_request(self, request, view) -> bool:
        rate = api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        limit, period = parse_rate(rate)
        now = self.timer()
        window_ends = (int(now) // period + 1) * period
        client = f"{self.scope}:{self.get_ident(request)}"
        # Without the database nothing can be counted, and nothing is let through
        # uncounted (a classify may reach a paid API): the outage answers 503.
        with connection.cursor() as cursor:
            cursor.execute(COUNT, [client, window_ends])
            [requests] = cursor.fetchone()
            if requests == 1:
                # A client's first request in a window clears the windows that ended.
                cursor.execute(PRUNE, [int(now)])
        self.retry_after = window_ends - now
        return requests <= limit

    def wait(self) -> float:
        return self.retry_after


class ClassifyThrottle(ClientRateThrottle):
    scope = "classify"


class CreateThrottle(ClientRateThrottle):
    scope = "create"
