"""The phone's day totals (totals.js) equal the server's summary rows
(tracker/summaries.py) on one log: a paused breastfeed, a running one, pump
and bottle feeds, and two feeds either side of local midnight in
Pacific/Chatham (UTC+13:45), the zone both sides are pinned to."""

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.factories import BabyFactory, FeedFactory
from tracker.serializers import FeedSerializer
from tracker.summaries import daily_rows

ZONE = "Pacific/Chatham"
RUNNER = Path(__file__).with_name("run_totals.mjs")
DAYS = [date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2)]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("node") is None, reason="needs Node"),
]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _segment(side, start, seconds):
    return {"side": side, "started_at": start, "ended_at": start + timedelta(seconds=seconds)}


def _log(baby):
    paused = _at("2026-03-01T01:00:00.250000")
    running = _at("2026-03-01T09:00:00")
    before_midnight = _at("2026-03-01T10:14:00")  # 23:59 in Chatham, 1 March
    return [
        FeedFactory(
            baby=baby,
            started_at=paused,
            ended_at=paused + timedelta(seconds=1300.9),
            segments=[
                _segment("left", paused, 420.7),
                _segment("right", paused + timedelta(seconds=600), 700.9),
            ],
            letdowns=[{"at": (paused + timedelta(seconds=60)).isoformat(), "ml": None}],
            letdown_count=1,
        ),
        FeedFactory(
            baby=baby,
            started_at=running,
            ended_at=None,
            segments=[
                _segment("left", running, 300),
                {"side": "right", "started_at": running + timedelta(minutes=6), "ended_at": None},
            ],
        ),
        FeedFactory(
            baby=baby,
            kind="pump",
            started_at=before_midnight,
            ended_at=before_midnight + timedelta(minutes=15),
            segments=[],
            left_ml="60.25",
            right_ml="40.5",
            letdown_count=2,
        ),
        FeedFactory(  # 00:01 on 2 March in Chatham
            baby=baby,
            kind="bottle",
            started_at=before_midnight + timedelta(minutes=2),
            ended_at=before_midnight + timedelta(minutes=2),
            segments=[],
            amount_ml="90.5",
            milk_type="formula",
        ),
        FeedFactory(
            baby=baby,
            started_at=_at("2026-02-27T12:00:00"),  # 01:45 on 28 February
            ended_at=_at("2026-02-27T12:10:00"),
        ),
    ]


def _phone(feeds) -> list[dict]:
    records = [FeedSerializer.render(feed) for feed in feeds]
    done = subprocess.run(
        ["node", str(RUNNER)],
        input=json.dumps({"feeds": records, "days": [day.isoformat() for day in DAYS]}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, "TZ": ZONE},
    )
    return [
        {
            "date": row["day"],
            "feeds": row["feeds"],
            "breast_left_seconds": row["leftSeconds"],
            "breast_right_seconds": row["rightSeconds"],
            "pumped_ml": round(row["pumpedMl"], 2),
            "bottle_ml": round(row["bottleMl"], 2),
            "letdowns": row["letdowns"],
        }
        for row in json.loads(done.stdout)
    ]


def _server(baby) -> list[dict]:
    return [
        {
            **row,
            "date": row["date"].isoformat(),
            "pumped_ml": float(row["pumped_ml"]),
            "bottle_ml": float(row["bottle_ml"]),
        }
        for row in daily_rows(baby.pk, DAYS[0], DAYS[-1], ZoneInfo(ZONE))
    ]


def test_the_phone_and_the_server_total_each_local_day_alike():
    baby = BabyFactory()
    phone, server = _phone(_log(baby)), _server(baby)
    assert phone == server
    # The log is not trivial: midnight in Chatham splits the pump and the bottle,
    # and the running feed adds only its ended segment (300 s on the left).
    by_day = {row["date"]: row for row in server}
    assert by_day["2026-03-01"]["feeds"] == 3
    assert by_day["2026-03-01"]["breast_left_seconds"] == 420 + 300
    assert by_day["2026-03-02"]["bottle_ml"] == 90.5
    assert by_day["2026-02-28"]["feeds"] == 1
