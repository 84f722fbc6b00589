"""What the service worker precaches, and the release version that names its caches.

Contract:
- `precache_urls()` lists the pages of the app shell (`/`, `/offline/`,
  `/search/`) and the URL of every file under `static/frontend/` as the
  templates link it (hashed by the staticfiles manifest in production), each
  once: the storage rewrites the modules' relative imports (`./x.js`,
  `import("./y.js")`) to hashed names too (letdown_project/static_storage.py),
  so nothing asks for a plain name. Store screenshots (only used by install
  dialogs) are left out.
- `release_version(urls)` is a short hash of that list, of the worker's own
  template and of the optional LETDOWN_RELEASE setting. Any change to a
  static file, to the worker's code, or to the setting gives a new version,
  which the browser sees as a new worker (and the page offers the update).
- With DEBUG on (`make run`) static URLs carry no content hash, so the
  version also hashes the files' contents (as the finders see them, i.e. the
  source tree runserver serves): an edit gives a new worker. The worker then
  also fetches static files network first (frontend/templates/frontend/sw.js,
  `DEV`), so a reload shows the edit at once.
"""

import hashlib

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse

STATIC_PREFIX = "frontend/"
SKIPPED_FOLDERS = ("frontend/screenshots/",)
SKIPPED_SUFFIXES = (".py", ".md", ".map")


def _frontend_static_names() -> list[str]:
    names = set()
    for finder in finders.get_finders():
        for path, _storage in finder.list([]):
            name = path.replace("\\", "/")
            if not name.startswith(STATIC_PREFIX) or name.startswith(SKIPPED_FOLDERS):
                continue
            if name.endswith(SKIPPED_SUFFIXES):
                continue
            names.add(name)
    return sorted(names)


def _static_url(name: str) -> str | None:
    try:
        return static(name)
    except ValueError:
        # In the source tree but not collected yet (manifest_strict): not servable either.
        return None


def precache_urls() -> list[str]:
    pages = [reverse("frontend:home"), reverse("frontend:offline"), reverse("frontend:search")]
    files = [url for name in _frontend_static_names() if (url := _static_url(name))]
    return pages + files


def _contents_digest() -> bytes:
    digest = hashlib.sha256()
    for name in _frontend_static_names():
        path = finders.find(name)
        if path:
            digest.update(name.encode())
            with open(path, "rb") as file:
                digest.update(hashlib.sha256(file.read()).digest())
    return digest.digest()


def release_version(urls: list[str]) -> str:
    digest = hashlib.sha256()
    digest.update("\n".join(urls).encode())
    if settings.DEBUG:
        # Unhashed names in DEBUG: the list alone would not change on an edit.
        digest.update(_contents_digest())
    digest.update(get_template("frontend/sw.js").template.source.encode())
    digest.update(str(getattr(settings, "LETDOWN_RELEASE", "")).encode())
    return digest.hexdigest()[:12]
