"""
Markdown to safe HTML, for article bodies.

Contract: `render_markdown(text)` returns HTML that contains only the tags and
attributes in the allowlists below. Markdown lets authors write raw HTML, so
the rendered output is passed through nh3 (the Rust `ammonia` sanitiser):
`<script>`/`<style>` are dropped with their content, event-handler attributes
(`onerror=`, `onclick=`) and `style=` never survive, and links may only point
to http(s), mailto or relative URLs. The result is stored, so the cost is paid
once per save, not per page view.
"""

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "a", "abbr", "code", "pre", "sup", "sub",
        "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# "extra" gives tables, definition lists and abbreviations; "sane_lists" keeps
# a numbered list from swallowing a following bullet list.
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    # The page's title is its one <h1>; a "# Heading" in a body becomes a section.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        # Dropped with their content: the text of a script is never prose.
        clean_content_tags={"script", "style"},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        # Links leave the site without telling it where the reader came from.
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
