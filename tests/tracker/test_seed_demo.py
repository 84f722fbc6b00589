"""manage.py seed_demo: a demo account with a week of feeds, once."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

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
