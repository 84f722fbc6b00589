"""
Babies: /api/v1/babies/ and /api/v1/babies/{id}/.

Contract (docs/api-contract.md, "Babies and caregivers"):
- A baby the user cannot see answers 404, exactly as a missing one; every
  query starts from ``permissions.babies(user)``.
- Everyone with access reads the baby. Only a role allowed to manage it (the
  owner) renames it (PATCH) or deletes it: anyone else gets 403 (they know the
  baby exists, so 403 reveals nothing).
- Deleting a baby deletes its feeds, caregivers and invites.
Sharing it (invites, caregivers) is ``tracker.api.sharing``.
"""

from django.db import transaction
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from tracker.api import permissions
from tracker.api.permissions import SIGNED_IN_ROLES, Action
from tracker.models import Baby
from tracker.serializers import BabySerializer
from tracker.sharing import create_baby


class BabyQueries:
    """A view of one baby: it starts from the babies the user can see."""

    permission_classes = SIGNED_IN_ROLES
    needs: dict = {}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Baby.objects.none()
        return permissions.babies(self.request.user)


class BabyViewSet(
    BabyQueries,
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
    needs = dict.fromkeys(["partial_update", "destroy"], Action.MANAGE)

    def perform_create(self, serializer):
        serializer.instance = create_baby(user=self.request.user, **serializer.validated_data)

    def update(self, request, *args, **kwargs):
        baby = self.get_object()
        serializer = self.get_serializer(baby, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        for name, value in serializer.validated_data.items():
            setattr(baby, name, value)
        # Only these columns: a full save would write back a stale write_seq
        # while a feed write for this baby is taking the next one.
        baby.save(update_fields=[*serializer.validated_data, "updated_at"])
        return Response(self.get_serializer(baby).data)

    def destroy(self, request, *args, **kwargs):
        baby = self.get_object()
        with transaction.atomic():
            baby.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
