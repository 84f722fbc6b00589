"""Under `make run` (DEBUG on) a developer's edit to a static file shows on reload.

Static URLs carry no content hash in DEBUG, so the worker used to serve the
first copy it saved forever and never offered an update. The test adds a file
to the static sources (a STATICFILES_DIRS folder of its own), copies it where
the live server serves static files (STATIC_ROOT), then edits both.
"""

import pytest

from tests.e2e.conftest import wait_for_service_worker

pytestmark = pytest.mark.django_db(transaction=True)

PROBE = "frontend/dev-probe.css"
READ_PROBE = """async () => (await fetch("/static/frontend/dev-probe.css")).text()"""


@pytest.fixture
def dev_static(settings, tmp_path):
    source = tmp_path / "src"
    (source / "frontend").mkdir(parents=True)
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, source]
    settings.DEBUG = True
    served = settings.STATIC_ROOT / PROBE

    def write(text: str) -> None:
        (source / PROBE).write_text(text)
        served.write_text(text)

    yield write
    served.unlink(missing_ok=True)


def test_an_edited_static_file_shows_on_reload_and_an_update_is_offered(
    page, live_url, dev_static
):
    dev_static("/* first */")
    page.goto(f"{live_url}/search/")
    wait_for_service_worker(page)
    assert page.evaluate(READ_PROBE) == "/* first */"

    dev_static("/* edited */")
    page.reload()
    wait_for_service_worker(page)
    assert page.evaluate(READ_PROBE) == "/* edited */"
    # The edit is a new release too: the worker that precached the old copy is replaced.
    page.locator("#update-bar").wait_for(state="visible", timeout=20_000)
