"""manage.py seed_demo: a demo account with a week of feeds, once."""

import itertools
import random
from datetime import UTC, datetime, timedelta
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tracker.management.commands.seed_demo import week_of_feeds
from tracker.models import Baby, Caregiver, Feed

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_demo_family(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    baby = Baby.objects.get()
    roles = dict(Caregiver.objects.filter(baby=baby).values_list("user__username", "role"))
    assert roles == {"demo": "owner", "demo-partner": "caregiver"}


def test_seed_demo_writes_a_week_of_every_kind(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    kinds = set(Feed.objects.values_list("kind", flat=True))
    assert kinds == {"breast", "pump", "bottle"}
    assert Feed.objects.count() >= 7 * 6


def test_seed_demo_feeds_pass_the_rules(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    for feed in Feed.objects.all():
        feed.full_clean(exclude=["baby", "created_by", "updated_by"])


def test_running_seed_demo_twice_creates_nothing_more(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Baby.objects.count(), Feed.objects.count(), Caregiver.objects.count())
    call_command("seed_demo")
    assert (Baby.objects.count(), Feed.objects.count(), Caregiver.objects.count()) == counts


def test_seed_demo_prints_the_password(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    assert "letdown-demo-2026" in capsys.readouterr().out


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


# The week must hold every kind of feed whatever the hour and zone it is seeded
# in (it once depended on the local hour: about 13% of start times wrote no
# pump). Pinned instants, every hour of a day plus odd minutes, in zones with
# unusual offsets and a daylight-saving change inside the week.
ZONES = ["UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham", "Europe/London"]
INSTANTS = [
    datetime(2026, 3, 31, hour, minute, tzinfo=UTC)  # London and LA changed clocks that week
    for hour in range(24)
    for minute in (0, 37)
]


@pytest.mark.parametrize("zone", ZONES)
def test_the_week_holds_every_kind_at_any_hour_in_any_zone(zone):
    with timezone.override(ZoneInfo(zone)):
        for now in INSTANTS:
            feeds = week_of_feeds(now, random.Random(42))
            kinds = [values["kind"] for _, values in feeds]
            assert {"breast", "pump", "bottle"} <= set(kinds), (zone, now)
            assert kinds.count("pump") >= 6, (zone, now)
            assert len(feeds) >= 7 * 6, (zone, now)
            starts = [values["started_at"] for _, values in feeds]
            assert starts == sorted(starts)
            assert now - timedelta(days=7) <= starts[0]
            assert starts[-1] <= now - timedelta(hours=1)
            for (_, earlier), (_, later) in itertools.pairwise(feeds):
                assert earlier["ended_at"] < later["started_at"], (zone, now)


@pytest.mark.parametrize(
    ("zone", "now"),
    [
        ("UTC", datetime(2026, 3, 31, 7, 30, tzinfo=UTC)),
        ("Pacific/Chatham", datetime(2026, 3, 31, 19, 50, tzinfo=UTC)),
    ],
)
def test_the_command_seeds_every_kind_at_a_pinned_time(settings, zone, now):
    settings.DEBUG = True
    settings.TIME_ZONE = zone
    with mock.patch("django.utils.timezone.now", return_value=now):
        call_command("seed_demo", stdout=StringIO())
    assert set(Feed.objects.values_list("kind", flat=True)) == {"breast", "pump", "bottle"}
    assert Baby.objects.get().birth_date == now.astimezone(ZoneInfo(zone)).date() - timedelta(
        weeks=6
    )
