"""
Babies and sharing: /api/v1/babies/..., /api/v1/invites/accept/.

Contract (docs/api-contract.md, "Babies and caregivers"):
- A baby the user neither owns nor cares for answers 404, exactly as a
  missing one; every query starts from the user's own babies.
- Everyone with access reads the baby and its caregivers. Only the owner
  renames it (PATCH), invites, or deletes it: a caregiver gets 403 (they know
  the baby exists, so 403 reveals nothing).
- ``DELETE .../caregivers/{user_id}/``: the owner removes anyone but
  themselves (400); a caregiver removes only themselves (leaving).
- Deleting a baby deletes its feeds, caregivers and invites.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.models import Baby, Caregiver, Role
from tracker.serializers import (
    AcceptInviteSerializer,
    BabySerializer,
    CaregiverSerializer,
    InviteSerializer,
    as_drf_error,
)
from tracker.sharing import accept_invite, create_baby, create_invite, remove_caregiver

OWNER_ONLY = "Only the baby's owner can do this."


class BabyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = BabySerializer
    # A family has a handful of babies: the list is not paginated.
    pagination_class = None
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Baby.objects.none()
        return Baby.objects.with_role(self.request.user)

    def _owned_object(self) -> Baby:
        baby = self.get_object()
        if baby.role != Role.OWNER:
            raise PermissionDenied(OWNER_ONLY)
        return baby

    def perform_create(self, serializer):
        try:
            serializer.instance = create_baby(user=self.request.user, **serializer.validated_data)
        except DjangoValidationError as error:
            raise as_drf_error(error) from error

    def update(self, request, *args, **kwargs):
        baby = self._owned_object()
        serializer = self.get_serializer(baby, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        for name, value in serializer.validated_data.items():
            setattr(baby, name, value)
        # Only these columns: a full save would write back a stale write_seq
        # while a feed write for this baby is taking the next one.
        baby.save(update_fields=[*serializer.validated_data, "updated_at"])
        return Response(self.get_serializer(baby).data)

    def destroy(self, request, *args, **kwargs):
        baby = self._owned_object()
        with transaction.atomic():
            baby.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={201: InviteSerializer})
    @action(detail=True, methods=["post"])
    def invites(self, request, pk=None):
        invite = create_invite(user=request.user, baby=self._owned_object())
        return Response(InviteSerializer(invite).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=CaregiverSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def caregivers(self, request, pk=None):
        baby = self.get_object()
        links = Caregiver.objects.filter(baby=baby).select_related("user").order_by("created_at")
        return Response(CaregiverSerializer(links, many=True).data)

    @extend_schema(request=None, responses={204: None})
    # At most 18 digits: a larger number cannot be a user id, and would overflow
    # the database's integer instead of answering 404.
    @action(detail=True, methods=["delete"], url_path=r"caregivers/(?P<user_id>\d{1,18})")
    def remove_caregiver(self, request, pk=None, user_id=None):
        baby = self.get_object()
        if baby.role != Role.OWNER and int(user_id) != request.user.pk:
            raise PermissionDenied("A caregiver can only remove themselves.")
        try:
            remove_caregiver(baby=baby, user_id=int(user_id))
        except Caregiver.DoesNotExist as error:
            raise NotFound from error
        except DjangoValidationError as error:
            raise as_drf_error(error) from error
        return Response(status=status.HTTP_204_NO_CONTENT)


class AcceptInviteView(APIView):
    @extend_schema(request=AcceptInviteSerializer, responses=BabySerializer)
    def post(self, request):
        serializer = AcceptInviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            baby = accept_invite(user=request.user, code=serializer.validated_data["code"])
        except DjangoValidationError as error:
            raise as_drf_error(error) from error
        return Response(BabySerializer(baby).data)


def visible_baby(user, baby_id) -> Baby:
    """The user's baby with its role, or 404 for a missing or foreign one."""
    return get_object_or_404(Baby.objects.with_role(user), pk=baby_id)
