"""
The app shell's weight: what a phone downloads on its first visit.

Contract: `app_shell_bytes(port)` fetches `/`, then every same-origin
stylesheet, script, icon and manifest it links, following the ES modules'
static `import` statements, and returns the file count, raw bytes and
gzipped bytes. Static files are asked for with `Accept-Encoding: gzip`
(whitenoise serves its precompressed copies); the HTML page itself is
gzipped here at level 6, as a compressing proxy would send it.
"""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

from benchmarks.client import Client

IMPORT = re.compile(r"""(?:import|from)\s*\(?\s*["']([^"']+\.js)["']""")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        url = attributes.get("src") if tag == "script" else None
        if tag == "link" and attributes.get("rel") in {"stylesheet", "manifest", "icon"}:
            url = attributes.get("href")
        if url and url.startswith("/") and not url.startswith("//"):
            self.urls.append(url)


def app_shell_bytes(port: int) -> dict:
    client = Client(port)
    page = client.get("/", headers={"Accept": "text/html"})
    parser = _Links()
    parser.feed(page.body.decode())
    raw, gzipped, seen = len(page.body), len(gzip.compress(page.body, 6)), {"/"}
    queue = list(parser.urls)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        reply = client.get(url, headers={"Accept-Encoding": "gzip", "Accept": "*/*"})
        if reply.status != 200:
            raise RuntimeError(f"app shell file {url} answered {reply.status}")
        compressed = reply.headers.get("Content-Encoding") == "gzip"
        body = gzip.decompress(reply.body) if compressed else reply.body
        raw += len(body)
        gzipped += len(reply.body) if compressed else len(gzip.compress(body, 6))
        if url.split("?")[0].endswith(".js"):
            queue.extend(urljoin(url, found) for found in IMPORT.findall(body.decode()))
    return {"files": len(seen), "raw_bytes": raw, "gzip_bytes": gzipped}
