"""The learned backend: a model trained on the tickets this team's agents confirmed.

Priority especially is a team's own convention ("charged twice" is high for one desk,
medium for another), which neither the keyword rules nor a fixed prompt can know. The
model reads word and character n-grams (TF-IDF; character n-grams work in any language
and survive typos) and what the keyword rules answer for the ticket, and fits a linear
model per field (logistic loss, whose probabilities are the confidence). With the rules'
answer as a feature it learns where the team departs from them from a few dozen tickets,
and agrees with them where the team does. The shipped labelled tickets are a prior: on
a new desk they are all it knows, and the team's own tickets outweigh them as they come
in (together they weigh at least TEAM_WEIGHT times the prior).

Trained models are stored in the database (LearnedModel), versioned; every process
loads the newest one and looks for a newer one at most every REFRESH_SECONDS.
"""

import io
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import joblib

from classifier.base import (
    Abstained,
    Backend,
    BackendState,
    Labels,
    Shot,
    classified_part,
)
from labels import Category, Priority

if TYPE_CHECKING:
    # Models load after the apps; this module is imported while they load.
    from classifier.models import LearnedModel

logger = logging.getLogger(__name__)

PRIOR = Path(__file__).resolve().parent / "data" / "labelled_tickets.jsonl"
FIELDS = ("category", "priority")
# The team's tickets together weigh at least this many times the shipped prior.
TEAM_WEIGHT = 3.0
# The share of the team's tickets kept aside to measure a new model (at least one).
HOLDOUT_FRACTION = 0.2
# How often a process asks the database whether a newer model was trained.
REFRESH_SECONDS = 5.0
# Conventions drift: the newest confirmed tickets teach them best, and a cap keeps
# training to seconds at any size.
MAX_TRAINING_TICKETS = 20_000
# Distinct word and character n-grams kept (the most frequent).
FEATURES = 100_000


@dataclass(frozen=True)
class Example:
    """A labelled ticket: what the model learns from."""

    title: str
    description: str
    category: str
    priority: str

    @property
    def text(self) -> str:
        return "\n".join(classified_part(self.title, self.description))


def prior_examples() -> list[Example]:
    with PRIOR.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [Example(r["title"], r["description"], r["category"], r["priority"]) for r in rows]


@dataclass
class Trained:
    """A fitted model and what it was measured at."""

    vectorizer: object
    models: dict[str, object]
    team_tickets: int
    prior_tickets: int
    holdout: dict[str, float | int | None] = field(default_factory=dict)
    seconds: float = 0.0
    version: int | None = None  # once stored

    def predict(self, title: str, description: str) -> tuple[Labels, float]:
        """The most probable labels and the probability that both are right (the
        product of the two fields' probabilities)."""
        return self.predict_many([(title, description)])[0]

    def predict_many(self, tickets: Sequence[tuple[str, str]]) -> list[tuple[Labels, float]]:
        import sklearn

        texts = ["\n".join(classified_part(title, description)) for title, description in tickets]
        answers: dict[str, list[tuple[str, float]]] = {}
        # The input is our own vectors: scikit-learn's checks of it cost a fifth of a
        # prediction (0.7 of 3.5 ms).
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            features = self.vectorizer.transform(texts)
            for name, model in self.models.items():
                probabilities = model.predict_proba(features)
                best = probabilities.argmax(axis=1)
                answers[name] = [
                    (str(model.classes_[index]), float(row[index]))
                    for index, row in zip(best, probabilities, strict=True)
                ]
        return [
            (
                Labels(category=Category(category), priority=Priority(priority)),
                round(p_category * p_priority, 4),
            )
            for (category, p_category), (priority, p_priority) in zip(
                answers["category"], answers["priority"], strict=True
            )
        ]

    def dumps(self) -> bytes:
        import sklearn

        buffer = io.BytesIO()
        parts = {
            "vectorizer": self.vectorizer,
            "models": self.models,
            "sklearn": sklearn.__version__,
        }
        joblib.dump(parts, buffer, compress=("zlib", 3))
        return buffer.getvalue()

    @classmethod
    def loads(cls, artifact: bytes, **metadata) -> "Trained":
        """A stored model, or ModelOutdated when another scikit-learn version made it:
        its objects are not promised to load or to behave the same."""
        import sklearn

        # Written only by this server's own training (store), never from a request.
        parts = joblib.load(io.BytesIO(artifact))
        if parts.get("sklearn") != sklearn.__version__:
            raise ModelOutdated(f"trained with scikit-learn {parts.get('sklearn')}")
        return cls(vectorizer=parts["vectorizer"], models=parts["models"], **metadata)


