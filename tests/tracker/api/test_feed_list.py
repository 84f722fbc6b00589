"""GET /api/v1/feeds/: newest first, filters, cursor pages, constant queries."""

from datetime import timedelta

import pytest

from tests.factories import BabyFactory, FeedFactory, add_caregiver

pytestmark = pytest.mark.django_db

FEEDS = "/api/v1/feeds/"


def _feeds(baby, start, count, **extra):
    return [
        FeedFactory(baby=baby, started_at=start - timedelta(hours=3 * n), **extra)
        for n in range(count)
    ]


def _ids(response) -> list[str]:
    return [feed["id"] for feed in response.json()["results"]]


def test_list_is_newest_first(auth_client, baby, hour_ago):
    feeds = _feeds(baby, hour_ago, 3)
    assert _ids(auth_client.get(FEEDS)) == [str(f.pk) for f in feeds]


def test_list_hides_deleted_feeds(auth_client, baby, hour_ago):
    kept, gone = _feeds(baby, hour_ago, 2)
    auth_client.delete(f"{FEEDS}{gone.pk}/")
    assert _ids(auth_client.get(FEEDS)) == [str(kept.pk)]


def test_list_hides_other_accounts_feeds(auth_client, baby, hour_ago):
    _feeds(BabyFactory(), hour_ago, 2)
    assert auth_client.get(FEEDS).json()["results"] == []


def test_list_includes_feeds_of_babies_the_user_cares_for(auth_client, user, hour_ago):
    theirs = BabyFactory()
    add_caregiver(theirs, user)
    feed = FeedFactory(baby=theirs)
    assert _ids(auth_client.get(FEEDS)) == [str(feed.pk)]


def test_filter_by_baby(auth_client, user, baby, hour_ago):
    _feeds(BabyFactory(owner=user), hour_ago, 2)
    mine = _feeds(baby, hour_ago, 1)
    assert _ids(auth_client.get(FEEDS, {"baby": baby.pk})) == [str(mine[0].pk)]


def test_filter_by_kind(auth_client, baby, hour_ago):
    _feeds(baby, hour_ago, 2)
    bottle = FeedFactory(
        baby=baby, kind="bottle", started_at=hour_ago - timedelta(days=2), amount_ml=90
    )
    assert _ids(auth_client.get(FEEDS, {"kind": "bottle"})) == [str(bottle.pk)]


def test_started_after_is_inclusive_and_started_before_exclusive(auth_client, baby, hour_ago):
    newest, middle, oldest = _feeds(baby, hour_ago, 3)
    window = {"started_after": oldest.started_at.isoformat(), "started_before": newest.started_at}
    assert _ids(auth_client.get(FEEDS, window)) == [str(middle.pk), str(oldest.pk)]


def test_an_offset_sent_with_an_unencoded_plus_is_understood(auth_client, baby, hour_ago):
    _feeds(baby, hour_ago, 1)
    raw = (hour_ago - timedelta(minutes=1)).isoformat().replace("+00:00", " 00:00")
    assert len(_ids(auth_client.get(f"{FEEDS}?started_after={raw}"))) == 1


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("baby", "not-a-uuid"),
        ("kind", "spoon"),
        ("started_after", "yesterday"),
        ("started_before", "2026-01-01T10:00:00"),
        ("limit", "0"),
        ("limit", "ten"),
        ("cursor", "garbage"),
    ],
)
def test_a_bad_query_parameter_is_a_400_naming_it(auth_client, param, value):
    response = auth_client.get(FEEDS, {param: value})
    assert response.status_code == 400
    assert param in response.json()


def test_pages_follow_next_links_without_gaps_or_repeats(auth_client, baby, hour_ago):
    feeds = _feeds(baby, hour_ago, 7)
    seen, url = [], f"{FEEDS}?limit=3"
    while url:
        body = auth_client.get(url).json()
        seen += [feed["id"] for feed in body["results"]]
        url = body["next"]
    assert seen == [str(f.pk) for f in feeds]


def test_pages_do_not_split_feeds_started_in_the_same_second(auth_client, baby, hour_ago):
    feeds = [FeedFactory(baby=baby, started_at=hour_ago) for _ in range(5)]
    first = auth_client.get(FEEDS, {"limit": 2}).json()
    rest, url = [], first["next"]
    while url:
        body = auth_client.get(url).json()
        rest += [feed["id"] for feed in body["results"]]
        url = body["next"]
    got = [feed["id"] for feed in first["results"]] + rest
    assert sorted(got) == sorted(str(f.pk) for f in feeds)
    assert len(got) == 5


def test_limit_is_capped_at_200(auth_client, baby, hour_ago):
    _feeds(baby, hour_ago, 3)
    body = auth_client.get(FEEDS, {"limit": 100000}).json()
    assert len(body["results"]) == 3


def test_the_default_page_holds_50(auth_client, baby, hour_ago):
    _feeds(baby, hour_ago, 51)
    body = auth_client.get(FEEDS).json()
    assert (len(body["results"]), body["next"] is not None) == (50, True)


@pytest.mark.parametrize("count", [1, 60])
def test_a_page_costs_the_same_queries_whatever_the_number_of_feeds(
    auth_client, baby, hour_ago, count, django_assert_max_num_queries
):
    _feeds(baby, hour_ago, count)
    # The token, the user's baby ids, the page.
    with django_assert_max_num_queries(3):
        response = auth_client.get(FEEDS, {"limit": 200})
    assert len(response.json()["results"]) == count
