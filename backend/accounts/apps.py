from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People and access"

    def ready(self) -> None:
        # The OpenAPI extensions every app's views rely on register on import.
        from config import schema  # noqa: F401
