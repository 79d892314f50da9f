"""The labels a ticket carries. The tickets app stores, filters and validates them; the
classifier suggests them. Both read these lists from here, so neither depends on the
other for its vocabulary and the database constraints, the API and every classifier
backend cannot drift apart."""

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
