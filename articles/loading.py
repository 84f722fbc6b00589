"""
Loading the shipped guidance library into the database.

Contract of `load_library()`:
- Idempotent: a second run writes nothing (no row changes, no `updated_at` moves).
- Never overwrites an editor: for each topic and article the loader remembers
  a hash of what it last wrote (`ShippedContent`). It updates a record only
  if the record still matches that hash, i.e. nobody has edited it since.
  An edited record is kept and reported; so is one an editor deleted (it is
  not brought back). `force=True` writes the shipped version regardless.
- All or nothing: one transaction; a bad content file aborts before writing.
"""

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.db import transaction

from articles.content_files import (
    ARTICLE_FIELDS,
    CONTENT_DIR,
    DATE_FIELDS,
    REFERENCE_FIELDS,
    iso,
    normalise_text,
    read_library,
)
from articles.models import Article, Reference, ShippedContent, Topic

Kind = ShippedContent.Kind


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT_EDITED = "kept (edited by an editor)"
    KEPT_DELETED = "kept deleted (deleted by an editor)"


@dataclass
class LoadReport:
    outcomes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, outcome: Outcome, label: str) -> None:
        self.outcomes.setdefault(outcome.value, []).append(label)

    def count(self, outcome: Outcome) -> int:
        return len(self.outcomes.get(outcome.value, []))


# Follows the content rather than being part of it: the loader writes it with
# the content, and leaving it out of the hash keeps the hashes stored before
# the field existed valid (an upgrade does not see every article as edited).
UNHASHED_FIELDS = frozenset({"modified_at"})


def content_hash(data: dict) -> str:
    hashed = {k: v for k, v in data.items() if k not in UNHASHED_FIELDS}
    return hashlib.sha256(json.dumps(hashed, sort_keys=True).encode()).hexdigest()


def topic_state(topic: Topic) -> dict:
    return {
        "name": topic.name,
        "description": normalise_text(topic.description),
        "ordering": topic.ordering,
    }


def article_state(article: Article) -> dict:
    """The stored article in the same shape as a content file (see content_files)."""
    state = {name: getattr(article, name) for name in ARTICLE_FIELDS if name != "topic"}
    state["topic"] = article.topic.slug
    for name in DATE_FIELDS:
        state[name] = iso(state[name])
    state["body"] = normalise_text(article.body)
    state["related"] = sorted(a.slug for a in article.related.all())
    state["references"] = [
        {name: getattr(ref, name) for name in REFERENCE_FIELDS} for ref in article.references.all()
    ]
    return state


def _decide(kind: str, slug: str, source: str, current: str | None, force: bool) -> Outcome:
    record = ShippedContent.objects.filter(kind=kind, slug=slug).first()
    if current is None:
        return Outcome.KEPT_DELETED if record and not force else Outcome.CREATED
    if current == source:
        return Outcome.UNCHANGED
    if force or (record is not None and record.content_hash == current):
        return Outcome.UPDATED
    return Outcome.KEPT_EDITED


def _remember(kind: str, slug: str, digest: str) -> None:
    record = ShippedContent.objects.filter(kind=kind, slug=slug).first()
    if record is None:
        ShippedContent.objects.create(kind=kind, slug=slug, content_hash=digest)
    elif record.content_hash != digest:
        record.content_hash = digest
        record.save(update_fields=["content_hash", "loaded_at"])


def _load_topic(slug: str, data: dict, force: bool, report: LoadReport) -> None:
    topic = Topic.objects.filter(slug=slug).first()
    digest = content_hash(data)
    current = content_hash(topic_state(topic)) if topic else None
    outcome = _decide(Kind.TOPIC, slug, digest, current, force)
    report.add(outcome, f"topic {slug}")
    if outcome in (Outcome.CREATED, Outcome.UPDATED):
        topic = topic or Topic(slug=slug)
        for name, value in data.items():
            setattr(topic, name, value)
        topic.full_clean()
        topic.save()
    if outcome in (Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED):
        _remember(Kind.TOPIC, slug, digest)


def _write_article(article: Article, data: dict, topic: Topic) -> None:
    for name in ARTICLE_FIELDS:
        if name != "topic":
            setattr(article, name, data[name])
    article.topic = topic
    article.body = data["body"]
    article.full_clean()
    article.save()
    references = [
        Reference(article=article, position=i, **ref) for i, ref in enumerate(data["references"])
    ]
    for reference in references:
        reference.full_clean(exclude=["article"])
    article.references.all().delete()
    Reference.objects.bulk_create(references)


def _load_articles(articles: dict[str, dict], force: bool, report: LoadReport) -> None:
    stored = {
        a.slug: a
        for a in Article.objects.filter(slug__in=articles)
        .select_related("topic")
        .prefetch_related("related", "references")
    }
    written: list[tuple[Article, dict]] = []
    for slug, data in articles.items():
        article = stored.get(slug)
        digest = content_hash(data)
        current = content_hash(article_state(article)) if article else None
        outcome = _decide(Kind.ARTICLE, slug, digest, current, force)
        topic = Topic.objects.filter(slug=data["topic"]).first()
        if outcome in (Outcome.CREATED, Outcome.UPDATED) and topic is None:
            outcome = Outcome.KEPT_DELETED  # an editor removed its topic; respect that
        report.add(outcome, f"article {slug}")
        if outcome in (Outcome.CREATED, Outcome.UPDATED):
            article = article or Article(slug=slug)
            _write_article(article, data, topic)
            written.append((article, data))
        if outcome is Outcome.UNCHANGED and iso(article.modified_at) != data["modified_at"]:
            # Same words, but the shipped file now dates them (e.g. a database
            # from before `modified_at` existed): take the file's date.
            article.modified_at = data["modified_at"]
            article.save(update_fields=["modified_at", "updated_at"])
        if outcome in (Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED):
            _remember(Kind.ARTICLE, slug, digest)
    # Related articles are linked once every article of this load exists.
    for article, data in written:
        article.related.set(Article.objects.filter(slug__in=data["related"]))


def load_library(directory: Path = CONTENT_DIR, *, force: bool = False) -> LoadReport:
    library = read_library(directory)
    report = LoadReport()
    with transaction.atomic():
        for slug, data in library.topics.items():
            _load_topic(slug, data, force, report)
        _load_articles(library.articles, force, report)
    return report
