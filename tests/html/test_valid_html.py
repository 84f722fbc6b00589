"""Every public page is valid HTML, by the Nu HTML Checker (vnu.jar) itself.

The checker is the npm package `vnu-jar` (a Java program): `.ci/run` installs
Java (apt `default-jre-headless`) and the pinned package into
~/.cache/letdown/vnu when missing. `LETDOWN_VNU_JAR` points at another
vnu.jar. Without Java or the jar this test is skipped with the reason, unless
LETDOWN_REQUIRE_VALIDATOR=1 or LETDOWN_REQUIRE_BROWSER=1 (CI), which turn the
missing checker into a failure.

All pages go to one run of the checker (one JVM start); each message is
reported with the page it is about.
"""

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client

from articles.models import Article, Topic
from reports.models import ReportLink
from tests.conftest import token_client
from tests.factories import BabyFactory, FeedFactory, UserFactory

pytestmark = pytest.mark.django_db

DEFAULT_JAR = Path.home() / ".cache/letdown/vnu" / "node_modules/vnu-jar/build/dist/vnu.jar"


def _checker() -> list[str]:
    jar = Path(os.environ.get("LETDOWN_VNU_JAR") or DEFAULT_JAR)
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (apt install default-jre-headless)")
    if not jar.is_file():
        missing.append(f"{jar} (npm install vnu-jar, the version pinned in .ci/run)")
    if missing:
        reason = "Nu HTML Checker missing: " + ", ".join(missing)
        required = "1" in (
            os.environ.get("LETDOWN_REQUIRE_VALIDATOR"),
            os.environ.get("LETDOWN_REQUIRE_BROWSER"),
        )
        if required:
            pytest.fail(reason)
        pytest.skip(reason + " (set LETDOWN_REQUIRE_VALIDATOR=1 to fail instead)")
    return [java, "-Xss1m", "-jar", str(jar)]


def public_pages() -> dict[str, str]:
    """{label: HTML} for every page a visitor can open without signing in."""
    client = Client()
    paths = ["/", "/guide/", "/offline/", "/search/", "/accounts/login/", "/no-such-page/"]
    paths += [t.get_absolute_url() for t in Topic.objects.filter(articles__status="published")]
    paths += [a.get_absolute_url() for a in Article.objects.published()]
    pages = {}
    for path in dict.fromkeys(paths):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        pages[path] = response.content.decode()
    user = UserFactory()
    client.force_login(user)
    pages["signed out (/accounts/logout/)"] = client.post("/accounts/logout/").content.decode()
    forged = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert forged.status_code == 403
    pages["CSRF failure (403)"] = forged.content.decode()
    pages["server error (500.html)"] = render_to_string("500.html")
    pages.update(shared_report_pages(user))
    return pages


def shared_report_pages(user) -> dict[str, str]:
    """A report link's page (with feeds and a birth date) and a withdrawn link's."""
    baby = BabyFactory(owner=user, name="Robin", birth_date=date(2026, 11, 1))
    FeedFactory(baby=baby, kind="bottle", started_at=datetime(2026, 11, 3, 4, tzinfo=UTC),
                amount_ml=60)  # fmt: skip
    made = token_client(user).post(
        f"/api/v1/babies/{baby.pk}/report-links/",
        {"from": "2026-11-01", "to": "2026-11-14", "expires_in_hours": 24},
        format="json",
    )
    path = urlparse(made.json()["url"]).path
    pages = {"shared report": Client().get(path).content.decode()}
    ReportLink.objects.update(revoked_at=datetime(2026, 11, 15, tzinfo=UTC))
    pages["withdrawn report (410)"] = Client().get(path).content.decode()
    return pages


def validate(pages: dict[str, str], tmp_path: Path) -> list[str]:
    files = {}
    for i, (label, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{i}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = label
    run = subprocess.run(
        [*_checker(), "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu writes its JSON report to stderr; exit status 1 just means "messages".
    messages = json.loads(run.stderr or run.stdout)["messages"]
    problems = []
    for message in messages:
        if message.get("type") == "info" and message.get("subType") != "warning":
            continue
        url = message.get("url", "")
        label = files.get("/" + url.removeprefix("file:").lstrip("/"), url)
        line = message.get("lastLine", "?")
        problems.append(f"{label}, line {line}: {message['type']}: {message['message']}")
    return problems


def test_every_public_page_is_valid_html(tmp_path):
    call_command("load_guidance", verbosity=0)
    pages = public_pages()
    assert len(pages) >= 15  # index, topics, every article, shell, offline, errors...
    problems = validate(pages, tmp_path)
    assert not problems, "\n".join(problems)
