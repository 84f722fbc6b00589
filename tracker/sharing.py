"""
Babies and who may see them: creating a baby, inviting a partner, leaving.

Contract:
- ``create_baby`` makes the baby and its owner link in one transaction.
- ``create_invite`` (owner only, checked by the caller) issues a code usable
  once, for 48 hours.
- ``accept_invite`` turns a usable code into caregiver access. Unknown,
  expired and used codes fail with the same message, so codes cannot be
  probed; the code is claimed by one conditional UPDATE, so two people racing
  for one code cannot both win.
- ``remove_caregiver`` ends a caregiver's access; the owner cannot leave
  their own baby (they delete it instead).
Rules violated raise ``django.core.exceptions.ValidationError`` keyed by field.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tracker.models import Baby, Caregiver, Invite, Role

INVALID_CODE = "This code is not valid (it may have expired or been used). Ask for a new one."


def create_baby(*, user, name: str, birth_date: date | None = None) -> Baby:
    with transaction.atomic():
        baby = Baby(name=name, birth_date=birth_date)
        baby.full_clean(exclude=["write_seq"])
        baby.save()
        Caregiver.objects.create(baby=baby, user=user, role=Role.OWNER)
    baby.role = Role.OWNER
    return baby


def create_invite(*, user, baby: Baby) -> Invite:
    return Invite.objects.create(baby=baby, created_by=user)


def accept_invite(*, user, code: str) -> Baby:
    """Give ``user`` caregiver access to the invite's baby; the baby, with its role."""
    normalised = Invite.normalise_code(code)
    with transaction.atomic():
        invite = Invite.objects.filter(code=normalised).select_related("baby").first()
        if invite is None or not invite.is_usable:
            raise ValidationError({"code": ValidationError(INVALID_CODE, "invalid_code")})
        if Caregiver.objects.filter(baby=invite.baby, user=user).exists():
            # Checked before the code is claimed: it stays usable for the partner.
            message = "You already have access to this baby."
            raise ValidationError({"code": ValidationError(message, "already_shared")})
        now = timezone.now()
        claimed = Invite.objects.filter(
            pk=invite.pk, accepted_at__isnull=True, expires_at__gt=now
        ).update(accepted_at=now, accepted_by=user)
        if not claimed:
            raise ValidationError({"code": ValidationError(INVALID_CODE, "invalid_code")})
        Caregiver.objects.create(baby=invite.baby, user=user, role=Role.CAREGIVER)
    baby = invite.baby
    baby.role = Role.CAREGIVER
    return baby


def remove_caregiver(*, baby: Baby, user_id: int) -> None:
    link = Caregiver.objects.filter(baby=baby, user_id=user_id).first()
    if link is None:
        raise Caregiver.DoesNotExist
    if link.role == Role.OWNER:
        message = "The owner cannot leave their own baby; delete the baby instead."
        raise ValidationError({"user_id": ValidationError(message, "owner_cannot_leave")})
    link.delete()
