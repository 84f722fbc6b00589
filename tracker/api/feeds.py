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
- A foreign, missing or deleted feed is 404 for every method; a role that
  may read but not write the baby's feeds gets 403 on writes
  (``permissions``).
- List: newest first (``-started_at, -id``), cursor pagination, 50 per page
  by default, ``limit`` 1..200 (larger values are capped at 200). Filters:
  ``baby``, ``kind``, ``started_after`` (inclusive, >=), ``started_before``
  (exclusive, <), so consecutive windows never count a feed twice. A bad
  filter value, ``limit`` or ``cursor`` is a 400 naming it (``FeedListQuery``;
  the cursor is decoded by the paginator). Two queries per page whatever the
  page size, plus authentication's.
"""

from django.db import IntegrityError
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.reverse import reverse

from tracker.api import permissions
from tracker.api.permissions import SIGNED_IN_ROLES, Action
from tracker.api.queries import PageLimitField
from tracker.models import Feed
from tracker.serializers import FEED_DEFAULTS, FeedFilterSerializer, FeedSerializer
from tracker.writes import FeedDeleted, FeedNotFound, delete_feed, write_feed

ID_TAKEN = "A feed with this id already exists."
PAGE_SIZE, MAX_PAGE_SIZE = 50, 200


class FeedListQuery(FeedFilterSerializer):
    limit = PageLimitField(default=PAGE_SIZE, cap=MAX_PAGE_SIZE)


class FeedCursorPagination(CursorPagination):
    """Newest first; the page size is the view's validated ``limit``."""

    ordering = ("-started_at", "-id")
    page_size = PAGE_SIZE

    def get_page_size(self, request):
        return self.page_size

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({"cursor": ["This cursor is not valid."]}) from error


class FeedViewSet(viewsets.GenericViewSet):
    serializer_class = FeedSerializer
    pagination_class = FeedCursorPagination
    permission_classes = SIGNED_IN_ROLES
    needs = dict.fromkeys(["update", "partial_update", "destroy"], Action.WRITE_FEEDS)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Feed.objects.none()
        return permissions.feeds(self.request.user).live()

    def _listed(self, filters: dict):
        """The live feeds the list shows, filtered by the query parameters.

        The user's baby ids are read first (one small query) so the feed query
        names them: with one baby, the database walks the (baby, started_at)
        index newest first and stops after a page, instead of joining every
        feed of the family and sorting them all.
        """
        baby_ids = set(permissions.babies(self.request.user).values_list("pk", flat=True))
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

    @extend_schema(parameters=[FeedListQuery])
    def list(self, request):
        query = FeedListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = dict(query.validated_data)
        self.paginator.page_size = filters.pop("limit")
        page = self.paginate_queryset(self._listed(filters))
        return self.get_paginated_response(FeedSerializer(page, many=True).data)

    def create(self, request):
        serializer = FeedSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        feed_id = values.pop("id", None)
        permissions.require(request.user, values["baby"], Action.WRITE_FEEDS)
        try:
            feed = write_feed(
                user=request.user, feed_id=feed_id, values=values, create_only=True
            ).feed
        except (FeedNotFound, FeedDeleted) as error:  # the id is someone else's feed
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
        feed = write_feed(user=request.user, feed_id=feed.pk, values=values).feed
        return Response(FeedSerializer(feed).data)

    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)

    def destroy(self, request, pk=None):
        feed = self.get_object()
        delete_feed(user=request.user, feed_id=feed.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
