"""Invites and caregivers: sharing a baby with a partner, and ending it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import token_client
from tests.factories import UserFactory, add_caregiver
from tracker.models import Caregiver, Invite

pytestmark = pytest.mark.django_db

ACCEPT = "/api/v1/invites/accept/"


def _invite(client, baby) -> str:
    response = client.post(f"/api/v1/babies/{baby.pk}/invites/")
    assert response.status_code == 201
    return response.json()["code"]


def test_the_owner_gets_a_code_valid_for_48_hours(auth_client, baby):
    body = auth_client.post(f"/api/v1/babies/{baby.pk}/invites/").json()
    expires = Invite.objects.get(code=body["code"]).expires_at
    assert timedelta(hours=47, minutes=59) < expires - timezone.now() <= timedelta(hours=48)


def test_a_caregiver_cannot_invite(caregiver_client, baby):
    assert caregiver_client.post(f"/api/v1/babies/{baby.pk}/invites/").status_code == 403


def test_accepting_gives_the_baby_with_role_caregiver(auth_client, other_client, baby):
    response = other_client.post(ACCEPT, {"code": _invite(auth_client, baby)})
    assert response.status_code == 200
    assert (response.json()["id"], response.json()["role"]) == (str(baby.pk), "caregiver")


def test_a_code_is_accepted_as_typed(auth_client, other_client, baby):
    code = _invite(auth_client, baby)
    typed = f"  {code.replace('-', ' ').lower()} "
    assert other_client.post(ACCEPT, {"code": typed}).status_code == 200


def test_a_code_works_once(auth_client, other_client, baby):
    code = _invite(auth_client, baby)
    other_client.post(ACCEPT, {"code": code})
    third = token_client(UserFactory())
    response = third.post(ACCEPT, {"code": code})
    assert response.status_code == 400
    assert "code" in response.json()


def test_an_expired_code_is_refused_like_an_unknown_one(auth_client, other_client, baby):
    code = _invite(auth_client, baby)
    Invite.objects.filter(code=code).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = other_client.post(ACCEPT, {"code": code}).json()
    unknown = other_client.post(ACCEPT, {"code": "ABCD-EFGH"}).json()
    assert expired == unknown
    assert "code" in expired


def test_accepting_your_own_babys_invite_is_a_400(auth_client, baby):
    response = auth_client.post(ACCEPT, {"code": _invite(auth_client, baby)})
    assert response.status_code == 400
    assert "code" in response.json()


def test_caregivers_lists_owner_and_partner(auth_client, caregiver, baby, user):
    rows = auth_client.get(f"/api/v1/babies/{baby.pk}/caregivers/").json()
    assert [(r["user_id"], r["role"]) for r in rows] == [
        (user.pk, "owner"),
        (caregiver.pk, "caregiver"),
    ]


def test_the_owner_removes_a_caregiver(auth_client, caregiver, baby):
    response = auth_client.delete(f"/api/v1/babies/{baby.pk}/caregivers/{caregiver.pk}/")
    assert response.status_code == 204
    assert not Caregiver.objects.filter(baby=baby, user=caregiver).exists()


def test_a_caregiver_leaves_by_removing_themselves(caregiver_client, caregiver, baby):
    response = caregiver_client.delete(f"/api/v1/babies/{baby.pk}/caregivers/{caregiver.pk}/")
    assert response.status_code == 204
    assert caregiver_client.get(f"/api/v1/babies/{baby.pk}/").status_code == 404


def test_a_caregiver_cannot_remove_someone_else(caregiver_client, baby):
    third = UserFactory()
    add_caregiver(baby, third)
    response = caregiver_client.delete(f"/api/v1/babies/{baby.pk}/caregivers/{third.pk}/")
    assert response.status_code == 403
    assert Caregiver.objects.filter(baby=baby, user=third).exists()


def test_a_caregiver_cannot_remove_the_owner(caregiver_client, baby, user):
    response = caregiver_client.delete(f"/api/v1/babies/{baby.pk}/caregivers/{user.pk}/")
    assert response.status_code == 403


def test_the_owner_cannot_remove_themselves(auth_client, baby, user):
    response = auth_client.delete(f"/api/v1/babies/{baby.pk}/caregivers/{user.pk}/")
    assert response.status_code == 400
    assert Caregiver.objects.filter(baby=baby, user=user).exists()


def test_removing_someone_without_access_is_404(auth_client, baby, other_user):
    response = auth_client.delete(f"/api/v1/babies/{baby.pk}/caregivers/{other_user.pk}/")
    assert response.status_code == 404


def test_a_user_id_too_large_for_the_database_is_404(auth_client, baby):
    response = auth_client.delete(f"/api/v1/babies/{baby.pk}/caregivers/{'9' * 30}/")
    assert response.status_code == 404
