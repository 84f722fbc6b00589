"""
Report links: /api/v1/babies/{id}/report-links/ (docs/api-contract.md, Report links).

- The roles allowed ``share_report`` (owner and caregiver) make, list and
  revoke a baby's links; a baby the user cannot see answers 404, exactly as
  a missing one, and a role that may not share it 403.
- POST answers 201 with the link's `url`: the only time its secret is shown.
- DELETE revokes (the row stays, so the page can say the link was withdrawn).
"""

from datetime import timedelta

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.models import ReportLink, new_secret, secret_hash
from reports.serializers import (
    ReportLinkCreatedSerializer,
    ReportLinkCreateSerializer,
    ReportLinkSerializer,
)
from tracker.api.permissions import Action, babies, require
from tracker.models import Baby


def shared_baby(user, baby_id) -> Baby:
    """The baby, when ``user`` may share its report (tracker/api/permissions.py):
    404 when they cannot see it, 403 when their role may not share."""
    baby = babies(user).filter(pk=baby_id).first()
    if baby is None:
        raise NotFound("No such baby.")
    require(user, baby.pk, Action.SHARE_REPORT)
    return baby


class ReportLinkListView(APIView):
    serializer_class = ReportLinkSerializer

    @extend_schema(responses=ReportLinkSerializer(many=True))
    def get(self, request, baby_id):
        baby = shared_baby(request.user, baby_id)
        links = ReportLink.objects.filter(baby=baby).select_related("created_by")
        return Response(ReportLinkSerializer(links, many=True).data)

    @extend_schema(
        request=ReportLinkCreateSerializer, responses={201: ReportLinkCreatedSerializer}
    )
    def post(self, request, baby_id):
        baby = shared_baby(request.user, baby_id)
        incoming = ReportLinkCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values, secret = incoming.validated_data, new_secret()
        link = ReportLink.objects.create(
            baby=baby,
            created_by=request.user,
            secret_hash=secret_hash(secret),
            first_day=values["from"],
            last_day=values["to"],
            time_zone=values.get("tz", "UTC"),
            expires_at=timezone.now() + timedelta(hours=values["expires_in_hours"]),
        )
        url = request.build_absolute_uri(reverse("reports:page", args=[secret]))
        answer = ReportLinkCreatedSerializer(link, context={"url": url}).data
        return Response(answer, status=status.HTTP_201_CREATED)


class ReportLinkDetailView(APIView):
    serializer_class = ReportLinkSerializer  # what the schema names the resource by

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, baby_id, link_id):
        baby = shared_baby(request.user, baby_id)
        with transaction.atomic():
            link = get_object_or_404(ReportLink.objects.select_for_update(), pk=link_id, baby=baby)
            if link.revoked_at is None:
                link.revoked_at = timezone.now()
                link.save(update_fields=["revoked_at"])
        return Response(status=status.HTTP_204_NO_CONTENT)
