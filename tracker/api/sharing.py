"""
Sharing a baby: /api/v1/babies/{id}/invites/, .../caregivers/, .../caregivers/{user_id}/
and /api/v1/invites/accept/. The rules are ``tracker.sharing``'s.

Contract (docs/api-contract.md, "Babies and caregivers"):
- Everyone with access lists the caregivers. Only the owner invites (403
  for anyone else).
- ``DELETE .../caregivers/{user_id}/``: the owner removes anyone but
  themselves (400); a caregiver removes only themselves (leaving); a user id
  without access to the baby is 404.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.api.babies import BabyQueries
from tracker.api.permissions import Action
from tracker.api.schema import ValidationErrorBody, error
from tracker.models import Caregiver
from tracker.serializers import (
    AcceptInviteSerializer,
    BabySerializer,
    CaregiverSerializer,
    InviteSerializer,
)
from tracker.sharing import accept_invite, create_invite, remove_caregiver


def _removal(view) -> Action:
    """Removing oneself is leaving; removing anyone else needs more."""
    own = int(view.kwargs["user_id"]) == view.request.user.pk
    return Action.LEAVE if own else Action.REMOVE_OTHERS


class SharingViewSet(BabyQueries, viewsets.GenericViewSet):
    """The routes of one baby's sharing; ``tracker/api/urls.py`` maps them."""

    needs = {"invites": Action.MANAGE, "remove_caregiver": _removal}

    @extend_schema(request=None, responses={201: InviteSerializer})
    def invites(self, request, pk=None):
        invite = create_invite(user=request.user, baby=self.get_object())
        return Response(InviteSerializer(invite).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=CaregiverSerializer(many=True))
    def caregivers(self, request, pk=None):
        baby = self.get_object()
        links = Caregiver.objects.filter(baby=baby).select_related("user").order_by("created_at")
        return Response(CaregiverSerializer(links, many=True).data)

    # 400: the owner cannot leave their own baby.
    @extend_schema(request=None, responses={204: None, 400: error(400, ValidationErrorBody)})
    def remove_caregiver(self, request, pk=None, user_id=None):
        remove_caregiver(baby=self.get_object(), user_id=int(user_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AcceptInviteView(APIView):
    @extend_schema(request=AcceptInviteSerializer, responses=BabySerializer)
    def post(self, request):
        serializer = AcceptInviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        baby = accept_invite(user=request.user, code=serializer.validated_data["code"])
        return Response(BabySerializer(baby).data)
