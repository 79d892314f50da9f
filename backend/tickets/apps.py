from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "tickets"

    def ready(self) -> None:
        # Registers the OpenAPI extensions with drf-spectacular.
        from tickets import schema  # noqa: F401
