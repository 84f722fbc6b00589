"""Managing the family from #/settings in a real browser: removing a caregiver,
leaving, renaming and deleting a baby, deleting the account, and the same
actions offline (they say so and change nothing). Every change is checked in
the database and in the phone's IndexedDB store."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import save_screenshot
from tests.e2e.test_tracker_helpers import (
    PASSWORD,
    family,
    local_counts,
    local_feed_count,
    log_bottle,
    open_app,
    read_db,
    sign_in,
    sync_now,
)
from tests.factories import BabyFactory, FeedFactory, UserFactory, add_caregiver
from tracker.models import Baby, Caregiver, Feed

pytestmark = pytest.mark.django_db(transaction=True)

WELCOME = "Welcome to Letdown"


def _local_babies(page) -> list:
    return page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("letdown");
            open.onsuccess = () => {
              const request = open.result.transaction("babies").objectStore("babies").getAll();
              request.onsuccess = () => { open.result.close(); resolve(request.result); };
            };
        })"""
    )


def _queue_unsent_feed(page, baby_id):
    """A feed logged on this phone that no push has taken yet (as the store writes it)."""
    page.evaluate(
        """(babyId) => new Promise((resolve, reject) => {
            const open = indexedDB.open("letdown");
            open.onsuccess = () => {
              const tx = open.result.transaction(["feeds", "outbox", "meta"], "readwrite");
              const id = crypto.randomUUID();
              const feed = {id, baby: babyId, kind: "bottle", amount_ml: 70,
                            started_at: new Date().toISOString(), version: null};
              tx.objectStore("feeds").put(feed);
              const meta = tx.objectStore("meta");
              const next = meta.get("next_seq");
              next.onsuccess = () => {
                const seq = next.result || 1;
                meta.put(seq + 1, "next_seq");
                tx.objectStore("outbox").put({seq, op: "upsert", entity: "feed", id,
                  base_version: null, sent: false,
                  data: {baby: babyId, kind: "bottle", amount_ml: 70}});
              };
              tx.oncomplete = () => { open.result.close(); resolve(); };
              tx.onerror = () => reject(tx.error);
            };
        })""",
        str(baby_id),
    )


def _settings(page, live_url):
    open_app(page, live_url, "#/settings")
    expect(page.get_by_role("heading", level=1, name="Settings")).to_be_visible()


