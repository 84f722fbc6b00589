"""
Seeded data for benchmarks and load tests, written straight to the database.

Contract (call after django.setup() against the benchmark database):
- `account(username)` -> (user, token key): a user with an API token, made
  directly so no sign-in request spends the server's sign-in rate limit.
- `browser_session(user)` -> (session cookie, CSRF secret): what a phone that
  signed in earlier holds: a Django session of the configured engine (the
  servers share its database) and a CSRF cookie value; the PWA signs its API
  requests with these, not with a token.
- `baby_for(owner, *caregivers)` -> a baby the owner shares with caregivers.
- `bulk_feeds(baby, user, count)` writes `count` finished breast feeds, one
  every 30 minutes back from now, stamped with consecutive write sequence
  numbers exactly as tracker.writes would (derived totals included). On
  PostgreSQL the rows are generated inside the database (one INSERT ...
  SELECT over generate_series, columns taken from a Feed built the normal
  way); elsewhere bulk_create. Seeding 100k feeds through the API, or even
  with bulk_create, would take longer than the benchmark itself.
- `feed_payload(baby_id, started_at)` -> a feed as a client sends it.
"""

import uuid
from datetime import UTC, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db import connection, transaction
from django.db.models import F
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token

from tracker.models import WRITABLE_FEED_FIELDS, Baby, Caregiver, Feed, Role

BATCH = 5000
SPACING = timedelta(minutes=30)


def account(username: str):
    user = get_user_model().objects.create_user(username, password=uuid.uuid4().hex)
    return user, Token.objects.create(user=user).key


def browser_session(user) -> tuple[str, str]:
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    # Django accepts an unmasked 32-character secret as the CSRF cookie and header.
    return session.session_key, get_random_string(32)


def baby_for(owner, *caregivers, name: str = "Robin") -> Baby:
    baby = Baby.objects.create(name=name)
    Caregiver.objects.create(baby=baby, user=owner, role=Role.OWNER)
    for user in caregivers:
        Caregiver.objects.create(baby=baby, user=user, role=Role.CAREGIVER)
    return baby


def iso(moment: datetime) -> str:
    # The stored form of segment times (tracker/segments.py): UTC with a "Z".
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def feed_payload(baby_id, started_at: datetime, feed_id=None) -> dict:
    """A 15-minute breast feed, 9 min left then 6 min right, as the app sends it."""
    switch, ended = started_at + timedelta(minutes=9), started_at + timedelta(minutes=15)
    payload = {
        "baby": str(baby_id),
        "kind": "breast",
        "started_at": iso(started_at),
        "ended_at": iso(ended),
        "segments": [
            {"side": "left", "started_at": iso(started_at), "ended_at": iso(switch)},
            {"side": "right", "started_at": iso(switch), "ended_at": iso(ended)},
        ],
        "letdown_count": 2,
        "signs": ["swallowing", "relaxation"],
        "notes": "",
    }
    if feed_id is not None:
        payload["id"] = str(feed_id)
    return payload


def _feed_row(baby: Baby, user, started_at: datetime, seq: int) -> Feed:
    values = feed_payload(baby.pk, started_at)
    feed = Feed(
        id=uuid.uuid4(),
        baby=baby,
        kind=values["kind"],
        started_at=started_at,
        ended_at=started_at + timedelta(minutes=15),
        segments=values["segments"],
        letdown_count=values["letdown_count"],
        signs=values["signs"],
        notes="",
        version=1,
        field_versions=dict.fromkeys(WRITABLE_FEED_FIELDS, 1),
        change_seq=seq,
        created_by=user,
        updated_by=user,
    )
    feed.derive_totals()
    return feed


ISO_SQL = """to_char(({}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
START, SWITCH, END = "s.t", "s.t + interval '9 minutes'", "s.t + interval '15 minutes'"
SEGMENT_SQL = "jsonb_build_object('side', '{side}', 'started_at', {start}, 'ended_at', {end})"
SEGMENTS_SQL = "jsonb_build_array({}, {})".format(
    SEGMENT_SQL.format(side="left", start=ISO_SQL.format(START), end=ISO_SQL.format(SWITCH)),
    SEGMENT_SQL.format(side="right", start=ISO_SQL.format(SWITCH), end=ISO_SQL.format(END)),
)
# Columns that differ per row, as SQL over n (1..count) and s.t (the start time).
VARYING_SQL = {
    "id": "gen_random_uuid()",
    "started_at": "s.t",
    "ended_at": "s.t + interval '15 minutes'",
    "segments": SEGMENTS_SQL,
    "change_seq": "%s + n",
    "created_at": "now()",
    "updated_at": "now()",
}


def _insert_in_database(baby: Baby, user, count: int, first_seq: int, newest: datetime) -> None:
    template = _feed_row(baby, user, newest, 0)
    columns, expressions, params = [], [], []
    for field in Feed._meta.concrete_fields:
        columns.append(connection.ops.quote_name(field.column))
        if field.name == "change_seq":
            expressions.append(VARYING_SQL["change_seq"])
            params.append(first_seq)
        elif field.name in VARYING_SQL:
            expressions.append(VARYING_SQL[field.name])
        else:
            expressions.append("%s")
            params.append(field.get_db_prep_save(getattr(template, field.attname), connection))
    # Only names from the model and the constant SQL above are interpolated.
    sql = (
        f"INSERT INTO {Feed._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(expressions)} FROM generate_series(1, %s) AS n, "
        "LATERAL (SELECT %s::timestamptz - (n - 1) * interval '30 minutes' AS t) AS s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, count, newest])


def bulk_feeds(baby: Baby, user, count: int) -> None:
    newest = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    with transaction.atomic():
        first = (
            Baby.objects.select_for_update().values_list("write_seq", flat=True).get(pk=baby.pk)
        )
        if count and connection.vendor == "postgresql":
            _insert_in_database(baby, user, count, first, newest)
        for start in range(0, count if connection.vendor != "postgresql" else 0, BATCH):
            rows = [
                _feed_row(baby, user, newest - SPACING * n, first + n + 1)
                for n in range(start, min(start + BATCH, count))
            ]
            Feed.objects.bulk_create(rows)
        Baby.objects.filter(pk=baby.pk).update(write_seq=F("write_seq") + count)
