"""The tracker's admin: staff browse babies and feeds; feeds cannot be edited there."""

import pytest
from django.contrib.admin import site
from django.contrib.auth import get_user_model

from tests.factories import FeedFactory
from tracker.admin import BabyAdmin
from tracker.models import Baby

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    admin = get_user_model().objects.create_superuser("admin", "a@example.test", "pw-admin-1")
    client.force_login(admin)
    return client


@pytest.mark.parametrize("model", ["baby", "feed", "invite"])
def test_staff_browse_the_changelists(staff_client, baby, model):
    FeedFactory(baby=baby)
    assert staff_client.get(f"/admin/tracker/{model}/").status_code == 200


def test_a_feed_page_has_no_save_button(staff_client, baby):
    feed = FeedFactory(baby=baby)
    page = staff_client.get(f"/admin/tracker/feed/{feed.pk}/change/").content.decode()
    assert 'name="_save"' not in page


def test_feeds_cannot_be_added_in_the_admin(staff_client):
    assert staff_client.get("/admin/tracker/feed/add/").status_code == 403


def test_staff_rename_a_baby(staff_client, baby):
    link = baby.caregivers.get()
    form = {
        "name": "Robin B",
        "birth_date": "",
        "caregivers-TOTAL_FORMS": "1",
        "caregivers-INITIAL_FORMS": "1",
        "caregivers-MIN_NUM_FORMS": "0",
        "caregivers-MAX_NUM_FORMS": "1000",
        "caregivers-0-id": str(link.pk),
        "caregivers-0-baby": str(baby.pk),
    }
    response = staff_client.post(f"/admin/tracker/baby/{baby.pk}/change/", form)
    assert response.status_code == 302
    assert Baby.objects.get(pk=baby.pk).name == "Robin B"


def test_saving_a_stale_baby_in_the_admin_keeps_its_write_sequence(baby, rf):
    stale = Baby.objects.get(pk=baby.pk)
    FeedFactory(baby=baby)  # takes write_seq 1 after the admin loaded the baby
    stale.name = "Robin B"
    BabyAdmin(Baby, site).save_model(rf.post("/"), stale, form=None, change=True)
    assert Baby.objects.get(pk=baby.pk).write_seq == 1
