"""The phone's rulebook module is what tracker/rules.py renders; it ships as a static file."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.templatetags.static import static

from tracker import rulebook_js
from tracker.management.commands import write_rulebook

NAME = "frontend/js/tracker/rulebook.js"


def test_the_committed_rulebook_is_what_the_python_rules_render():
    assert rulebook_js.PATH.read_text(encoding="utf-8") == rulebook_js.render()


def test_write_rulebook_check_fails_on_a_stale_file_and_writes_nothing(tmp_path, monkeypatch):
    stale = tmp_path / "rulebook.js"
    stale.write_text("export default {};\n")
    monkeypatch.setattr(write_rulebook, "PATH", stale)
    with pytest.raises(CommandError, match="out of date"):
        call_command("write_rulebook", "--check")
    assert stale.read_text() == "export default {};\n"
    call_command("write_rulebook")
    assert stale.read_text() == rulebook_js.render()
    call_command("write_rulebook", "--check")


def test_the_rulebook_states_the_limits_the_server_enforces():
    text = rulebook_js.render()
    assert "MAX_FEED_DURATION_MS: 43200000," in text
    assert "MAX_CLOCK_AHEAD_MS: 600000," in text
    assert "MAX_LETDOWNS: 20," in text
    assert "MAX_PUSH_BYTES: 262144," in text


@pytest.mark.django_db
def test_the_service_worker_precaches_the_rulebook(client):
    body = client.get("/sw.js").content.decode()
    urls = re.findall(r'"([^"]+)"', re.search(r"const PRECACHE = (\[.*?\]);", body, re.S).group(1))
    assert static(NAME) in urls
    assert f"/static/{NAME}" in urls
