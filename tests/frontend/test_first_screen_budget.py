"""The tracker's first screen stays within its download budget (docs/performance.md).

The first screen is what a phone downloads before the home screen at "/" is
interactive: the page, every stylesheet and script it links (print styles too:
browsers fetch those as well), every module it preloads, and the modules those
import statically, gzipped (level 6) one by one. A new phone's first visit
also awaits the first pull, so pull.js and its imports count too. Not counted:
what app.html's inert <template> declares and dynamic `import()`s (screens
load when opened). benchmarks/pwa.py measures the same in a real browser;
this is its fast, deterministic guard.
"""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

# 30 KiB until stop 10 (the first screen was 27.0 KB). Home then learnt the
# running feed, the bottom tab bar, the server's exact totals and let-downs
# (issue 11), and the JavaScript is formatted by Biome: 31.5 KB. Raised to
# 32 KiB with that recorded in docs/performance.md. Issue 13 put the rulebook
# (rulebook.js, 0.9 KB) and the one IndexedDB module with its upgrade steps
# (idb.js, 1.3 KB) on it: 33,985 B, so 34 KiB, recorded there too. Lower it
# again when something leaves the first screen (issue 18).
BUDGET_GZIP_BYTES = 34 * 1024
TRACKER = "frontend/js/tracker/"
# Awaited by a new phone's first visit (js/tracker/main.js waits for the first pull).
FIRST_PULL = TRACKER + "pull.js"
STATIC_IMPORT = re.compile(r'^\s*(?:import|export)\b[^;("]*?(?:from\s*)?"(\.{1,2}/[^"]+)"', re.M)
HASHED = re.compile(r"\.[0-9a-f]{12}(\.\w+)$")


class _EagerLinks(HTMLParser):
    """Static names the browser fetches while parsing the page (not inside <template>)."""

    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts, self.preloads = [], [], []
        self._in_template = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._in_template += 1
        if self._in_template:
            return
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(_name(attrs["href"]))
        elif tag == "link" and attrs.get("rel") == "modulepreload":
            self.preloads.append(_name(attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(_name(attrs["src"]))

    def handle_endtag(self, tag):
        if tag == "template":
            self._in_template -= 1


def _name(url: str) -> str:
    assert url.startswith(settings.STATIC_URL), url
    return HASHED.sub(r"\1", url.removeprefix(settings.STATIC_URL))


def _source(name: str) -> bytes:
    path = finders.find(name)
    assert path, f"{name} is linked but not a static file"
    return Path(path).read_bytes()


def _static_imports(name: str) -> list[str]:
    folder = name.rsplit("/", 1)[0]
    names = []
    for relative in STATIC_IMPORT.findall(_source(name).decode()):
        parts = folder.split("/")
        for piece in relative.split("/"):
            if piece == "..":
                parts.pop()
            elif piece != ".":
                parts.append(piece)
        names.append("/".join(parts))
    return names


def _with_static_imports(roots: list[str]) -> set[str]:
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            if name.endswith(".js"):
                todo.extend(_static_imports(name))
    return seen


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 6))


@pytest.fixture
def shell(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    links = _EagerLinks()
    links.feed(response.content.decode())
    return response.content, links


def test_first_screen_fits_its_gzipped_budget(shell):
    html, links = shell
    files = _with_static_imports([*links.stylesheets, *links.scripts, *links.preloads, FIRST_PULL])
    sizes = {name: _gzipped(_source(name)) for name in files}
    total = _gzipped(html) + sum(sizes.values())
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert total <= BUDGET_GZIP_BYTES, f"{total:,} B gzipped > {BUDGET_GZIP_BYTES:,}; {largest}"


def test_first_screen_counts_what_the_page_links_and_imports(shell):
    # The guard must see the whole eager graph, or it could not fail.
    _, links = shell
    files = _with_static_imports([*links.stylesheets, *links.scripts, *links.preloads])
    assert {
        "frontend/css/app.css",
        "frontend/css/tracker.css",
        TRACKER + "main.js",
        TRACKER + "views/home.js",
        TRACKER + "sync.js",
    } <= files
    # ...and leave out what the page only declares for later.
    assert "frontend/css/tracker-screens.css" not in files
    assert TRACKER + "views/timer.js" not in files


def test_first_screen_modules_are_all_preloaded(shell):
    # Without a preload each static import is one more round trip after its importer.
    _, links = shell
    graph = _with_static_imports([name for name in links.scripts if name.startswith(TRACKER)])
    modules = {name for name in graph if name.endswith(".js")}
    assert modules - {TRACKER + "main.js"} <= set(links.preloads)
