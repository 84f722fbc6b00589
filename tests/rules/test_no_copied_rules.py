"""No limit or enum of the rulebook is written out again outside it.

tracker/rules.py states each rule once and rulebook.js is rendered from it;
this scans the server's and the phone's sources for the literals a copy
would carry (the 12-hour limit in any unit, the 10-minute clock allowance,
the let-down limit, the push limits, the enums written as lists) and fails
naming the file and line. ALLOWED holds the few justified exceptions.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "tracker").rglob("*.py")),
    *sorted((ROOT / "letdown_project").rglob("*.py")),
    *sorted((ROOT / "frontend/static/frontend/js").rglob("*.js")),
]
# The rulebook itself, its rendered copy, and migrations (history, frozen by design).
HOMES = {
    "tracker/rules.py",
    "frontend/static/frontend/js/tracker/rulebook.js",
    "frontend/static/frontend/js/tracker/rulebook-violations.js",
}
COPIES = {
    "12-hour feed limit": r"\b720\b|\b12 hours\b|hours=12\b|12 \* 3600|43200",
    "10-minute clock allowance": r"minutes=10\b|10 \* MINUTE|10 \* 60\b|\b600000\b",
    "let-down limit": r"LETDOWNS\s*=\s*20\b|lte=20\b|\bmin\(20\b|\"20\"",
    "push limits": r"256 \* 1024|200 \* 1024|MUTATIONS\s*=\s*100\b",
    "ml and notes limits": r"Decimal\(1000\)|max_length=2000\b|\"2000\"|\"1000\"",
    "invite lifetime": r"hours=48\b",
    "sides as a list": r"[\[(]\s*\"left\",\s*\"right\"\s*[\])]",
    "kinds as a list": r"\"breast\",\s*\"pump\",\s*\"bottle\"",
    "milk types as a list": r"\"breast_milk\",\s*\"formula\",\s*\"mixed\"",
    "signs as a list": r"\"(tingling|swallowing|gulping|leaking)\",\s*\"(leaking|suckling_change|"
    r"relaxation|milk_at_mouth)\"",
}
ALLOWED = {
    # Demo data picks a random side order; it states no rule.
    ("tracker/management/commands/seed_demo.py", "sides as a list"),
}


def _hits():
    for path in SOURCES:
        name = path.relative_to(ROOT).as_posix()
        if name in HOMES or "/migrations/" in name:
            continue
        text = path.read_text(encoding="utf-8")
        for rule, pattern in COPIES.items():
            if (name, rule) in ALLOWED:
                continue
            for match in re.finditer(pattern, text):
                line = text.count("\n", 0, match.start()) + 1
                yield f"{name}:{line}: {rule} ({match.group(0)!r})"


def test_no_rule_of_the_rulebook_is_copied_as_a_literal():
    assert list(_hits()) == []


def test_the_scan_finds_a_copy(tmp_path, monkeypatch):
    copy = tmp_path / "copy.js"
    copy.write_text('const LIMIT = 720;\nconst SIDES = ["left", "right"];\n')
    monkeypatch.setattr(f"{__name__}.SOURCES", [copy])
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert [hit.split(": ")[1].split(" (")[0] for hit in _hits()] == [
        "12-hour feed limit",
        "sides as a list",
    ]
