"""The admin is for staff with permissions only (the API's access matrix is
tests/tracker/api/test_access_matrix.py)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.factories import UserFactory


@pytest.mark.parametrize("url", ["/admin/", "/admin/auth/user/", "/admin/tracker/feed/"])
def test_the_admin_is_closed_to_parents(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_admin_is_closed_to_api_tokens(auth_client):
    # A token authenticates the API only; the admin needs a staff session.
    response = auth_client.get("/admin/")
    assert response.status_code == 302


def test_staff_without_permissions_see_no_user_list(db):
    staff = UserFactory(is_staff=True)
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/auth/user/").status_code == 403


def test_staff_with_article_rights_cannot_list_users(db):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/auth/user/").status_code == 403
