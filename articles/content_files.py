"""
Reading the shipped library from articles/content/.

Contract: `read_library(directory)` returns the topics (from `topics.toml`)
and the articles (one `<slug>.md` each: TOML front matter between `+++`
lines, then the Markdown body) as plain dictionaries in the canonical shape
that articles/loading.py hashes. A malformed file raises `ContentError`
naming the file, before anything is written.
"""

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
ARTICLE_FIELDS = (
    "title", "summary", "topic", "ordering", "status", "published_at", "modified_at",
    "reviewed_at", "next_review_at", "reviewed_by_name", "reviewed_by_credential",
)  # fmt: skip
DATE_FIELDS = ("published_at", "modified_at", "reviewed_at", "next_review_at")
REFERENCE_FIELDS = ("authors", "title", "edition", "publisher", "year", "url")
STATUSES = ("draft", "published")


class ContentError(ValueError):
    """A content file the loader cannot use."""


@dataclass(frozen=True)
class Library:
    topics: dict[str, dict]
    articles: dict[str, dict]


def read_library(directory: Path = CONTENT_DIR) -> Library:
    topics = _read_topics(directory / "topics.toml")
    articles = {}
    for path in sorted(directory.glob("*.md")):
        articles[path.stem] = _read_article(path, topics)
    for slug, article in articles.items():
        missing = set(article["related"]) - set(articles)
        if missing:
            raise ContentError(f"{slug}.md: related articles not found: {sorted(missing)}")
    return Library(topics=topics, articles=articles)


def iso(value: datetime | None) -> str | None:
    """One spelling per instant, so equal times hash equally."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ContentError(f"{value} has no UTC offset")
    return value.astimezone(UTC).isoformat()


def normalise_text(value: str) -> str:
    # Browsers submit textareas with CRLF; an untouched save is not an edit.
    return value.replace("\r\n", "\n").strip()


def _read_topics(path: Path) -> dict[str, dict]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    topics = {}
    for position, item in enumerate(data.get("topics", [])):
        topics[item["slug"]] = {
            "name": item["name"],
            "description": normalise_text(item.get("description", "")),
            "ordering": item.get("ordering", position),
        }
    return topics


def _read_article(path: Path, topics: dict[str, dict]) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("+++\n") or "\n+++\n" not in text[3:]:
        raise ContentError(f"{path.name}: expected TOML front matter between +++ lines")
    front, body = text[4:].split("\n+++\n", 1)
    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: {error}") from error
    missing = {"title", "summary", "topic", "status"} - set(meta)
    if missing:
        raise ContentError(f"{path.name}: missing {sorted(missing)}")
    if meta["topic"] not in topics:
        raise ContentError(f"{path.name}: unknown topic {meta['topic']!r}")
    if meta["status"] not in STATUSES:
        raise ContentError(f"{path.name}: status must be one of {STATUSES}")
    if meta["status"] == "published" and "published_at" not in meta:
        # Without a fixed date, every load would stamp a new one: not idempotent.
        raise ContentError(f"{path.name}: a published article needs published_at")
    article = {field: meta.get(field) for field in ARTICLE_FIELDS}
    article["ordering"] = meta.get("ordering", 0)
    for field in ("reviewed_by_name", "reviewed_by_credential"):
        article[field] = article[field] or ""
    for field in DATE_FIELDS:
        article[field] = iso(article[field])
    # The date the words were last changed; a file that never changed since it
    # was published need not repeat the date.
    article["modified_at"] = article["modified_at"] or article["published_at"]
    article["body"] = normalise_text(body)
    article["related"] = sorted(meta.get("related", []))
    article["references"] = [
        {field: ref.get(field, None if field == "year" else "") for field in REFERENCE_FIELDS}
        for ref in meta.get("references", [])
    ]
    return article
