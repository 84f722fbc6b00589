"""The caller's devices: ``GET auth/devices/`` lists them; ``DELETE auth/devices/{id}/``
revokes one (its token answers 401 at once, its browser session ends)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.accounts import schema  # noqa: F401 - registers the session scheme
from tracker.accounts.credentials import current_device_id, revoke
from tracker.models import Device


class DeviceSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField()

    class Meta:
        model = Device
        fields = ["id", "name", "created_at", "last_used_at", "current"]

    def get_current(self, device) -> bool:
        return str(device.pk) == str(self.context["current"])


class DeviceListView(APIView):
    @extend_schema(responses=DeviceSerializer(many=True))
    def get(self, request):
        devices = Device.objects.filter(user=request.user)
        context = {"current": current_device_id(request)}
        return Response(DeviceSerializer(devices, many=True, context=context).data)


class DeviceView(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        devices = Device.objects.filter(user=request.user, pk=pk)
        if not devices.exists():
            raise NotFound()
        revoke(devices)
        return Response(status=status.HTTP_204_NO_CONTENT)
