"""
Export: GET /api/v1/export/?format=csv|json, a download of everything the
user can see.

Contract: every baby the user owns or cares for, and every feed of those
babies that is not deleted, oldest first. ``format`` defaults to ``json``;
anything else than csv/json is a 400 naming ``format``. The answer is an
attachment (``letdown-export-YYYY-MM-DD.json|csv``), streamed so a long log
does not sit in memory.

- JSON: ``{"exported_at", "username", "babies": [baby fields + role],
  "feeds": [feed fields as in the API]}``.
- CSV: one row per feed; the baby's name beside its id, segments as JSON
  text, signs joined by ``;``, and ``letdowns_local``: each let-down's
  wall-clock time in the zone (``HH:MM:SS``, with `` 30 ml`` on a pump),
  joined by ``;``. Times are UTC (ISO 8601) as in the API, and
  beside them in the phone's zone: ``?tz=Europe/London`` (IANA name, default
  UTC; an unknown one is a 400 naming ``tz``) gives ``started_at_local`` /
  ``ended_at_local`` as ``YYYY-MM-DD HH:MM:SS`` wall-clock time there, and a
  ``time_zone`` column naming the zone, so a paediatrician reads the times the
  parent lived. The file's date is today in that zone too. A cell a
  spreadsheet would read as a formula (= + - @ first, also after leading
  spaces or line breaks, or a tab/CR first) is prefixed with ``'`` (CSV
  injection); the JSON export carries the text as written.

DRF reads ``?format=`` to pick a renderer; this view answers with its own
response, so negotiation here only shapes error bodies (always JSON).
"""

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from io import StringIO
from itertools import islice
from zoneinfo import ZoneInfo

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from tracker.api import permissions
from tracker.api.queries import QueryChoiceField, TimeZoneField
from tracker.serializers import BabySerializer, FeedSerializer

CSV_COLUMNS = [
    "id",
    "baby",
    "baby_name",
    "kind",
    "started_at",
    "ended_at",
    "time_zone",
    "started_at_local",
    "ended_at_local",
    "duration_seconds",
    "left_seconds",
    "right_seconds",
    "first_side",
    "last_side",
    "letdown_count",
    "letdowns_local",
    "signs",
    "left_ml",
    "right_ml",
    "amount_ml",
    "milk_type",
    "notes",
    "segments",
    "version",
    "created_at",
    "updated_at",
]
FORMULA_STARTS = ("=", "+", "-", "@")
# Spreadsheets skip leading blanks before deciding a cell is a formula, and
# read a cell starting with a tab or carriage return as one in some versions.
CONTROL_STARTS = ("\t", "\r")
LOCAL_FORMAT = "%Y-%m-%d %H:%M:%S"


class JSONOnlyNegotiation(BaseContentNegotiation):
    """Ignore ``?format=``: it names the export's format, not a DRF renderer."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _feeds(user) -> Iterator[dict]:
    """Each live feed as the API renders it, oldest first, read 1000 at a time."""
    feeds = permissions.feeds(user).live().order_by("started_at", "id")
    rows = feeds.iterator(chunk_size=1000)
    # Serialised a thousand at a time: one serializer per feed would cost ten
    # times as much (every serializer copies its fields).
    while chunk := list(islice(rows, 1000)):
        yield from FeedSerializer(chunk, many=True).data


class ExportEncoder(DjangoJSONEncoder):
    """Decimals as JSON numbers, as the API renders them."""

    def default(self, o):
        return float(o) if isinstance(o, Decimal) else super().default(o)


def _json_chunks(user, zone: ZoneInfo) -> Iterator[str]:
    babies = BabySerializer(permissions.babies(user), many=True).data
    head = {"exported_at": timezone.now(), "username": user.get_username(), "babies": babies}
    encoder = ExportEncoder()
    yield encoder.encode(head)[:-1] + ', "feeds": ['
    for index, feed in enumerate(_feeds(user)):
        yield ("," if index else "") + encoder.encode(feed)
    yield "]}\n"


def _safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(CONTROL_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _local(value: str | None, zone: ZoneInfo) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(zone).strftime(LOCAL_FORMAT)


def _letdown_cell(letdown: dict, zone: ZoneInfo) -> str:
    """A let-down as a parent reads it: its local clock time, and the ml when pumped."""
    at = datetime.fromisoformat(letdown["at"]).astimezone(zone).strftime("%H:%M:%S")
    return at if letdown.get("ml") is None else f"{at} {letdown['ml']} ml"


def _csv_row(feed: dict, names: dict, zone: ZoneInfo) -> list[str]:
    cells = {
        **feed,
        "time_zone": zone.key,
        "started_at_local": _local(feed["started_at"], zone),
        "ended_at_local": _local(feed["ended_at"], zone),
        "baby_name": names.get(feed["baby"], ""),
        "letdowns_local": ";".join(_letdown_cell(item, zone) for item in feed["letdowns"]),
        "signs": ";".join(feed["signs"]),
        "segments": json.dumps(feed["segments"]),
    }
    return [_safe_cell(cells[column]) for column in CSV_COLUMNS]


def _csv_chunks(user, zone: ZoneInfo) -> Iterator[str]:
    names = {str(pk): name for pk, name in permissions.babies(user).values_list("pk", "name")}
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for feed in _feeds(user):
        writer.writerow(_csv_row(feed, names, zone))
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


FORMATS = {
    "json": ("application/json", _json_chunks),
    "csv": ("text/csv; charset=utf-8", _csv_chunks),
}


class ExportQuery(serializers.Serializer):
    format = QueryChoiceField(choices=list(FORMATS), default="json", message="Choose csv or json.")
    tz = TimeZoneField(help_text="IANA zone of the CSV's local times (UTC)")


class ExportView(APIView):
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnlyNegotiation

    @extend_schema(
        parameters=[ExportQuery],
        responses={(200, "application/json"): OpenApiTypes.OBJECT, (200, "text/csv"): str},
    )
    def get(self, request):
        query = ExportQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        chosen, zone = query.validated_data["format"], query.validated_data["tz"]
        content_type, chunks = FORMATS[chosen]
        response = StreamingHttpResponse(chunks(request.user, zone), content_type=content_type)
        filename = f"letdown-export-{timezone.now().astimezone(zone):%Y-%m-%d}.{chosen}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response
