"""Report links on the wire: what a parent sends to make one, and what they see of it."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from reports.models import ReportLink
from tracker.rules import LATEST_ZONE_AHEAD, MAX_RANGE_DAYS, MAX_REPORT_LINK_HOURS
from tracker.serializers import StrictCharField, StrictFields, StrictIntegerField


class ReportLinkCreateSerializer(StrictFields, serializers.Serializer):
    # "from" is a Python keyword: the field is declared below under its wire name.
    to = serializers.DateField()
    expires_in_hours = StrictIntegerField(min_value=1, max_value=MAX_REPORT_LINK_HOURS)
    tz = StrictCharField(required=False, max_length=64)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField()
        return fields

    def validate_tz(self, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError) as error:
            raise serializers.ValidationError(
                "Unknown time zone; use a name like Europe/Berlin.", code="invalid_choice"
            ) from error
        return value

    def validate(self, attrs):
        first, last = attrs["from"], attrs["to"]
        errors = {}
        if last < first:
            errors["to"] = [
                ErrorDetail("The last day must not be before the first.", "ends_before_start")
            ]
        elif (last - first).days + 1 > MAX_RANGE_DAYS:
            errors["to"] = [
                ErrorDetail(f"A report covers at most {MAX_RANGE_DAYS} days.", "too_long")
            ]
        latest_today = (timezone.now() + LATEST_ZONE_AHEAD).date()
        if last > latest_today:
            errors.setdefault("to", []).append(
                ErrorDetail("The last day is in the future.", "in_future")
            )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ReportLinkSerializer(serializers.ModelSerializer):
    """A link as listed: never its secret, which only the answer that made it shows."""

    state = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)

    class Meta:
        model = ReportLink
        fields = [
            "id",
            "first_day",
            "last_day",
            "time_zone",
            "created_at",
            "expires_at",
            "state",
            "created_by",
        ]
        read_only_fields = fields

    def get_state(self, link: ReportLink) -> str:
        return link.state()

    def to_representation(self, link):
        data = super().to_representation(link)
        data["from"], data["to"], data["tz"] = (
            data.pop("first_day"), data.pop("last_day"), data.pop("time_zone"),
        )  # fmt: skip
        return data


class ReportLinkCreatedSerializer(ReportLinkSerializer):
    url = serializers.SerializerMethodField()

    class Meta(ReportLinkSerializer.Meta):
        fields = [*ReportLinkSerializer.Meta.fields, "url"]
        read_only_fields = fields

    def get_url(self, link) -> str:
        return self.context["url"]
