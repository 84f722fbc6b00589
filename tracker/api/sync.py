"""
Sync: HTTP in and out of ``tracker.sync`` and ``tracker.sync_pull`` (docs/sync.md).

- ``POST /api/v1/sync/push/``: the envelope is checked here (size first, before
  the body is parsed; then ``device_id``, at most 100 mutations with
  consecutive seqs, known ``op`` and ``entity``). A bad envelope is a 400 (413
  for the size limits) naming the field, and nothing is applied. Answers 200
  with the results, 409 ``{"last_seq"}`` on a seq gap, 403 ``{"device_id"}``
  for a device id of another account.
- ``GET /api/v1/sync/pull/?cursor=&limit=``: a bad ``limit`` or ``cursor`` is a
  400 naming it.
"""

from django.core.exceptions import RequestDataTooBig
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from letdown_project.parsers import SafeJSONParser
from tracker.api.schema import DetailBody, ValidationErrorBody, either
from tracker.serializers import (
    BabySerializer,
    StrictChoiceField,
    StrictFields,
    StrictIntegerField,
    StrictUUIDField,
)
from tracker.sync import MAX_MUTATIONS, MAX_PUSH_BYTES, Mutation, Op, Status, push
from tracker.sync_pull import DEFAULT_LIMIT, MAX_LIMIT, pull

# Seqs and versions travel through JavaScript numbers: keep them exact there.
_MAX_INT = 2**53 - 1
TOO_BIG = f"A push is at most {MAX_PUSH_BYTES // 1024} KiB; send the outbox in smaller pushes."
TOO_MANY = f"At most {MAX_MUTATIONS} mutations per push; send the rest in the next push."


class MutationInput(StrictFields, serializers.Serializer):
    seq = StrictIntegerField(min_value=1, max_value=_MAX_INT)
    op = StrictChoiceField(choices=Op.choices)
    entity = StrictChoiceField(choices=["feed"])
    id = StrictUUIDField()
    base_version = StrictIntegerField(
        min_value=1, max_value=_MAX_INT, allow_null=True, required=False, default=None
    )
    # Type-checked field by field when the mutation is applied: a bad value
    # there rejects this mutation only, not the whole push.
    data = serializers.JSONField(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        if attrs["op"] == Op.UPSERT and not isinstance(attrs["data"], dict):
            message = "An upsert needs an object of fields."
            raise ValidationError({"data": [ErrorDetail(message, "not_an_object")]})
        return attrs


class PushInput(StrictFields, serializers.Serializer):
    device_id = StrictUUIDField()
    mutations = MutationInput(many=True, allow_empty=True)

    def validate_mutations(self, mutations):
        seqs = [m["seq"] for m in mutations]
        if seqs and seqs != list(range(seqs[0], seqs[0] + len(seqs))):
            message = "The mutations of a push carry consecutive seqs."
            raise ValidationError([ErrorDetail(message, "not_consecutive")])
        return mutations


class PullInput(serializers.Serializer):
    cursor = serializers.CharField(required=False, allow_blank=True, max_length=8192)
    limit = serializers.IntegerField(
        min_value=1, max_value=MAX_LIMIT, required=False, default=DEFAULT_LIMIT
    )


class PushResultOutput(serializers.Serializer):
    seq = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Status.choices)
    # On a duplicate: what happened when the seq was first processed.
    original_status = serializers.ChoiceField(
        choices=[Status.APPLIED, Status.CONFLICT, Status.REJECTED],
        required=False,
        allow_null=True,
        help_text="On a duplicate; null when its receipt was cleaned up.",
    )
    version = serializers.IntegerField(allow_null=True)
    record = serializers.JSONField(allow_null=True, help_text="The feed, or a tombstone.")
    errors = serializers.JSONField(allow_null=True, help_text="Messages by field.")
    overwritten = serializers.JSONField(required=False, help_text="On conflict: replaced values.")


class PushOutput(serializers.Serializer):
    last_seq = serializers.IntegerField()
    results = PushResultOutput(many=True)


class SeqGapOutput(serializers.Serializer):
    last_seq = serializers.IntegerField()
    detail = serializers.CharField()


class DeviceRefusedOutput(serializers.Serializer):
    device_id = serializers.ListField(child=serializers.CharField())


class TooManyOutput(serializers.Serializer):
    mutations = serializers.ListField(child=serializers.CharField())


class PullOutput(serializers.Serializer):
    changes = serializers.ListField(child=serializers.JSONField())
    babies = BabySerializer(many=True)
    cursor = serializers.CharField()
    has_more = serializers.BooleanField()


def _too_big(request) -> bool:
    """Refuse an oversized body before parsing it (a missing length is measured)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_PUSH_BYTES:
        return True
    try:
        return len(request.body) > MAX_PUSH_BYTES
    except RequestDataTooBig:
        return True


class SyncPushView(APIView):
    # JSON only, through the project's parser (a clean 400 for absurd nesting).
    parser_classes = [SafeJSONParser]

    @extend_schema(
        request=PushInput,
        responses={
            200: PushOutput,
            400: OpenApiResponse(
                ValidationErrorBody, description="The envelope is malformed; errors by field."
            ),
            403: OpenApiResponse(
                either("PushRefused", DetailBody, DeviceRefusedOutput),
                description="Not signed in, or the device id belongs to another account.",
            ),
            409: SeqGapOutput,
            413: OpenApiResponse(
                either("PushTooBig", DetailBody, TooManyOutput),
                description="Over 100 mutations or 256 KiB.",
            ),
        },
    )
    def post(self, request):
        if _too_big(request):
            return Response({"detail": TOO_BIG}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        raw = request.data.get("mutations") if isinstance(request.data, dict) else None
        if isinstance(raw, list) and len(raw) > MAX_MUTATIONS:
            return Response(
                {"mutations": [TOO_MANY]}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
            )
        envelope = PushInput(data=request.data)
        envelope.is_valid(raise_exception=True)
        device_id = envelope.validated_data["device_id"]
        mutations = [
            Mutation(m["seq"], Op(m["op"]), m["id"], m["base_version"], m["data"])
            for m in envelope.validated_data["mutations"]
        ]
        # A seq gap (409) and a device of another account (403) are answered
        # by tracker/api/errors.py.
        outcome = push(user=request.user, device_id=device_id, mutations=mutations)
        return Response({"last_seq": outcome.last_seq, "results": outcome.results})


class SyncPullView(APIView):
    @extend_schema(
        parameters=[PullInput],
        responses={
            200: PullOutput,
            400: OpenApiResponse(
                ValidationErrorBody, description="A bad limit or cursor; errors by field."
            ),
        },
    )
    def get(self, request):
        query = PullInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        # A cursor that is not this account's is a 400 (tracker/api/errors.py).
        page = pull(
            user=request.user,
            cursor=query.validated_data.get("cursor") or None,
            limit=query.validated_data["limit"],
        )
        return Response(
            {
                "changes": page.changes,
                "babies": page.babies,
                "cursor": page.cursor,
                "has_more": page.has_more,
            }
        )
