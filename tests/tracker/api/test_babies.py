"""/api/v1/babies/: the user's babies, their roles, renaming and deleting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import BabyFactory, FeedFactory, UserFactory, add_caregiver
from tracker.models import Baby, Caregiver, Feed

pytestmark = pytest.mark.django_db

BABIES = "/api/v1/babies/"


def test_create_makes_the_caller_the_owner(auth_client, user):
    response = auth_client.post(BABIES, {"name": "Ada", "birth_date": "2026-10-01"})
    assert response.status_code == 201
    assert response.json()["role"] == "owner"
    assert Caregiver.objects.get(baby_id=response.json()["id"]).user == user


def test_create_renders_the_contracts_fields(auth_client):
    body = auth_client.post(BABIES, {"name": "Ada"}).json()
    assert set(body) == {"id", "name", "birth_date", "role", "created_at"}


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_name_outside_1_to_100_characters_is_a_400_naming_name(auth_client, name):
    response = auth_client.post(BABIES, {"name": name})
    assert response.status_code == 400
    assert "name" in response.json()
    assert not Baby.objects.exists()


@pytest.mark.parametrize("name", ["", "   "])
def test_a_blank_name_gets_the_same_plain_message_as_the_model_gives(auth_client, name):
    response = auth_client.post(BABIES, {"name": name})
    assert response.json()["name"] == ["A name is needed."]


def test_a_birth_date_in_the_future_is_a_400_naming_birth_date(auth_client):
    later = (timezone.now() + timedelta(days=3)).date().isoformat()
    response = auth_client.post(BABIES, {"name": "Ada", "birth_date": later})
    assert response.status_code == 400
    assert "birth_date" in response.json()


def test_list_shows_each_babys_role_for_the_caller(auth_client, user):
    mine = BabyFactory(owner=user)
    theirs = BabyFactory()
    add_caregiver(theirs, user)
    add_caregiver(mine, UserFactory())
    roles = {b["id"]: b["role"] for b in auth_client.get(BABIES).json()}
    assert roles == {str(mine.pk): "owner", str(theirs.pk): "caregiver"}


def test_list_hides_other_accounts_babies(auth_client):
    BabyFactory()
    assert auth_client.get(BABIES).json() == []


def test_list_costs_the_same_queries_for_many_babies(
    auth_client, user, django_assert_max_num_queries
):
    for _ in range(5):
        add_caregiver(BabyFactory(), user)
        add_caregiver(BabyFactory(owner=user), UserFactory())
    with django_assert_max_num_queries(2):
        assert len(auth_client.get(BABIES).json()) == 10


def test_the_owner_renames_the_baby(auth_client, baby):
    response = auth_client.patch(f"{BABIES}{baby.pk}/", {"name": "Robin Jr"})
    assert response.status_code == 200
    assert Baby.objects.get(pk=baby.pk).name == "Robin Jr"


def test_renaming_keeps_the_babys_write_sequence(auth_client, baby):
    FeedFactory(baby=baby)
    auth_client.patch(f"{BABIES}{baby.pk}/", {"name": "Robin Jr"})
    assert Baby.objects.get(pk=baby.pk).write_seq == 1


def test_a_caregiver_cannot_rename_the_baby(caregiver_client, baby):
    response = caregiver_client.patch(f"{BABIES}{baby.pk}/", {"name": "Mine now"})
    assert response.status_code == 403
    assert Baby.objects.get(pk=baby.pk).name == "Robin"


def test_a_caregiver_cannot_delete_the_baby(caregiver_client, baby):
    assert caregiver_client.delete(f"{BABIES}{baby.pk}/").status_code == 403
    assert Baby.objects.filter(pk=baby.pk).exists()


def test_a_caregiver_reads_the_baby_with_role_caregiver(caregiver_client, baby):
    assert caregiver_client.get(f"{BABIES}{baby.pk}/").json()["role"] == "caregiver"


def test_put_is_not_offered(auth_client, baby):
    assert auth_client.put(f"{BABIES}{baby.pk}/", {"name": "X"}).status_code == 405


def test_deleting_the_baby_deletes_its_feeds(auth_client, baby):
    FeedFactory(baby=baby)
    assert auth_client.delete(f"{BABIES}{baby.pk}/").status_code == 204
    assert not Baby.objects.filter(pk=baby.pk).exists()
    assert not Feed.objects.exists()


def test_babies_need_a_signed_in_user(api_client):
    assert api_client.get(BABIES).status_code in (401, 403)
