"""
Feeds: /api/v1/feeds/ and /api/v1/feeds/{id}/.

Contract (docs/api-contract.md, "Feeds"), and what this module decides:
- Every write goes through ``tracker.writes``: the serializer type-checks,
  ``Feed.clean()`` judges, and its errors come back as 400s naming the field.
- POST may carry a client-chosen ``id``; an id already in use is a 400 naming
  ``id`` (also when another account's feed holds it: the id cannot be used
  either way, and a random UUID cannot be guessed).
- PUT replaces the whole feed: optional fields left out go back to their
  defaults (``FEED_DEFAULTS``). PATCH changes only the fields sent.
  Neither takes a ``base_version``: the REST API is last-writer-wins; the
  sync protocol is where field-level merging happens.
- A foreign, missing or deleted feed is 404 for every method.
- List: newest first (``-started_at, -id``), cursor pagination, 50 per page
  by default, ``limit`` 1..200 (larger values are capped at 200). Filters:
  ``baby``, ``kind``, ``started_after`` (inclusive, >=), ``started_before``
  (exclusive, <), so consecutive windows never count a feed twice. A bad
  filter value, ``limit`` or ``cursor`` is a 400 naming it. Two queries per
  page whatever the page size, plus authentication's.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.reverse import reverse

from tracker.models import Baby, Feed
from tracker.serializers import FEED_DEFAULTS, FeedFilterSerializer, FeedSerializer, as_drf_error
from tracker.writes import FeedDeleted, FeedNotFound, delete_feed, write_feed

ID_TAKEN = "A feed with this id already exists."


class FeedCursorPagination(CursorPagination):
    ordering = ("-started_at", "-id")
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError({"limit": ["A whole number from 1 to 200."]})
        return min(size, self.max_page_size)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({"cursor": ["This cursor is not valid."]}) from error


class FeedViewSet(viewsets.GenericViewSet):
    serializer_class = FeedSerializer
    pagination_class = FeedCursorPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Feed.objects.none()
        return Feed.objects.visible_to(self.request.user).live()

    def _listed(self):
        """The live feeds the list shows, filtered by the query parameters.

        The user's baby ids are read first (one small query) so the feed query
        names them: with one baby, the database walks the (baby, started_at)
        index newest first and stops after a page, instead of joining every
        feed of the family and sorting them all.
        """
        params = FeedFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        filters = dict(params.validated_data)
        baby_ids = set(Baby.objects.visible_to(self.request.user).values_list("pk", flat=True))
        if "baby" in filters:
            baby_ids &= {filters.pop("baby")}
        lookups = {
            "kind": "kind",
            "started_after": "started_at__gte",
            "started_before": "started_at__lt",
        }
        return Feed.objects.live().filter(
            baby_id__in=baby_ids, **{lookups[name]: value for name, value in filters.items()}
        )

    def _write(self, **kwargs) -> Feed:
        try:
            return write_feed(user=self.request.user, **kwargs).feed
        except DjangoValidationError as error:
            raise as_drf_error(error) from error
        except (FeedNotFound, FeedDeleted) as error:
            raise NotFound from error

    @extend_schema(parameters=[FeedFilterSerializer])
    def list(self, request):
        page = self.paginate_queryset(self._listed())
        return self.get_paginated_response(FeedSerializer(page, many=True).data)

    def create(self, request):
        serializer = FeedSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        feed_id = values.pop("id", None)
        try:
            feed = self._write(feed_id=feed_id, values=values, create_only=True)
        except NotFound as error:  # the id is someone else's feed
            raise ValidationError({"id": [ErrorDetail(ID_TAKEN, "id_taken")]}) from error
        except IntegrityError:
            # A concurrent POST of the same id won the insert; anything else is a bug.
            if feed_id and Feed.objects.filter(pk=feed_id).exists():
                raise ValidationError({"id": [ErrorDetail(ID_TAKEN, "id_taken")]}) from None
            raise
        location = reverse("feed-detail", args=[feed.pk], request=request)
        return Response(
            FeedSerializer(feed).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )

    def retrieve(self, request, pk=None):
        return Response(FeedSerializer(self.get_object()).data)

    def update(self, request, pk=None, partial=False):
        feed = self.get_object()
        values = FeedSerializer.parse(request.data, partial=partial)
        if not partial:
            values = {**FEED_DEFAULTS, **values}
        feed = self._write(feed_id=feed.pk, values=values)
        return Response(FeedSerializer(feed).data)

    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)

    def destroy(self, request, pk=None):
        feed = self.get_object()
        try:
            delete_feed(user=request.user, feed_id=feed.pk)
        except FeedNotFound as error:
            raise NotFound from error
        return Response(status=status.HTTP_204_NO_CONTENT)
