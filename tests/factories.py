"""factory_boy factories shared by the whole suite."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model

PASSWORD = "a-long-test-passphrase-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"parent{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BabyFactory(factory.django.DjangoModelFactory):
    """A baby with an owner (pass ``owner=user``, or one is made)."""

    class Meta:
        model = "tracker.Baby"
        skip_postgeneration_save = True

    name = factory.Iterator(["Robin", "Ada", "Noor", "Kit", "Mika"])

    @factory.post_generation
    def owner(baby, create, extracted, **kwargs):
        from tracker.models import Caregiver, Role

        if create:
            Caregiver.objects.create(baby=baby, user=extracted or UserFactory(), role=Role.OWNER)


def add_caregiver(baby, user):
    from tracker.models import Caregiver, Role

    return Caregiver.objects.create(baby=baby, user=user, role=Role.CAREGIVER)


class FeedFactory(factory.Factory):
    """Feeds are made through tracker.writes, as the API and sync make them.

    ``FeedFactory(baby=b)`` writes as the baby's owner; pass ``user=`` to write as
    someone else. Defaults: a 15-minute breast feed an hour ago, left then right.
    """

    class Meta:
        model = dict

    baby = factory.SubFactory(BabyFactory)
    kind = "breast"
    started_at = factory.LazyFunction(lambda: _now() - timedelta(hours=1))
    ended_at = factory.LazyAttribute(lambda o: o.started_at + timedelta(minutes=15))
    segments = factory.LazyAttribute(
        lambda o: (
            [
                {"side": "left", "started_at": o.started_at, "ended_at": _mid(o)},
                {"side": "right", "started_at": _mid(o), "ended_at": o.ended_at},
            ]
            if o.kind in ("breast", "pump") and o.ended_at
            else []
        )
    )

    @classmethod
    def _create(cls, model_class, user=None, feed_id=None, **values):
        from tracker.models import Caregiver, Role
        from tracker.writes import write_feed

        baby = values["baby"]
        if user is None:
            user = Caregiver.objects.get(baby=baby, role=Role.OWNER).user
        values["segments"] = [
            {**s, "started_at": _iso(s["started_at"]), "ended_at": _iso(s["ended_at"])}
            for s in values.get("segments", [])
        ]
        return write_feed(user=user, feed_id=feed_id, values=values).feed

    _build = _create


def _now():
    from django.utils import timezone

    return timezone.now().replace(microsecond=0)


def _mid(o):
    return o.started_at + (o.ended_at - o.started_at) / 2


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
