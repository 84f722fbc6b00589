"""Reference punctuation, "Authors. Title, edition. Publisher, year. URL", for every mix."""

import itertools
import re

import pytest

from tests.articles.factories import ArticleFactory, ReferenceFactory

AUTHORS = "Jan Riordan and Karen Wambach"
TITLE = "Breast engorgement"
OPTIONAL = {
    "edition": "4th edition",
    "publisher": "Jones and Bartlett",
    "year": 2024,
    "url": "https://example.org/book",
}


def expected(fields: dict) -> str:
    text = f"{AUTHORS}. {TITLE}"
    text += f", {fields['edition']}." if "edition" in fields else "."
    publication = [str(fields[k]) for k in ("publisher", "year") if k in fields]
    if publication:
        text += " " + ", ".join(publication) + "."
    if "url" in fields:
        text += f" {fields['url']}"
    return text


COMBINATIONS = [
    dict(combo)
    for n in range(len(OPTIONAL) + 1)
    for combo in itertools.combinations(OPTIONAL.items(), n)
]


def make_reference(fields: dict, **overrides):
    values = dict.fromkeys(OPTIONAL, "") | {"year": None, "authors": AUTHORS, "title": TITLE}
    return ReferenceFactory(article=ArticleFactory(slug="cited"), **(values | fields | overrides))


def shown_on_page(client) -> str:
    page = client.get("/guide/cited/").content.decode()
    item = re.search(r'<section class="guide-references".*?<li>(.*?)</li>', page, re.S).group(1)
    return re.sub(r"<[^>]+>", "", item)


@pytest.mark.parametrize("fields", COMBINATIONS, ids=lambda f: "+".join(f) or "bare")
def test_every_combination_is_punctuated_once(client, db, fields):
    reference = make_reference(fields)
    assert reference.citation == expected(fields)
    assert shown_on_page(client) == expected(fields)
    assert ".," not in reference.citation
    assert ".." not in reference.citation


def test_the_title_is_set_in_cite_and_the_url_is_a_link(client, db):
    make_reference(OPTIONAL)
    page = client.get("/guide/cited/").content.decode()
    assert f"<cite>{TITLE}</cite>, 4th edition. Jones and Bartlett, 2024." in page
    assert '<a href="https://example.org/book" rel="noopener noreferrer">' in page


def test_fields_that_already_end_in_a_full_stop_get_no_second_one(client, db):
    reference = make_reference(
        {"edition": "2nd ed.", "year": 2024},
        authors="A. Smith and B. Jones Jr.",
        title="Breast engorgement.",
    )
    assert reference.citation == "A. Smith and B. Jones Jr. Breast engorgement, 2nd ed. 2024."
    assert shown_on_page(client) == reference.citation


def test_a_title_ending_in_a_question_mark_keeps_it(client, db):
    reference = make_reference({"publisher": "LLLI"}, title="Is my baby getting enough?")
    assert reference.citation == f"{AUTHORS}. Is my baby getting enough? LLLI."
    assert shown_on_page(client) == reference.citation
