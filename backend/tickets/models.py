import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Length, Lower, Now, Upper
from django.db.models.lookups import LessThanOrEqual

from classifier.base import Backend
from labels import Category, Priority

TITLE_MAX_LENGTH = 200
# Long enough for a pasted stack trace, short enough that one ticket cannot fill a page.
DESCRIPTION_MAX_LENGTH = 10_000


class Status(models.TextChoices):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


def _one_of(field: str, choices: type[models.TextChoices], *, nullable: bool = False) -> Q:
    condition = Q(**{f"{field}__in": choices.values})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return condition


PROVENANCE_FIELDS = [
    "classifier_model",
    "prompt_version",
    "confidence",
    "suggestion_examples",
    "labels_confirmed_at",
    "labels_confirmed_by",
    "needs_triage",
    "classifying",
]


# Two rollups the database keeps for every write to tickets: TicketCount for stats and
# QueueCount for the console's queue counts. Each maps a ticket row to its key; shards
# spread concurrent writers over different rows of a rollup, so creates do not queue
# on one.
COUNT_SHARDS = 8
ROLLUPS = {
    "tickets_ticketcount": {
        "category": "category",
        "priority": "priority",
        "status": "status",
        "classified": "suggested_category IS NOT NULL",
        "category_agreed": "COALESCE(category = suggested_category, false)",
        "priority_agreed": "COALESCE(priority = suggested_priority, false)",
    },
    "tickets_queuecount": {
        "status": "status",
        "assignee": "COALESCE(assignee_id, 0)",  # 0: nobody
        "needs_triage": "needs_triage",
    },
}


def _count_changes(*, added: bool, removed: bool) -> str:
    """A statement trigger's body: for each rollup, add the rows the statement inserted
    (+1) and take away the rows it deleted (-1), as net changes per key, into this
    session's shard. Keys are written in one order, so two statements sharing a shard
    cannot deadlock."""
    body = []
    for table, key in ROLLUPS.items():
        columns = ", ".join(key)
        rows = [
            f"SELECT {', '.join(f'{value} AS {name}' for name, value in key.items())}, "
            f"{sign} AS delta FROM {source}"
            for sign, source, wanted in ((1, "added", added), (-1, "removed", removed))
            if wanted
        ]
        body.append(f"""
            INSERT INTO {table} AS counted ({columns}, shard, tickets)
            SELECT {columns}, pg_backend_pid() % {COUNT_SHARDS}, sum(delta)
            FROM ({" UNION ALL ".join(rows)}) AS changes
            GROUP BY {columns}
            HAVING sum(delta) <> 0
            ORDER BY {columns}
            ON CONFLICT ({columns}, shard)
            DO UPDATE SET tickets = counted.tickets + EXCLUDED.tickets;""")
    return "".join(body) + "\nRETURN NULL;"


def _transition_tables(*, added: bool, removed: bool) -> dict[str, str]:
    """The transition tables a statement trigger reads, by kind: the rows added, the rows
    removed, or both."""
    tables = {"new": "added"} if added else {}
    if removed:
        tables["old"] = "removed"
    return tables


def _count_trigger(name: str, operation, *, added: bool, removed: bool) -> pgtrigger.Trigger:
    """The statement-level trigger that keeps the rollups for one kind of write."""
    tables = _transition_tables(added=added, removed=removed)
    return pgtrigger.Trigger(
        name=name,
        operation=operation,
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        referencing=pgtrigger.Referencing(**tables),
        func=_count_changes(added=added, removed=removed),
    )


# Live updates (tickets.events): every statement that writes tickets tells the channel
# which tickets it wrote, up to NOTIFY_IDS of them; past that, `null`: "many, reload".
# PostgreSQL delivers it when the transaction commits, and never if it rolls back. A
# transaction that notifies takes a lock at commit that serializes such commits (about
# a sixth of the insert rate with 8 writers at once), so statements notify only while
# an events server listens: its connection carries LISTENER_NAME. Each session looks
# for one at most once a second (pg_stat_activity is not free either) and keeps the
# answer in a setting of its own; a stream opening reloads what it shows anyway.
NOTIFY_CHANNEL = "desk_tickets"
NOTIFY_IDS = 50
LISTENER_NAME = "desk live updates"
LISTENER_CHECK = "desk.listener_checked"
LISTENER_CHECK_SECONDS = 1


