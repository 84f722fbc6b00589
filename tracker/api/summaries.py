"""
Daily summaries: GET /api/v1/babies/{id}/summary/?from=&to=&tz=.

The query (``SummaryQuery``): ``from`` and ``to`` are ISO dates (1900..2999),
``to`` not before ``from``, at most 366 days; both default to the last 7 days
ending today in ``tz`` (an IANA zone name, default UTC). A bad one is a 400
naming it. The rows are ``tracker.summaries``'s.
"""

from datetime import timedelta

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.api import permissions
from tracker.api.queries import IsoDateField, TimeZoneField
from tracker.summaries import (
    DEFAULT_DAYS,
    EARLIEST,
    LATEST,
    MAX_DAYS,
    SummarySerializer,
    daily_rows,
    last_feed,
)


class SummaryQuery(serializers.Serializer):
    to = IsoDateField(
        earliest=EARLIEST, latest=LATEST, help_text="Last day (default: today in `tz`)"
    )
    tz = TimeZoneField(help_text="IANA time zone (default: UTC)")

    def get_fields(self):
        # "from" is a Python keyword, so it cannot be a class attribute.
        first = IsoDateField(
            earliest=EARLIEST, latest=LATEST, help_text="First day (default: 6 days before `to`)"
        )
        return {"from": first, **super().get_fields()}

    def validate(self, attrs):
        zone = attrs["tz"]
        last = attrs.get("to") or timezone.now().astimezone(zone).date()
        first = attrs.get("from") or last - timedelta(days=DEFAULT_DAYS - 1)
        if first > last:
            raise ValidationError({"to": ["The end date must not be before the start date."]})
        if (last - first).days + 1 > MAX_DAYS:
            raise ValidationError({"to": [f"At most {MAX_DAYS} days per call."]})
        return {"first": first, "to": last, "tz": zone}


class SummaryView(APIView):
    @extend_schema(parameters=[SummaryQuery], responses=SummarySerializer)
    def get(self, request, pk):
        baby = get_object_or_404(permissions.babies(request.user), pk=pk)
        query = SummaryQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        first, last, zone = (query.validated_data[name] for name in ("first", "to", "tz"))
        summary = {
            "first": first,
            "to": last,
            "tz": zone.key,
            "days": daily_rows(baby.pk, first, last, zone),
            "last_feed": last_feed(baby.pk),
        }
        return Response(SummarySerializer(summary).data)
