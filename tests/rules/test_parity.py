"""The phone's checks (rules.js) and Feed.full_clean give the same codes and
words per field, on one table of feeds (tests/rules/cases.py) at a pinned now.

The JavaScript runs under Node as a subprocess (tests/rules/run_checks.mjs);
Python runs the model's own validation with ``timezone.now`` pinned.
"""

import json
import shutil
import subprocess
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime

from tests.rules.cases import CASES, NOW
from tracker.models import Feed
from tracker.rules import ML_FIELDS

RUNNER = Path(__file__).with_name("run_checks.mjs")
NOW_AT = datetime.fromisoformat(NOW)

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")


def _model(case: dict) -> Feed:
    values = dict(case)
    for name in ("started_at", "ended_at"):
        if values.get(name) is not None:
            values[name] = parse_datetime(values[name])
    for name in ML_FIELDS:
        # As the API's serializer hands them on: Decimal from the JSON number's text.
        if values.get(name) is not None:
            values[name] = Decimal(str(values[name]))
    return Feed(**values)


def server_errors(case: dict) -> dict:
    feed = _model(case)
    with mock.patch("django.utils.timezone.now", return_value=NOW_AT):
        try:
            feed.full_clean(exclude=["baby"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            return {
                field: [(e.code, e.messages[0]) for e in errors]
                for field, errors in error.error_dict.items()
            }
    return {}


def phone_errors() -> dict:
    now_ms = int(NOW_AT.timestamp() * 1000)
    done = subprocess.run(
        ["node", str(RUNNER)],
        input=json.dumps({"now": now_ms, "cases": CASES}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    results = json.loads(done.stdout)
    return {
        name: {
            field: list(zip(result["codes"][field], result["errors"][field], strict=True))
            for field in result["codes"]
        }
        for name, result in results.items()
    }


@pytest.fixture(scope="module")
def phone():
    return phone_errors()


def test_the_table_covers_every_rule_with_at_least_forty_cases():
    assert len(CASES) >= 40
    codes = {
        code
        for case in CASES.values()
        for codes in server_errors(case).values()
        for code, _ in codes
    }
    assert {
        "too_early",
        "in_future",
        "too_long",
        "ends_before_start",
        "not_for_kind",
        "before_feed",
        "after_feed",
        "not_ended",
        "overlap",
        "duplicate",
        "too_many",
        "count_mismatch",
        "out_of_order",
        "too_precise",
        "out_of_range",
    } <= codes


@pytest.mark.parametrize("name", CASES)
def test_the_phone_and_the_server_name_the_same_problems(name, phone):
    assert phone[name] == server_errors(CASES[name])
