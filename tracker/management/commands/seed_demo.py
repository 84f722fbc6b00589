"""
``manage.py seed_demo``: a demo account with a week of realistic feeds.

Idempotent: the users, the baby and the partner's access are created when
missing; the week of feeds is written only when the demo baby has no feeds
yet, so running it again creates nothing more. Feeds go through
``write_feed`` as the app's would (the partner writes the bottles). The
password is fixed and printed: this is for a local demo, never production
(the command refuses to run with DEBUG off unless --force is given).
"""

import random
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from tracker.models import Baby, Caregiver, Role, Sign
from tracker.writes import write_feed

DEMO_USER, PARTNER_USER = "demo", "demo-partner"
DEMO_PASSWORD = "letdown-demo-2026"  # noqa: S105 - printed on purpose, local demo only
BABY_NAME = "Robin"


def _user(username: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.test"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _breast(rng: random.Random, start: datetime) -> dict:
    first, second = rng.choice([("left", "right"), ("right", "left")])
    one = timedelta(minutes=rng.randint(7, 15), seconds=rng.randint(0, 59))
    pause = timedelta(minutes=rng.randint(1, 3))
    two = timedelta(minutes=rng.randint(4, 12))
    segments = [
        {"side": first, "started_at": start, "ended_at": start + one},
        {"side": second, "started_at": start + one + pause, "ended_at": start + one + pause + two},
    ]
    letdowns = rng.choice([0, 1, 1, 2, 2, 3])
    signs = rng.sample(Sign.values, k=rng.randint(0, 3)) if letdowns else []
    return {
        "kind": "breast",
        "started_at": start,
        "ended_at": segments[-1]["ended_at"],
        "segments": [
            {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in s.items()}
            for s in segments
        ],
        "letdown_count": letdowns,
        "signs": signs,
    }


def _pump(rng: random.Random, start: datetime) -> dict:
    # A double electric pump: both sides at once, so no side segments.
    return {
        "kind": "pump",
        "started_at": start,
        "ended_at": start + timedelta(minutes=rng.randint(12, 20)),
        "letdown_count": rng.randint(1, 2),
        "signs": ["tingling"] if rng.random() < 0.5 else [],
        "left_ml": Decimal(rng.randint(30, 90)),
        "right_ml": Decimal(rng.randint(25, 85)),
        "notes": "Flow picked up after the let-down." if rng.random() < 0.3 else "",
    }


def _bottle(rng: random.Random, start: datetime) -> dict:
    return {
        "kind": "bottle",
        "started_at": start,
        "ended_at": start + timedelta(minutes=rng.randint(8, 15)),
        "amount_ml": Decimal(rng.choice([60, 70, 80, 90, 100])),
        "milk_type": rng.choice(["breast_milk", "breast_milk", "formula"]),
    }


# A day's routine, in local clock time: a breastfeed about every two and a
# half hours, the morning pump and the partner's evening bottle. Every day of
# the week follows it, so the week holds every kind of feed whatever the hour
# (or zone) the command runs at.
ROUTINE = (
    (time(1, 0), "breast"),
    (time(3, 40), "breast"),
    (time(7, 0), "pump"),
    (time(9, 30), "breast"),
    (time(12, 0), "breast"),
    (time(14, 30), "breast"),
    (time(17, 0), "breast"),
    (time(19, 30), "bottle"),
    (time(22, 0), "breast"),
)
MAKERS = {"breast": ("owner", _breast), "pump": ("owner", _pump), "bottle": ("partner", _bottle)}


def week_of_feeds(now: datetime, rng: random.Random) -> list[tuple[str, dict]]:
    """(writer, values) for the seven days up to an hour before ``now``, in the current zone."""
    zone = timezone.get_current_timezone()
    first, last = now - timedelta(days=7), now - timedelta(hours=1)
    today = timezone.localtime(now, zone).date()
    feeds = []
    for days_ago in range(8, -1, -1):
        day = today - timedelta(days=days_ago)
        for clock, kind in ROUTINE:
            # Up to 20 minutes either way: feeds stay well apart (the longest
            # lasts about 35 minutes, slots are 2.5 hours apart).
            jitter = timedelta(minutes=rng.randint(-20, 20))
            moment = datetime.combine(day, clock, tzinfo=zone) + jitter
            if not first <= moment <= last:
                continue
            writer, make = MAKERS[kind]
            feeds.append((writer, make(rng, moment.astimezone(UTC))))
    return feeds


class Command(BaseCommand):
    help = "Create the demo account (demo / demo-partner) with a week of feeds."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates a known password; use --force to run it here.")
        with transaction.atomic():
            owner, partner = _user(DEMO_USER), _user(PARTNER_USER)
            baby = Baby.objects.owned_by(owner).filter(name=BABY_NAME).first()
            if baby is None:
                baby = Baby.objects.create(
                    name=BABY_NAME, birth_date=timezone.localdate() - timedelta(weeks=6)
                )
                Caregiver.objects.create(baby=baby, user=owner, role=Role.OWNER)
            Caregiver.objects.get_or_create(
                baby=baby, user=partner, defaults={"role": Role.CAREGIVER}
            )
            written = 0
            if not baby.feeds.exists():
                now = timezone.now().replace(microsecond=0)
                writers = {"owner": owner, "partner": partner}
                for writer, values in week_of_feeds(now, random.Random(42)):
                    write_feed(
                        user=writers[writer], feed_id=None, values={"baby": baby.pk, **values}
                    )
                    written += 1
        self.stdout.write(
            f"Demo ready: sign in as '{DEMO_USER}' (partner: '{PARTNER_USER}'), "
            f"password '{DEMO_PASSWORD}'. {written} feeds written."
        )