def test_owner_removes_a_caregiver_and_their_phone_forgets_the_baby(new_context, live_url):
    owner, baby = family()
    FeedFactory(baby=baby)
    partner = UserFactory()
    add_caregiver(baby, partner)
    partner_page = new_context().new_page()
    sign_in(partner_page, live_url, partner)
    assert local_feed_count(partner_page) == 1

    page = new_context().new_page()
    sign_in(page, live_url, owner)
    _settings(page, live_url)
    caregivers = page.get_by_test_id("caregivers")
    expect(caregivers).to_contain_text(partner.username)
    # The owner's own row has no Remove button: the owner cannot be removed.
    expect(caregivers.get_by_role("button")).to_have_count(1)
    caregivers.get_by_role("button", name=f"Remove {partner.username}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"{partner.username} will no longer see Mia")
    dialog.get_by_role("button", name=f"Remove {partner.username}").click()

    expect(page.get_by_role("status").filter(has_text="can no longer see Mia")).to_be_visible()
    expect(caregivers).not_to_contain_text(partner.username)
    expect(page.get_by_role("heading", name="Sharing")).to_be_focused()
    assert not read_db(page, lambda: Caregiver.objects.filter(user=partner).exists())
    assert read_db(page, lambda: Feed.objects.filter(baby=baby).count()) == 1

    sync_now(partner_page, live_url)
    open_app(partner_page, live_url)
    expect(partner_page.get_by_role("heading", level=1, name=WELCOME)).to_be_visible()
    assert local_counts(partner_page)["babies"] == 0
    assert local_feed_count(partner_page) == 0


def test_caregiver_leaves_only_when_online_after_sending_their_feeds(new_context, live_url):
    _, baby = family()
    FeedFactory(baby=baby)
    partner = UserFactory()
    add_caregiver(baby, partner)
    page = new_context().new_page()
    sign_in(page, live_url, partner)
    _settings(page, live_url)
    # A caregiver may not rename or delete the baby, nor remove anyone.
    expect(page.get_by_role("button", name="Save name and birth date")).to_have_count(0)
    expect(page.get_by_role("button", name="Delete Mia…")).to_have_count(0)
    expect(page.get_by_test_id("caregivers").get_by_role("button")).to_have_count(0)
    leave = page.get_by_role("button", name="Stop sharing Mia with me")

    page.context.set_offline(True)
    leave.click()
    expect(
        page.get_by_role("status").filter(has_text="Leaving needs a connection")
    ).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.context.set_offline(False)

    # A feed the server has not got yet: leaving now would lose it, and says so.
    page.route("**/api/v1/sync/push/", lambda route: route.abort())
    log_bottle(page, live_url, "80")
    _settings(page, live_url)
    leave.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("1 change you made has not reached the server yet")
    dialog.get_by_role("button", name="Stay").click()
    expect(leave).to_be_focused()
    assert read_db(page, lambda: Caregiver.objects.filter(user=partner).exists())

    # Back online with the server: the feed is sent before leaving.
    page.unroute("**/api/v1/sync/push/")
    leave.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Mia and every feed will be removed from this phone")
    expect(dialog).not_to_contain_text("not reached the server")
    dialog.get_by_role("button", name="Stop sharing with me").click()

    expect(page.get_by_role("heading", level=1, name=WELCOME)).to_be_visible()
    expect(page.locator("#tracker-feedback")).to_contain_text("You no longer see Mia")
    assert not read_db(page, lambda: Caregiver.objects.filter(user=partner).exists())
    assert read_db(page, lambda: Feed.objects.filter(baby=baby).count()) == 2
    assert local_counts(page) == {"feeds": 0, "babies": 0, "outbox": 0, "attention": 0}


# Fills the outbox of a phone with two babies (one push unanswered), then
# forgets Mia. Queued while holding the sync lock, so no sync runs in between.
FORGET_MIA = """async ([mia, ada, familyUrl, dbUrl]) => {
  const { forgetBaby } = await import(familyUrl);
  const { req, transact } = await import(dbUrl);
  const uuid = () => crypto.randomUUID();
  const editedAda = { id: uuid(), baby: ada, kind: "bottle", version: 3 };
  const editedMia = { id: uuid(), baby: mia, kind: "bottle", version: 3 };
  const sentAda = uuid(), newMia = uuid(), lastAda = uuid();
  const queue = [
    { seq: 1, op: "upsert", id: sentAda, data: { baby: ada }, sent: true },
    { seq: 2, op: "upsert", id: newMia, data: { baby: mia }, sent: false },
    { seq: 3, op: "upsert", id: editedAda.id, data: { notes: "a" }, sent: false },
    { seq: 4, op: "upsert", id: editedMia.id, data: { notes: "m" }, sent: false },
    { seq: 5, op: "upsert", id: lastAda, data: { baby: ada }, sent: false },
  ];
  const stores = ["feeds", "babies", "outbox", "attention", "meta"];
  const read = () => transact(stores, "readonly", async (tx) => ({
    outbox: (await req(tx.objectStore("outbox").getAll())).map((m) => [m.seq, m.id, m.sent]),
    nextSeq: await req(tx.objectStore("meta").get("next_seq")),
    babies: (await req(tx.objectStore("babies").getAll())).map((b) => b.name),
    feedBabies: (await req(tx.objectStore("feeds").getAll())).map((f) => f.baby),
    attention: await req(tx.objectStore("attention").count()),
  }));
  let forgotten, after;
  await navigator.locks.request("letdown-sync", async () => {
    await transact(stores, "readwrite", async (tx) => {
      for (const f of [editedAda, editedMia]) await req(tx.objectStore("feeds").put(f));
      for (const m of queue) {
        await req(tx.objectStore("outbox").put({ ...m, entity: "feed", base_version: 3 }));
      }
      await req(tx.objectStore("attention").add({ feed_id: editedMia.id, type: "rejected" }));
      await req(tx.objectStore("meta").put(6, "next_seq"));
    });
    forgotten = forgetBaby(mia);
    after = navigator.locks.request("letdown-sync", read);
  });
  await forgotten;
  const expected = [[1, sentAda, true], [2, editedAda.id, false], [3, lastAda, false]];
  return { ...(await after), expected };
}"""


def test_forgetting_a_baby_keeps_the_outbox_seqs_without_gaps(page, live_url):
    """family.js forgetBaby on a queue that mixes two babies and a push whose answer was lost."""
    owner, mia = family()
    ada = BabyFactory(owner=owner, name="Ada")
    sign_in(page, live_url, owner)
    # The app's own module instances: hashed names, as its rewritten imports use.
    modules = [static(f"frontend/js/tracker/{name}.js") for name in ("family", "db")]
    result = page.evaluate(FORGET_MIA, [str(mia.pk), str(ada.pk), *modules])
    assert result["outbox"] == result["expected"]
    assert result["nextSeq"] == 4
    assert result["babies"] == ["Ada"]
    assert set(result["feedBabies"]) == {str(ada.pk)}
    assert result["attention"] == 0


def test_a_refused_birth_date_shows_its_message_and_no_error_codes(page, live_url):
    """A 400 also carries `codes` for programs: the form shows only the messages."""
    owner, baby = family()
    sign_in(page, live_url, owner)
    _settings(page, live_url)
    form = page.get_by_test_id("baby-form")
    form.get_by_label("Birth date (optional)").fill("1899-12-31")
    form.get_by_role("button", name="Save name and birth date").click()
    expect(form.locator('[data-error-for="birth_date"]')).to_contain_text("1900")
    expect(form.locator(".form-errors")).to_have_text("")
    assert read_db(page, lambda: Baby.objects.get(pk=baby.pk).birth_date) is None


def test_renaming_names_errors_by_field_then_shows_the_new_name(page, live_url):
    owner, baby = family()
    sign_in(page, live_url, owner)
    _settings(page, live_url)
    form = page.get_by_test_id("baby-form")

    form.get_by_label("Name").fill("   ")
    form.get_by_role("button", name="Save name and birth date").click()
    name_error = form.locator('[data-error-for="name"]')
    expect(name_error).not_to_be_empty()
    expect(form.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("Name")).to_be_focused()
    # The message is tied to the field for screen readers too.
    described = form.get_by_label("Name").get_attribute("aria-describedby")
    assert name_error.get_attribute("id") in described.split()
    assert read_db(page, lambda: Baby.objects.get(pk=baby.pk).name) == "Mia"

    born = timezone.localdate() - timedelta(days=20)
    form.get_by_label("Name").fill("Mia Rose")
    form.get_by_label("Birth date (optional)").fill(born.isoformat())
    form.get_by_role("button", name="Save name and birth date").click()
    expect(page.locator("#tracker-feedback")).to_have_text("Saved.")
    expect(page.get_by_role("heading", name="About Mia Rose")).to_be_visible()
    stored = read_db(page, lambda: Baby.objects.get(pk=baby.pk))
    assert (stored.name, stored.birth_date) == ("Mia Rose", born)
    assert [b["name"] for b in _local_babies(page)] == ["Mia Rose"]

    open_app(page, live_url)
    expect(page.get_by_role("heading", level=1, name="Mia Rose")).to_be_visible()


def test_deleting_a_baby_removes_it_from_the_server_and_the_phone(page, live_url):
    owner, baby = family()
    FeedFactory(baby=baby)
    FeedFactory(baby=baby, kind="pump", left_ml=50, right_ml=40)
    ada = BabyFactory(owner=owner, name="Ada")
    FeedFactory(baby=ada)
    other = add_caregiver(Baby.objects.create(name="Noor"), UserFactory()).baby  # not ours
    sign_in(page, live_url, owner)
    _settings(page, live_url)
    # The sections follow the baby chosen at the top.
    page.get_by_role("radio", name="Ada").check()
    expect(page.get_by_role("heading", name="About Ada")).to_be_visible()
    expect(page.get_by_role("radio", name="Ada")).to_be_focused()
    page.get_by_role("radio", name="Mia").check()
    expect(page.get_by_role("heading", name="About Mia")).to_be_visible()
    _queue_unsent_feed(page, baby.pk)
    assert local_counts(page)["outbox"] == 1

    page.get_by_role("button", name="Delete Mia…").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Mia and all 3 feeds will be deleted")
    expect(dialog.get_by_role("button", name="Keep Mia")).to_be_focused()
    dialog.get_by_role("button", name="Keep Mia").click()
    assert read_db(page, lambda: Baby.objects.filter(pk=baby.pk).exists())

    page.get_by_role("button", name="Delete Mia…").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete Mia and all feeds").click()

    # Home now shows the other baby.
    expect(page.get_by_role("heading", level=1, name="Ada")).to_be_visible()
    expect(page.locator("#tracker-feedback")).to_contain_text("Mia and all feeds were deleted")
    assert not read_db(page, lambda: Baby.objects.filter(pk=baby.pk).exists())
    assert read_db(page, lambda: Feed.objects.filter(baby_id=baby.pk).count()) == 0
    assert read_db(page, lambda: Feed.objects.filter(baby=ada).count()) == 1
    assert read_db(page, lambda: Baby.objects.filter(pk=other.pk).exists())
    assert [b["name"] for b in _local_babies(page)] == ["Ada"]
    assert local_counts(page) == {"feeds": 1, "babies": 1, "outbox": 0, "attention": 0}


def test_deleting_the_account_needs_the_right_password_then_clears_the_phone(page, live_url):
    owner, baby = family()
    FeedFactory(baby=baby)
    sign_in(page, live_url, owner)
    _settings(page, live_url)
    toggle = page.get_by_role("button", name="Delete my account…")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    password = page.get_by_label("Your password")
    expect(password).to_be_focused()

    password.fill("not my password")
    page.get_by_role("button", name="Delete my account", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Delete my account").click()
    expect(page.locator('[data-error-for="password"]')).to_have_text("The password is wrong.")
    expect(password).to_be_focused()
    users = get_user_model().objects
    assert read_db(page, lambda: users.filter(pk=owner.pk).exists())
    assert local_counts(page)["babies"] == 1

    password.fill(PASSWORD)
    page.get_by_role("button", name="Delete my account", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("This cannot be undone")
    dialog.get_by_role("button", name="Delete my account").click()

    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    expect(page.locator("#tracker-feedback")).to_contain_text("Your account was deleted")
    assert not read_db(page, lambda: users.filter(pk=owner.pk).exists())
    assert not read_db(page, lambda: Baby.objects.filter(pk=baby.pk).exists())
    assert local_counts(page) == {"feeds": 0, "babies": 0, "outbox": 0, "attention": 0}
    assert (
        page.evaluate(
            """() => new Promise((resolve) => {
            const open = indexedDB.open("letdown");
            open.onsuccess = () => {
              const request = open.result.transaction("meta").objectStore("meta").count();
              request.onsuccess = () => { open.result.close(); resolve(request.result); };
            };
        })"""
        )
        == 0
    )


def test_offline_every_action_says_it_needs_a_connection_and_changes_nothing(page, live_url):
    owner, baby = family()
    partner = UserFactory()
    add_caregiver(baby, partner)
    sign_in(page, live_url, owner)
    _settings(page, live_url)
    expect(page.get_by_test_id("caregivers")).to_contain_text(partner.username)
    page.context.set_offline(True)

    page.get_by_role("button", name=f"Remove {partner.username}").click()
    expect(
        page.get_by_role("status").filter(has_text="Removing someone needs a connection")
    ).to_be_visible()

    form = page.get_by_test_id("baby-form")
    form.get_by_label("Name").fill("Mia Rose")
    form.get_by_role("button", name="Save name and birth date").click()
    expect(form.get_by_role("alert")).to_contain_text("Saving needs a connection")

    page.get_by_role("button", name="Delete Mia…").click()
    expect(
        page.get_by_role("status").filter(has_text="Deleting Mia needs a connection")
    ).to_be_visible()

    page.get_by_role("button", name="Delete my account…").click()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account", exact=True).click()
    expect(page.locator("#delete-account").get_by_role("alert")).to_contain_text(
        "Deleting your account needs a connection"
    )

    expect(page.get_by_role("dialog")).to_have_count(0)
    assert read_db(page, lambda: Caregiver.objects.filter(user=partner).exists())
    assert read_db(page, lambda: Baby.objects.get(pk=baby.pk).name) == "Mia"
    assert read_db(page, lambda: get_user_model().objects.filter(pk=owner.pk).exists())
    assert [b["name"] for b in _local_babies(page)] == ["Mia"]


def _violations(page):
    results = Axe().run(page)
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_settings_with_the_new_sections_open_has_no_axe_violations(new_context, live_url, scheme):
    owner, baby = family()
    add_caregiver(baby, UserFactory())
    page = new_context(color_scheme=scheme, service_workers="block").new_page()
    sign_in(page, live_url, owner)
    _settings(page, live_url)
    expect(page.get_by_test_id("caregivers").get_by_role("button")).to_have_count(1)
    page.get_by_role("button", name="Delete my account…").click()
    form = page.get_by_test_id("baby-form")
    form.get_by_label("Name").fill("")
    form.get_by_role("button", name="Save name and birth date").click()
    expect(form.locator('[data-error-for="name"]')).not_to_be_empty()
    count, report = _violations(page)
    save_screenshot(page, f"tracker-settings-manage-{scheme}")
    assert count == 0, report

    page.get_by_role("button", name="Delete Mia…").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    count, report = _violations(page)
    save_screenshot(page, f"tracker-settings-delete-baby-{scheme}")
    assert count == 0, report