def _notify_trigger(name: str, operation, *, added: bool, removed: bool) -> pgtrigger.Trigger:
    tables = _transition_tables(added=added, removed=removed)
    changed = " UNION ".join(f"SELECT id FROM {table}" for table in tables.values())
    return pgtrigger.Trigger(
        name=name,
        operation=operation,
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        referencing=pgtrigger.Referencing(**tables),
        declare=[("checked", "text"), ("seconds", "float8"), ("listening", "boolean")],
        func=f"""
            checked := current_setting('{LISTENER_CHECK}', true);
            seconds := extract(epoch FROM clock_timestamp());
            IF coalesce(checked, '') = ''
                OR split_part(checked, ' ', 1)::float8 < seconds - {LISTENER_CHECK_SECONDS}
            THEN
                listening := EXISTS (
                    SELECT FROM pg_stat_activity WHERE application_name = '{LISTENER_NAME}'
                );
                PERFORM set_config('{LISTENER_CHECK}', seconds || ' ' || listening, false);
            ELSE
                listening := split_part(checked, ' ', 2)::boolean;
            END IF;
            IF listening THEN
                PERFORM pg_notify(
                    '{NOTIFY_CHANNEL}',
                    json_build_object(
                        'ids',
                        CASE WHEN count(*) > {NOTIFY_IDS} THEN NULL
                        ELSE json_agg(id ORDER BY id) END
                    )::text
                )
                FROM ({changed} LIMIT {NOTIFY_IDS + 1}) AS changed
                HAVING count(*) > 0;
            END IF;
            RETURN NULL;
        """,
    )


