"""Markdown rendering and sanitising (articles/rendering.py, Article.save)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.rendering import render_markdown
from tests.articles.factories import ArticleFactory


def test_markdown_renders_emphasis_lists_and_links():
    html = render_markdown("Some **bold** text.\n\n- one\n- two\n\n[IBCLC](https://iblce.org/)")
    assert "<strong>bold</strong>" in html
    assert "<li>one</li>" in html
    assert '<a href="https://iblce.org/" rel="noopener noreferrer">IBCLC</a>' in html


def test_script_tags_and_their_content_are_removed():
    html = render_markdown("Hello <script>alert('x')</script> world")
    assert "<script" not in html
    assert "alert" not in html
    assert "Hello" in html


@pytest.mark.parametrize(
    "markdown",
    [
        '<img src="x" onerror="alert(1)">',
        '<p onclick="alert(1)">tap</p>',
        '<a href="#" onmouseover="alert(1)">hover</a>',
    ],
)
def test_event_handler_attributes_never_survive(markdown):
    html = render_markdown(markdown)
    assert "onerror" not in html
    assert "onclick" not in html
    assert "onmouseover" not in html
    assert "alert" not in html


def test_javascript_urls_are_dropped_from_links():
    html = render_markdown("[tap me](javascript:alert(1))")
    assert "javascript:" not in html
    assert "tap me" in html


def test_style_attributes_and_iframes_are_removed():
    html = render_markdown(
        '<span style="color:red">red</span> <iframe src="https://x.test"></iframe>'
    )
    assert "style=" not in html
    assert "<iframe" not in html


def test_top_level_heading_becomes_a_section_heading():
    assert render_markdown("# Feeding at night") == "<h2>Feeding at night</h2>"


def test_article_save_stores_rendered_html(db):
    article = ArticleFactory(body="## Heading\n\nText <script>steal()</script>")
    assert "<h2>Heading</h2>" in article.body_html
    assert "steal" not in article.body_html


def test_article_page_never_contains_injected_script(client, db):
    article = ArticleFactory(body='Hi <script>alert("pwned")</script><img src=x onerror=alert(2)>')
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "pwned" not in page
    assert "onerror" not in page


DANGEROUS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        '<p style="position:fixed">x</p>',
        "<iframe src=//evil.test>",
        "<scr<script>ipt>alert(1)</script>",
        "[x](javascript:alert(1))",
        "`<script>`",
    ]
)


@given(st.lists(st.one_of(st.text(max_size=40), DANGEROUS), max_size=8))
@settings(max_examples=150, deadline=None)
def test_no_markdown_can_produce_executable_html(parts):
    html = render_markdown("\n".join(parts))
    assert not re.search(r"<script", html, re.I)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", html, re.I)
    assert not re.search(r"<[^>]*style\s*=", html, re.I)
    assert not re.search(r'<a[^>]*href="\s*javascript:', html, re.I)
    assert "<iframe" not in html
    assert "<svg" not in html
