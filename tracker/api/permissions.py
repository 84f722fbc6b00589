"""
Who may do what with a baby and its feeds: the one place the API decides it.

- ``ALLOWED`` maps each role to the actions it may take. A new role (the
  contract's read-only ``viewer``) is one more row here; no view changes.
- ``babies(user, action)`` / ``feeds(user, action)`` are the querysets views
  start from: a baby or feed outside them answers 404 exactly as a missing
  one, so a stranger learns nothing (docs/api-contract.md, Auth).
- ``RolePermission`` (and ``require``, for a baby named in a body) refuses
  with 403 an action the user's role does not allow on a baby they can see
  (they know it exists: 403 reveals nothing). Views name what each of their
  actions needs in ``needs``.
"""

from enum import StrEnum

from django.db.models import F, FilteredRelation, Q
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission, IsAuthenticated

from tracker.models import Baby, Feed, Role


class Action(StrEnum):
    READ = "read"  # the baby, its caregivers, feeds, summaries, export, pull
    WRITE_FEEDS = "write_feeds"  # add, edit, delete feeds
    MANAGE = "manage"  # rename or delete the baby, invite
    REMOVE_OTHERS = "remove_others"  # end someone else's access
    LEAVE = "leave"  # end one's own access
    SHARE_REPORT = "share_report"  # make, list and revoke report links (reports/)


ALLOWED: dict[str, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.CAREGIVER: frozenset(
        {Action.READ, Action.WRITE_FEEDS, Action.LEAVE, Action.SHARE_REPORT}
    ),
}

# What a refused action answers (403 ``{"detail"}``).
REFUSED = {
    Action.WRITE_FEEDS: "Your role for this baby only reads its feeds.",
    Action.MANAGE: "Only the baby's owner can do this.",
    Action.REMOVE_OTHERS: "A caregiver can only remove themselves.",
    Action.SHARE_REPORT: "Your role for this baby cannot share its report.",
}


def may(role: str | None, action: Action) -> bool:
    return action in ALLOWED.get(role, frozenset())


def roles_allowed(action: Action) -> list[str]:
    return [role for role, actions in ALLOWED.items() if action in actions]


def babies(user, action: Action = Action.READ):
    """The babies ``user`` may take ``action`` on, each annotated with ``role``."""
    return Baby.objects.with_role(user).filter(mine__role__in=roles_allowed(action))


def feeds(user, action: Action = Action.READ):
    """The feeds (deleted ones too) of the babies ``user`` may take ``action`` on,
    each annotated with the user's ``role`` for its baby."""
    mine = FilteredRelation("baby__caregivers", condition=Q(baby__caregivers__user=user))
    return (
        Feed.objects.annotate(mine=mine)
        .filter(mine__isnull=False, mine__role__in=roles_allowed(action))
        .annotate(role=F("mine__role"))
    )


def require(user, baby_id, action: Action) -> None:
    """403 when ``user`` sees the baby but their role may not take ``action``.

    A baby they cannot see is the caller's to answer (404, or a 400 naming
    the field). No query while every role may.
    """
    if len(roles_allowed(action)) == len(ALLOWED):
        return
    role = babies(user).filter(pk=baby_id).values_list("role", flat=True).first()
    if role is not None and not may(role, action):
        raise PermissionDenied(REFUSED[action])


class RolePermission(BasePermission):
    """An object action the role does not allow is a 403 naming why.

    The object is a baby or feed annotated with ``role`` (``babies()``,
    ``feeds()``); the view's
    ``needs`` maps its action names to an ``Action``, or to a callable of
    the view when the answer depends on its request (removing oneself is leaving).
    """

    def has_object_permission(self, request, view, obj) -> bool:
        needed = getattr(view, "needs", {}).get(getattr(view, "action", None), Action.READ)
        if callable(needed):
            needed = needed(view)
        if may(getattr(obj, "role", None), needed):
            return True
        self.message = REFUSED.get(needed, REFUSED[Action.MANAGE])
        return False


# What every view of a baby or its feeds checks: signed in, then the role.
SIGNED_IN_ROLES = [IsAuthenticated, RolePermission]
