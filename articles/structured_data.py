"""
schema.org `MedicalWebPage` JSON-LD for an article page.

Contract: `medical_web_page(article, canonical_url)` returns a JSON string
safe to place inside `<script type="application/ld+json">`: `<`, `>` and `&`
are escaped as JSON unicode escapes, so text from the database can never
close the script element.
"""

import json
from datetime import datetime

from articles.models import Article, Reference

_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _reviewer(article: Article) -> dict:
    if article.reviewed_by_credential:
        return {
            "@type": "Person",
            "name": article.reviewed_by_name,
            "jobTitle": article.reviewed_by_credential,
        }
    return {"@type": "Organization", "name": article.reviewed_by_name}


def _citation(reference: Reference) -> dict:
    work = {
        "@type": "Book",
        "name": reference.title,
        "author": [
            {"@type": "Person", "name": a.strip()} for a in reference.authors.split(" and ")
        ],
    }
    if reference.edition:
        work["bookEdition"] = reference.edition
    if reference.publisher:
        work["publisher"] = {"@type": "Organization", "name": reference.publisher}
    if reference.year:
        work["datePublished"] = str(reference.year)
    if reference.url:
        work["url"] = reference.url
    return work


def _instant(value: datetime | None) -> str | None:
    return value.replace(microsecond=0).isoformat() if value else None


def medical_web_page(article: Article, canonical_url: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": canonical_url,
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "inLanguage": "en",
        "about": {"@type": "Thing", "name": article.topic.name},
        "publisher": {"@type": "Organization", "name": "Letdown"},
        "datePublished": _instant(article.published_at),
        "dateModified": _instant(article.last_changed_at),
        "citation": [_citation(reference) for reference in article.references.all()],
    }
    if article.reviewed_at:
        data["lastReviewed"] = article.reviewed_at.date().isoformat()
        if article.reviewed_by_name:
            data["reviewedBy"] = _reviewer(article)
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