class ModelOutdated(Exception):
    """A stored model that this installation cannot use; the next training replaces it."""


def rules_features(texts: Sequence[str]):
    """What the keyword rules answer for each text, one-hot (a category column and a
    priority column per text): the model learns where this team departs from the rules
    ("billing is always high here") from a few dozen tickets, instead of learning every
    label from the words alone."""
    from scipy.sparse import csr_matrix

    from classifier.rules import category_for, normalise, priority_for

    columns = {
        **{("category", label): index for index, label in enumerate(Category.values)},
        **{
            ("priority", label): len(Category.values) + index
            for index, label in enumerate(Priority.values)
        },
    }
    rows, cols = [], []
    for row, text in enumerate(texts):
        normal = normalise(text)
        rows += [row, row]
        cols += [
            columns["category", category_for(normal)],
            columns["priority", priority_for(normal)],
        ]
    return csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(texts), len(columns)))


def _vectorizer():
    # Imported here: scikit-learn and SciPy add a second to start-up and tens of MB to
    # processes that never train or predict.
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion
    from sklearn.preprocessing import FunctionTransformer

    return FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, max_features=FEATURES),
            ),
            (
                "characters",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(3, 4),
                    sublinear_tf=True,
                    min_df=2,
                    max_features=FEATURES,
                ),
            ),
            ("rules", FunctionTransformer(rules_features, accept_sparse=True)),
        ]
    )


def _fit_models(features, examples: Sequence[Example], weights: Sequence[float]) -> dict:
    """One linear model per field: stochastic gradient descent on the logistic loss, as
    accurate as the exact solver here and several times faster on tens of thousands of
    tickets. The regularisation (alpha) was chosen with `scripts/eval --stream` for
    probabilities that mean what they say: answers given with 0.7-0.8 confidence were
    right 74% of the time, 0.8-0.9 82%."""
    from sklearn.linear_model import SGDClassifier

    return {
        name: SGDClassifier(loss="log_loss", alpha=1e-3, max_iter=15, tol=None, random_state=0).fit(
            features, [getattr(example, name) for example in examples], sample_weight=weights
        )
        for name in FIELDS
    }


def _weights(team: int, prior: int) -> list[float]:
    team_weight = max(1.0, TEAM_WEIGHT * prior / team) if team else 1.0
    return [team_weight] * team + [1.0] * prior


def train(
    team: Sequence[Example], *, prior: Sequence[Example] | None = None, seed: int = 0
) -> Trained:
    """Fit a model on the team's confirmed tickets (the newest first, at most
    MAX_TRAINING_TICKETS of them) and the prior, after measuring the same recipe on a
    held-out share of the team's tickets (not measured with fewer than 10)."""
    prior = prior_examples() if prior is None else list(prior)
    team = list(team[:MAX_TRAINING_TICKETS])
    started = time.perf_counter()
    examples = [*team, *prior]
    vectorizer = _vectorizer()
    # The vocabulary and its weights are learned from every text, labels aside.
    features = vectorizer.fit_transform([example.text for example in examples])
    holdout: dict[str, float | int | None] = {"tickets": 0, "category": None, "priority": None}
    if len(team) >= 10:
        order = list(range(len(team)))
        random.Random(seed).shuffle(order)
        cut = max(1, round(len(team) * HOLDOUT_FRACTION))
        measured, kept = order[:cut], order[cut:] + list(range(len(team), len(examples)))
        models = _fit_models(
            features[kept],
            [examples[i] for i in kept],
            _weights(len(kept) - len(prior), len(prior)),
        )
        holdout = {"tickets": cut} | {
            name: round(
                float(
                    (
                        models[name].predict(features[measured])
                        == [getattr(examples[i], name) for i in measured]
                    ).mean()
                ),
                3,
            )
            for name in FIELDS
        }
    models = _fit_models(features, examples, _weights(len(team), len(prior)))
    return Trained(
        vectorizer,
        models,
        team_tickets=len(team),
        prior_tickets=len(prior),
        holdout=holdout,
        seconds=round(time.perf_counter() - started, 2),
    )


# Trained models kept in the database: the one in use and a few before it.
KEEP_MODELS = 3


