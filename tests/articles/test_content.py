"""The shipped library (articles/content/): coverage of seed-facts.md, citations, links."""

import re

import pytest

from articles.content_files import read_library

LIBRARY = read_library()
REQUIRED_SLUGS = {
    "let-down",
    "signs-baby-is-getting-milk",
    "more-than-one-let-down",
    "let-down-while-pumping",
    "prolactin-and-oxytocin",
    "the-first-days",
}
SEED_REFERENCES = {"Breastfeeding and Human Lactation", "The Breastfeeding Answer Book"}

# Each fact of docs seed-facts.md, as phrases that must all appear in one article.
SEED_FACTS = {
    "alveoli contract and push milk into the ducts": ["alveoli", "squeeze", "ducts", "nipple"],
    "tingling in the breast": ["tingling"],
    "milk leaking from the other breast": ["leaking from the other breast"],
    "not feeling it is normal": ["never feel a let-down", "that is normal"],
    "not by itself low supply": ["does not, on its own, mean your supply is low"],
    "more than one let-down per feed": ["more than one let-down can happen in a single feed"],
    "the sensation can come more than once": ["sensation can come more than once"],
    "relaxed after the let-down": ["feel relaxed", "once the let-down"],
    "quick short sucks become long slower sucks": ["quick, short sucks", "long, slower sucks"],
    "audible swallowing": ["hear your baby swallow"],
    "milk at the corner of the mouth": ["milk at the corner of your baby's mouth"],
    "gulping sounds": ["gulping sounds"],
    "suckling triggers two hormones": ["suckles", "two hormones: prolactin and oxytocin"],
    "prolactin drives production": ["prolactin drives milk production"],
    "oxytocin causes the let-down": ["oxytocin causes the let-down", "contract"],
    "oxytocin brings well-being": ["sense of well-being"],
    "uterine cramping with the let-down": ["cramping", "uterus contract", "together with"],
    "sometimes more bleeding": ["a little more bleeding"],
    "helps the uterus shrink and reduces bleeding": ["shrink back", "reduce bleeding"],
    "let-down while pumping": ["let-down happens while pumping"],
    "slow flow before, much faster after": ["the flow is slow", "much faster"],
    "pump is not a perfect substitute": ["not a perfect substitute for a baby"],
    "felt with baby, not with pump, is not abnormal": [
        "with your baby but not with the pump",
        "not abnormal",
    ],
    "what matters is enough milk": ["pumping enough milk for your baby's needs"],
}


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).lower()


BODIES = {slug: plain(data["body"]) for slug, data in LIBRARY.articles.items()}


def test_the_articles_the_tracker_links_to_are_published():
    published = {s for s, a in LIBRARY.articles.items() if a["status"] == "published"}
    assert published >= REQUIRED_SLUGS


@pytest.mark.parametrize("fact", SEED_FACTS)
def test_every_seed_fact_appears_in_an_article(fact):
    phrases = [p.lower() for p in SEED_FACTS[fact]]
    assert any(all(p in body for p in phrases) for body in BODIES.values()), fact


@pytest.mark.parametrize("slug", sorted(LIBRARY.articles))
def test_every_article_cites_a_seed_reference(slug):
    titles = {ref["title"] for ref in LIBRARY.articles[slug]["references"]}
    assert titles & SEED_REFERENCES


@pytest.mark.parametrize("slug", sorted(LIBRARY.articles))
def test_links_inside_articles_point_to_shipped_articles(slug):
    targets = re.findall(r"\]\(/guide/([a-z0-9-]+)/\)", LIBRARY.articles[slug]["body"])
    assert set(targets) <= set(LIBRARY.articles)


@pytest.mark.parametrize("slug", sorted(LIBRARY.articles))
def test_every_article_has_review_dates_and_a_reviewer(slug):
    article = LIBRARY.articles[slug]
    assert article["reviewed_at"] < article["next_review_at"]
    assert article["reviewed_by_name"]


def test_every_topic_has_an_article():
    used = {a["topic"] for a in LIBRARY.articles.values()}
    assert used == set(LIBRARY.topics)


def test_shipped_article_pages_render(client, db):
    from articles.loading import load_library

    load_library()
    for slug in LIBRARY.articles:
        assert client.get(f"/guide/{slug}/").status_code == 200, slug
