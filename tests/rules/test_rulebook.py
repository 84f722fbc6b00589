"""The phone's rulebook modules are what tracker/rules.py renders; they ship as static files."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.templatetags.static import static

from tracker import rulebook_js

NAMES = ["frontend/js/tracker/rulebook.js", "frontend/js/tracker/rulebook-violations.js"]


def test_the_committed_rulebook_is_what_the_python_rules_render():
    rendered = rulebook_js.render()
    assert sorted(path.name for path in rendered) == ["rulebook-violations.js", "rulebook.js"]
    for path, text in rendered.items():
        assert path.read_text(encoding="utf-8") == text, f"run manage.py write_rulebook ({path})"


def test_write_rulebook_check_fails_on_a_stale_file_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(rulebook_js, "FOLDER", tmp_path)
    stale = tmp_path / "rulebook.js"
    stale.write_text("export default {};\n")
    with pytest.raises(CommandError, match="out of date"):
        call_command("write_rulebook", "--check")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rulebook.js"]
    assert stale.read_text() == "export default {};\n"
    call_command("write_rulebook")
    assert stale.read_text() == rulebook_js.render()[stale]
    call_command("write_rulebook", "--check")


def test_the_rulebook_states_the_limits_the_server_enforces():
    text = rulebook_js.render()[rulebook_js.FOLDER / "rulebook.js"]
    assert "MAX_FEED_DURATION_MS: 43200000," in text
    assert "MAX_CLOCK_AHEAD_MS: 600000," in text
    assert "MAX_LETDOWNS: 20," in text
    assert "MAX_PUSH_BYTES: 262144," in text


@pytest.mark.django_db
def test_the_service_worker_precaches_the_rulebook(client):
    body = client.get("/sw.js").content.decode()
    urls = re.findall(r'"([^"]+)"', re.search(r"const PRECACHE = (\[.*?\]);", body, re.S).group(1))
    for name in NAMES:
        assert static(name) in urls
        assert f"/static/{name}" not in urls  # once, hashed (static_storage.py)
