"""The README can be followed as written, and documents every variable the code reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE_DIRS = ["letdown_project", "articles", "tracker", "frontend", "benchmarks", "tests"]
# Read from the environment: os.environ.get / getenv / os.environ[...] (not an
# assignment) and the settings' env_bool / env_list helpers.
READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|getenv|env_bool|env_list)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|os\.environ\[["']([A-Z][A-Z0-9_]+)["']\](?!\s*=[^=])"""
)
# Set by the code for itself, never by a person.
NOT_SETTINGS = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def variables_read() -> set[str]:
    names = set()
    for folder in CODE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            for match in READ.finditer(path.read_text(encoding="utf-8")):
                names.add(match.group(1) or match.group(2))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    names |= set(re.findall(r"^([A-Z][A-Z0-9_]+) \?=", makefile, re.M))
    names |= set(re.findall(r"\$\(([A-Z][A-Z0-9_]+_ARGS)\)", makefile))
    return names - NOT_SETTINGS


def test_every_environment_variable_the_code_reads_is_in_the_readme():
    found = variables_read()
    assert {"LETDOWN_RELEASE", "CACHE_KEY_PREFIX", "DATABASE_URL", "PORT"} <= found
    missing = sorted(name for name in found if f"`{name}`" not in README)
    assert missing == []


def test_the_quick_start_runs_the_tests_in_a_second_terminal():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "second terminal" in quick_start
    # Exactly the two commands in the first block, each saying where it runs
    # (`make run` never returns, so `make test` goes in another terminal).
    first = re.findall(r"```sh\n(.*?)```", quick_start, re.S)[0]
    lines = [line for line in first.splitlines() if line.strip()]
    assert [line.split("#")[0].strip() for line in lines] == ["make run", "make test"]
    assert "terminal 1" in lines[0]
    assert "terminal 2" in lines[1]


def test_the_readme_says_how_to_get_an_editor_login():
    assert "manage.py createsuperuser" in README
    assert "/admin/" in README