# Every change to a ticket, by the API, an admin tool or raw SQL, is copied by a database
# trigger into TicketEvent with the request's context (who): the history API reads it.
# Statement-level triggers: a bulk load of 100,000 rows costs one trigger call, not one
# per row.
@pghistory.track(
    # Timestamps and reply bookkeeping move with every reply: the comments tell those.
    exclude=[
        "created_at",
        "updated_at",
        "last_reply_at",
        "last_reply_by",
        "requester_replied_at",
        "priority_rank",
        "resolved_at",
        # The suggestion's provenance and its confirmation: the AI panel tells those.
        *PROVENANCE_FIELDS,
    ],
    model_name="TicketEvent",
    level=pgtrigger.Statement,
)
class Ticket(models.Model):
    """A support request. Every rule below is also a database constraint, so it holds
    for rows written by raw SQL, imports and other tools, not only through the API."""

    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    description = models.TextField(max_length=DESCRIPTION_MAX_LENGTH)
    category = models.CharField(max_length=16, choices=Category.choices)
    priority = models.CharField(max_length=16, choices=Priority.choices)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.OPEN, db_default=Status.OPEN
    )
    # Who the ticket is for: whoever filed it, or the requester an agent filed it for.
    # People are deactivated, never deleted, so a ticket keeps its requester.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="requested_tickets",
        db_index=False,  # ticket_requester_newest serves it
    )
    # The agent who owns the ticket, or nobody (the Unassigned queue).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assigned_tickets",
        null=True,
        blank=True,
        db_index=False,  # ticket_assignee_newest serves it
    )
    # The priority as a number, low 0 to critical 3, kept by the database: the console
    # sorts by it ("critical first") through an index.
    priority_rank = models.GeneratedField(
        expression=models.Case(
            *(
                models.When(priority=value, then=models.Value(rank))
                for rank, value in enumerate(Priority.values)
            ),
            output_field=models.SmallIntegerField(),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )
    # What the classifier proposed, kept beside the final values so agreement can be measured.
    suggested_category = models.CharField(
        max_length=16, choices=Category.choices, null=True, blank=True
    )
    suggested_priority = models.CharField(
        max_length=16, choices=Priority.choices, null=True, blank=True
    )
    classified_by = models.CharField(max_length=16, choices=Backend.choices, null=True, blank=True)
    # The suggestion's provenance, written by the server only: the model that answered
    # (a language model's name, or the learned model's version), the prompt's version
    # (language models), how sure it was (0-1; NULL when the backend cannot tell) and
    # the confirmed tickets it was based on (a language model's worked examples).
    classifier_model = models.CharField(max_length=100, null=True, blank=True)
    prompt_version = models.CharField(max_length=16, null=True, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    suggestion_examples = ArrayField(
        models.IntegerField(), default=list, db_default=Value([], ArrayField(models.IntegerField()))
    )
    # When an agent last set or kept the labels: a confirmed ticket is what the learned
    # model learns from and what the accuracy report measures. Set by an agent changing
    # a label (or saving it unchanged), resolving or closing the ticket, or filing it
    # with both labels chosen. Tickets resolved before this was recorded have no person.
    labels_confirmed_at = models.DateTimeField(null=True, blank=True)
    labels_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        db_index=False,
    )
    # Its labels came from a suggestion below the confidence threshold, and no agent has
    # confirmed them yet: the Triage queue.
    needs_triage = models.BooleanField(default=False, db_default=False)
    # Filed with a quick suggestion (the learned model's or the rules') while a language
    # model is asked in the background (tickets.triage): its labels may still change.
    classifying = models.BooleanField(default=False, db_default=False)
    created_at = models.DateTimeField(db_default=Now(), editable=False)
    # Set by ticket_update on every change; equal to created_at until then.
    updated_at = models.DateTimeField(db_default=Now())
    # The last public reply, for lists ("Alex replied 2 h ago"); internal notes never
    # move these, so a requester learns nothing of them.
    last_reply_at = models.DateTimeField(null=True, blank=True)
    last_reply_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        db_index=False,
    )
    # When the requester last replied: newer than an agent's TicketRead, it is unread.
    requester_replied_at = models.DateTimeField(null=True, blank=True)
    # When it was last resolved, while it is resolved (the "Resolved recently" queue);
    # kept by a database trigger, so any way of resolving it sets it.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        triggers = [
            # The rollups follow every insert, update, delete and truncate, by
            # the API, raw SQL or bulk loads alike: one statement-level trigger call per
            # statement, reading the changed rows from its transition tables.
            _count_trigger("count_inserted", pgtrigger.Insert, added=True, removed=False),
            _count_trigger("count_updated", pgtrigger.Update, added=True, removed=True),
            _count_trigger("count_deleted", pgtrigger.Delete, added=False, removed=True),
            _notify_trigger("notify_inserted", pgtrigger.Insert, added=True, removed=False),
            _notify_trigger("notify_updated", pgtrigger.Update, added=True, removed=True),
            _notify_trigger("notify_deleted", pgtrigger.Delete, added=False, removed=True),
            pgtrigger.Trigger(
                name="count_truncated",
                operation=pgtrigger.Truncate,
                level=pgtrigger.Statement,
                when=pgtrigger.After,
                func="".join(f"DELETE FROM {table};" for table in ROLLUPS) + "RETURN NULL;",
            ),
            pgtrigger.Trigger(
                name="resolved_at",
                operation=pgtrigger.Insert | pgtrigger.Update,
                when=pgtrigger.Before,
                func=f"""
                    IF NEW.status <> '{Status.RESOLVED}' THEN
                        NEW.resolved_at := NULL;
                    ELSIF TG_OP = 'INSERT' THEN
                        NEW.resolved_at := COALESCE(NEW.resolved_at, now());
                    ELSIF OLD.status <> '{Status.RESOLVED}' THEN
                        NEW.resolved_at := now();
                    ELSE
                        NEW.resolved_at := COALESCE(NEW.resolved_at, OLD.resolved_at, now());
                    END IF;
                    RETURN NEW;
                """,
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(title__regex=r"\S"), name="ticket_title_not_blank"),
            models.CheckConstraint(
                condition=Q(description__regex=r"\S"), name="ticket_description_not_blank"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), DESCRIPTION_MAX_LENGTH),
                name="ticket_description_max_length",
            ),
            models.CheckConstraint(
                condition=_one_of("category", Category), name="ticket_category_valid"
            ),
            models.CheckConstraint(
                condition=_one_of("priority", Priority), name="ticket_priority_valid"
            ),
            models.CheckConstraint(condition=_one_of("status", Status), name="ticket_status_valid"),
            models.CheckConstraint(
                condition=_one_of("suggested_category", Category, nullable=True),
                name="ticket_suggested_category_valid",
            ),
            models.CheckConstraint(
                condition=_one_of("suggested_priority", Priority, nullable=True),
                name="ticket_suggested_priority_valid",
            ),
            models.CheckConstraint(
                condition=_one_of("classified_by", Backend, nullable=True),
                name="ticket_classified_by_valid",
            ),
            # A suggestion is whole or absent: half of one would skew the agreement rates.
            models.CheckConstraint(
                condition=Q(
                    suggested_category__isnull=False,
                    suggested_priority__isnull=False,
                    classified_by__isnull=False,
                )
                | Q(
                    suggested_category__isnull=True,
                    suggested_priority__isnull=True,
                    classified_by__isnull=True,
                ),
                name="ticket_suggestion_all_or_nothing",
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True)
                | Q(confidence__gte=0, confidence__lte=1, classified_by__isnull=False),
                name="ticket_confidence_valid",
            ),
            models.CheckConstraint(
                condition=Q(labels_confirmed_by__isnull=True)
                | Q(labels_confirmed_at__isnull=False),
                name="ticket_confirmed_by_has_time",
            ),
        ]
        indexes = [
            # The list is always newest first; each filter gets an index that serves that
            # order directly, and PostgreSQL combines them for multi-filter views.
            models.Index(
                models.F("created_at").desc(), models.F("id").desc(), name="ticket_newest"
            ),
            *(
                models.Index(
                    field,
                    models.F("created_at").desc(),
                    models.F("id").desc(),
                    name=f"ticket_{field}_newest",
                )
                for field in ("category", "priority", "status", "requester", "assignee")
            ),
            # The console's other sorts: critical first, and last update.
            models.Index("priority_rank", "id", name="ticket_priority_rank"),
            models.Index("updated_at", "id", name="ticket_updated"),
            # The Resolved recently queue's count: a range of this index.
            models.Index(
                "resolved_at", name="ticket_resolved_at", condition=Q(status=Status.RESOLVED)
            ),
            # New confirmations since the learned model's last training (a handful).
            models.Index(
                "labels_confirmed_at",
                name="ticket_confirmed",
                condition=Q(labels_confirmed_at__isnull=False),
            ),
            models.Index(
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="ticket_triage_newest",
                condition=Q(needs_triage=True),
            ),
            # The few tickets a language model is still asked about, for letting go of
            # those whose run was killed (tickets.triage.let_go_stuck).
            models.Index(
                fields=["created_at"],
                name="ticket_classifying",
                condition=Q(classifying=True),
            ),
            # Search is a case-insensitive substring match, which Django writes as
            # UPPER(column) LIKE UPPER('%term%'); trigram indexes on exactly those
            # expressions keep it fast on large tables.
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="ticket_title_trgm"),
            GinIndex(
                OpClass(Upper("description"), name="gin_trgm_ops"), name="ticket_description_trgm"
            ),
            # Similar tickets: the few nearest titles by trigram distance, read from the
            # index in that order (GIN cannot order; it would rank every match). On the
            # lower-cased title, so that search's LIKE on the upper-cased one is never
            # planned on it: GiST answers LIKE far slower than GIN (39 vs 0.5 ms).
            GistIndex(
                OpClass(Lower("title"), name="gist_trgm_ops"), name="ticket_title_trgm_nearest"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"


COMMENT_MAX_LENGTH = 10_000


class Comment(models.Model):
    """A public reply on a ticket, or an internal note that only agents ever see."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    internal = models.BooleanField(default=False, db_default=False)
    created_at = models.DateTimeField(db_default=Now(), editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(body__regex=r"\S"), name="comment_body_not_blank"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), COMMENT_MAX_LENGTH),
                name="comment_body_max_length",
            ),
        ]
        indexes = [
            models.Index("ticket", "created_at", "id", name="comment_ticket_oldest"),
        ]

    def __str__(self) -> str:
        kind = "note" if self.internal else "reply"
        return f"{kind} {self.pk} on #{self.ticket_id}"


class TicketRead(models.Model):
    """When a person last opened a ticket: requester replies after it are unread to them."""

    pk = models.CompositePrimaryKey("user", "ticket")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(db_default=Now())

    def __str__(self) -> str:
        return f"#{self.ticket_id} read by {self.user_id} at {self.read_at}"


class TicketCount(models.Model):
    """How many tickets have each combination of what stats reports, kept exact by the
    triggers on Ticket (count_*), so stats reads a few hundred rows at any size. The
    counts of one key are spread over COUNT_SHARDS rows (the writer's session picks
    one); stats adds them up."""

    pk = models.CompositePrimaryKey(
        "category",
        "priority",
        "status",
        "classified",
        "category_agreed",
        "priority_agreed",
        "shard",
    )
    category = models.CharField(max_length=16)
    priority = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    # The ticket carries a suggestion, and whether its final labels equal it.
    classified = models.BooleanField()
    category_agreed = models.BooleanField()
    priority_agreed = models.BooleanField()
    shard = models.SmallIntegerField()
    tickets = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.category}/{self.priority}/{self.status} #{self.shard}: {self.tickets}"


class QueueCount(models.Model):
    """How many tickets each status, assignee and triage flag has, kept exact by the
    same triggers as TicketCount, for the console's queue counts (polled by every open
    console)."""

    pk = models.CompositePrimaryKey("status", "assignee", "needs_triage", "shard")
    status = models.CharField(max_length=16)
    # The assignee's user id; 0 for nobody (a key cannot be NULL).
    assignee = models.BigIntegerField()
    needs_triage = models.BooleanField()
    shard = models.SmallIntegerField()
    tickets = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.status}/{self.assignee}/{self.needs_triage} #{self.shard}: {self.tickets}"


class RequestCount(models.Model):
    """How many requests one client sent in one window, for the request-rate limits
    (tickets/throttles.py). Rows of windows that ended are deleted as new ones start."""

    pk = models.CompositePrimaryKey("client", "window_ends")
    # "<scope>:<client address>"
    client = models.TextField()
    # The window's end, in seconds since the epoch.
    window_ends = models.BigIntegerField()
    requests = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.client}: {self.requests} until {self.window_ends}"
