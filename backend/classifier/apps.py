from django.apps import AppConfig


class ClassifierConfig(AppConfig):
    name = "classifier"
    default_auto_field = "django.db.models.BigAutoField"
