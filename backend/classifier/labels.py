"""The labels a ticket can carry. The database constraints, the API and every
classifier backend use these lists, so they cannot drift apart."""

from django.db import models


class Category(models.TextChoices):
    BILLING = "billing"
    TECHNICAL = "technical"
    ACCOUNT = "account"
    GENERAL = "general"


class Priority(models.TextChoices):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Backend(models.TextChoices):
    """Which classifier produced a suggestion."""

    OLLAMA = "ollama"
    CLOUD = "cloud"
    RULES = "rules"
