"""Markdown rendering and sanitising (articles/rendering.py, Article.save)."""

import pytest

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