def store(trained: Trained, *, confirmed_until) -> "LearnedModel":
    """Save a trained model as the newest version; older ones beyond KEEP_MODELS go."""
    from classifier.models import LearnedModel

    saved = LearnedModel.objects.create(
        team_tickets=trained.team_tickets,
        prior_tickets=trained.prior_tickets,
        confirmed_until=confirmed_until,
        holdout=trained.holdout,
        seconds=trained.seconds,
        artifact=trained.dumps(),
    )
    saved.refresh_from_db(fields=["trained_at"])
    kept = LearnedModel.objects.values_list("pk", flat=True)[:KEEP_MODELS]
    LearnedModel.objects.exclude(pk__in=list(kept)).delete()
    return saved


def newest() -> "LearnedModel | None":
    """The model in use, without its artifact."""
    from classifier.models import LearnedModel

    return LearnedModel.objects.defer("artifact").first()


def answer(
    trained: Trained | None, title: str, description: str, min_tickets: int, threshold: float
) -> Labels:
    """The learned backend's answer, or Abstained: with no model, one that learned from
    fewer than `min_tickets` confirmed tickets, or one less sure than `threshold`."""
    if trained is None:
        raise Abstained("no model trained yet")
    if trained.team_tickets < min_tickets:
        raise Abstained(
            f"learned from {trained.team_tickets} confirmed tickets; answers from {min_tickets}"
        )
    labels, confidence = trained.predict(title, description)
    if confidence < threshold:
        raise Abstained(f"not sure ({confidence:.2f} < {threshold:g})")
    return replace(labels, confidence=confidence, model=_name(trained.version))


def _name(version: int | None) -> str | None:
    return f"v{version}" if version is not None else None


class LearnedClassifier:
    """The chain's learned backend. It abstains (the chain asks the next backend)
    until a model learned from `min_tickets` confirmed tickets, and whenever it is less
    sure than `threshold`: the rules then answer."""

    backend = Backend.LEARNED

    def __init__(
        self,
        *,
        min_tickets: int,
        threshold: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.min_tickets = min_tickets
        self.threshold = threshold
        self._clock = clock
        self._lock = threading.Lock()
        self._loaded: Trained | None = None
        self._checked_at: float | None = None

    @property
    def model(self) -> str | None:
        loaded = self._loaded
        return _name(loaded.version) if loaded is not None else None

    def classify(self, title: str, description: str, shots: Sequence[Shot] = ()) -> Labels:
        return answer(self.current(), title, description, self.min_tickets, self.threshold)

    def current(self) -> Trained | None:
        """The newest trained model, loaded once per version; the database is asked for
        a newer one at most every REFRESH_SECONDS. Meanwhile, and while a newer one
        loads (a second or so), the one in hand answers."""
        with self._lock:
            now = self._clock()
            if self._checked_at is not None and now - self._checked_at < REFRESH_SECONDS:
                return self._loaded
            self._checked_at = now
            loaded = self._loaded
        saved = newest()
        if saved is None or (loaded is not None and saved.pk == loaded.version):
            return loaded
        from classifier.models import LearnedModel

        artifact = LearnedModel.objects.values_list("artifact", flat=True).get(pk=saved.pk)
        try:
            fresh = Trained.loads(
                bytes(artifact),
                team_tickets=saved.team_tickets,
                prior_tickets=saved.prior_tickets,
                holdout=saved.holdout,
                seconds=saved.seconds,
                version=saved.pk,
            )
        except ModelOutdated as error:
            logger.warning("learned model v%s is not used: %s; retrain it", saved.pk, error)
            return loaded
        with self._lock:
            if self._loaded is None or (self._loaded.version or 0) < saved.pk:
                self._loaded = fresh
                logger.info("learned model v%s loaded (%s tickets)", saved.pk, saved.team_tickets)
            return self._loaded

    def health(self) -> dict:
        state = {"name": self.backend.value, "enabled": True, "model": self.model}
        try:
            trained = self.current()
        except Exception as error:
            # The health check reports; it never fails (the database has its own line).
            return {**state, "state": BackendState.UNREACHABLE, "detail": f"cannot load: {error}"}
        state["model"] = self.model
        if trained is None or trained.team_tickets < self.min_tickets:
            learned = trained.team_tickets if trained else 0
            return {
                **state,
                "state": BackendState.LEARNING,
                "detail": f"learned from {learned} of the {self.min_tickets} confirmed "
                "tickets it needs",
            }
        return {
            **state,
            "state": BackendState.READY,
            "detail": f"learned from {trained.team_tickets} confirmed tickets; answers "
            f"when at least {self.threshold:g} sure",
        }

    def warm_up(self) -> None:
        """Load the newest model before the first ticket needs it."""
        self.current()
