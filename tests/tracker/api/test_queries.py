"""Every query parameter is read by a serializer (the feed list's cursor by its
paginator): a bad value is a 400 whose body names the parameter, with its code
beside the message, and nothing more."""

import pytest

pytestmark = pytest.mark.django_db

CASES = [
    ("feeds/", "baby", "not-a-uuid", "invalid"),
    ("feeds/", "kind", "nap", "invalid_choice"),
    ("feeds/", "started_after", "yesterday", "invalid"),
    ("feeds/", "started_before", "2026-01-01T08:00:00", "naive"),
    ("feeds/", "limit", "0", "invalid"),
    ("feeds/", "limit", "ten", "invalid"),
    ("feeds/", "cursor", "garbage", "invalid"),
    ("sync/pull/", "limit", "0", "min_value"),
    ("sync/pull/", "cursor", "garbage", "invalid_cursor"),
    ("export/", "format", "xml", "invalid"),
    ("export/", "tz", "Mars/Olympus", "invalid"),
    ("babies/{baby}/summary/", "from", "01/02/2026", "invalid"),
    ("babies/{baby}/summary/", "to", "1899-12-31", "invalid"),
    ("babies/{baby}/summary/", "tz", "../../etc/passwd", "invalid"),
]


@pytest.mark.parametrize(("path", "name", "value", "code"), CASES)
def test_a_bad_query_parameter_is_a_400_naming_it_with_its_code(
    auth_client, baby, path, name, value, code
):
    response = auth_client.get(f"/api/v1/{path.format(baby=baby.pk)}", {name: value})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {name, "codes"}
    assert body["codes"] == {name: [code]}
    assert isinstance(body[name][0], str)


def test_a_summary_range_the_wrong_way_round_names_to(auth_client, baby):
    params = {"from": "2026-01-10", "to": "2026-01-01"}
    response = auth_client.get(f"/api/v1/babies/{baby.pk}/summary/", params)
    assert response.status_code == 400
    assert response.json()["codes"] == {"to": ["invalid"]}
