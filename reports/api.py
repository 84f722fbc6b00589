"""
Report links: /api/v1/babies/{id}/report-links/ (docs/api-contract.md, Report links).

- The owner and caregivers of a baby make, list and revoke its links; a baby
  the user cannot see answers 404, exactly as a missing one.
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
from tracker.models import Baby, Role

# Who may share a baby's days with a professional (a read-only role may not).
SHARING_ROLES = frozenset({Role.OWNER, Role.CAREGIVER})


def shared_baby(user, baby_id) -> Baby:
    baby = Baby.objects.with_role(user).filter(pk=baby_id).first()
    if baby is None or baby.role not in SHARING_ROLES:
        raise NotFound("No such baby.")
    return baby


class ReportLinkListView(APIView):
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
    @extend_schema(responses={204: None})
    def delete(self, request, baby_id, link_id):
        baby = shared_baby(request.user, baby_id)
        with transaction.atomic():
            link = get_object_or_404(ReportLink.objects.select_for_update(), pk=link_id, baby=baby)
            if link.revoked_at is None:
                link.revoked_at = timezone.now()
                link.save(update_fields=["revoked_at"])
        return Response(status=status.HTTP_204_NO_CONTENT)
