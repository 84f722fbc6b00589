/**
 * The settings sections that change the family on the server: sharing
 * (invite, remove a caregiver, leave), the baby's name and birth date,
 * deleting the baby, and deleting the account. Each needs the network:
 * offline they say so and change nothing. Afterwards this phone forgets what
 * the server no longer shows (family.js `forgetBaby`, account.js
 * `deleteAccount`). The server calls are family.js; every button is an
 * actions.js `onlineAction`.
 */

import { h, replaceChildren } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { say } from "../feedback.js";
import { babyNameInput, errorSummary, field, showErrors } from "../fields.js";
import { clockTime } from "../format.js";
import { deleteAccount } from "../account.js";
import { formTell, onlineAction } from "../actions.js";
import {
  caregiversOf,
  createInvite,
  deleteBabyEverywhere,
  forgetBaby,
  pendingFor,
  removeCaregiver,
  updateBaby,
} from "../family.js";
import { feedsOf } from "../store.js";
import { requestSync, syncStatus } from "../sync.js";

const OFFLINE = "needs a connection. You are offline, so nothing was changed.";

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The baby is gone for this user: forget it here and go to the next baby (or first run). */
async function leaveScreen(baby, message, ctx) {
  await forgetBaby(baby.id);
  requestSync(); // refreshes the pending count in the sync bar
  ctx.go("#/");
  say(message, 8000);
}

export function sharing(baby, ctx) {
  const owner = baby.role === "owner";
  // One message area for the invite code and for what remove / leave did.
  const out = h("div", { class: "stack", role: "status" });
  const tell = (text) => replaceChildren(out, h("p", {}, text));
  const heading = h("h2", { id: "sharing-title", tabindex: "-1" }, "Sharing");
  const caregivers = h("ul", { class: "link-list", "data-testid": "caregivers" });

  const remove = (person) =>
    onlineAction(
      async () => {
        replaceChildren(out);
        const sure = await confirmDialog({
          title: `Remove ${person.username}?`,
          body: [
            `${person.username} will no longer see ${baby.name} or add feeds. The feeds they added stay.`,
            "To share again, create a new invite code.",
          ],
          confirm: `Remove ${person.username}`,
          cancel: "Keep sharing",
        });
        if (!sure) return;
        await removeCaregiver(baby.id, person.user_id);
        await load();
        tell(`${person.username} can no longer see ${baby.name}.`);
        heading.focus();
      },
      { offline: `Removing someone ${OFFLINE}`, tell },
    );

  const row = (person) => {
    const me = person.user_id === ctx.user.id;
    const label = `${person.username}${me ? " (you)" : ""}${person.role === "owner" ? ", owner" : ""}`;
    return h(
      "li",
      { class: "cluster" },
      h("span", {}, label),
      owner && person.role !== "owner"
        ? h(
            "button",
            {
              type: "button",
              class: "btn btn-danger",
              "aria-label": `Remove ${person.username}`,
              onclick: remove(person),
            },
            "Remove",
          )
        : null,
    );
  };

  const load = () =>
    caregiversOf(baby.id)
      .then((list) => replaceChildren(caregivers, list.map(row)))
      .catch(() =>
        replaceChildren(caregivers, h("li", {}, "The list appears when you are online.")),
      );
  load();
  // Back online while Settings is open: fill the list in. The listener goes
  // with the screen (it removes itself once the list is no longer shown).
  const onOnline = () =>
    caregivers.isConnected ? load() : removeEventListener("online", onOnline);
  addEventListener("online", onOnline);

  const invite = onlineAction(
    async () => {
      const answer = await createInvite(baby.id);
      replaceChildren(
        out,
        h("p", {}, "Give this code to your partner. They enter it after creating their account:"),
        h("p", { class: "invite-code", "data-testid": "invite-code" }, answer.code),
        h(
          "p",
          { class: "field-hint" },
          `Valid until ${new Date(answer.expires_at).toLocaleDateString()} ${clockTime(answer.expires_at)}.`,
        ),
      );
    },
    { offline: `Creating a code ${OFFLINE}`, tell },
  );

  const leave = onlineAction(
    async () => {
      replaceChildren(out);
      await requestSync(); // send what can still be sent first
      const pending = await pendingFor(baby.id);
      const sure = await confirmDialog({
        title: `Stop seeing ${baby.name}?`,
        body: [
          `${baby.name} and every feed will be removed from this phone, and you will no longer get updates. The feeds stay with the owner.`,
          pending
            ? `${plural(pending, "change")} you made ha${pending === 1 ? "s" : "ve"} not reached the server yet and will be lost.`
            : null,
          "To see them again, ask the owner for a new invite code.",
        ].filter(Boolean),
        confirm: "Stop sharing with me",
        cancel: "Stay",
      });
      if (!sure) return;
      await removeCaregiver(baby.id, ctx.user.id);
      await leaveScreen(
        baby,
        `You no longer see ${baby.name}. It was removed from this phone.`,
        ctx,
      );
    },
    { offline: `Leaving ${OFFLINE}`, tell },
  );

  return h(
    "section",
    { class: "card stack", "aria-labelledby": "sharing-title" },
    heading,
    h("p", {}, "People who can see and add feeds:"),
    caregivers,
    owner
      ? h("button", { type: "button", class: "btn", onclick: invite }, "Create an invite code")
      : [
          h("p", {}, "Only the person who added the baby can invite others."),
          h(
            "button",
            { type: "button", class: "btn btn-danger", onclick: leave },
            `Stop sharing ${baby.name} with me`,
          ),
        ],
    out,
  );
}

/** Name and birth date (owner only: the API refuses caregivers). */
export function babyDetails(baby, ctx) {
  const title = h("h2", { id: "baby-title" }, `About ${baby.name}`);
  if (baby.role !== "owner") {
    return h(
      "section",
      { class: "card stack", "aria-labelledby": "baby-title" },
      title,
      h("p", {}, `Only the person who added ${baby.name} can change the name or birth date.`),
    );
  }
  const name = babyNameInput(baby.name);
  const born = h("input", {
    name: "birth_date",
    type: "date",
    max: new Date().toLocaleDateString("en-CA"),
    value: baby.birth_date || "",
  });
  const form = h(
    "form",
    { class: "stack", novalidate: true, "data-testid": "baby-form" },
    errorSummary(),
    field("Name", name),
    field("Birth date (optional)", born),
    h(
      "button",
      { type: "submit", class: "btn btn-primary btn-block" },
      "Save name and birth date",
    ),
  );
  form.addEventListener(
    "submit",
    onlineAction(
      async () => {
        await updateBaby(baby, { name: name.value.trim(), birth_date: born.value || null });
        say("Saved.");
        await ctx.rerender();
      },
      { offline: `Saving ${OFFLINE}`, tell: formTell(form) },
    ),
  );
  return h("section", { class: "card stack", "aria-labelledby": "baby-title" }, title, form);
}

/** Delete the baby for everyone (owner only), after a dialog that says exactly what goes. */
export function deleteBaby(baby, ctx) {
  if (baby.role !== "owner") return null;
  // Present from the start, so screen readers hear the message when it changes.
  const status = h("p", { role: "status" });
  const remove = onlineAction(
    async () => {
      status.textContent = "";
      await requestSync(); // an outbox answered now leaves nothing behind for a baby that is gone
      const feeds = (await feedsOf(baby.id)).length;
      const sure = await confirmDialog({
        title: `Delete ${baby.name} for everyone?`,
        body: [
          `${feeds ? `${baby.name} and all ${plural(feeds, "feed")}` : baby.name} will be deleted from the server and from the phone of everyone who shares ${baby.name}.`,
          "This cannot be undone. Download an export first to keep a copy.",
        ],
        confirm: `Delete ${baby.name} and all feeds`,
        cancel: `Keep ${baby.name}`,
      });
      if (!sure) return;
      await deleteBabyEverywhere(baby.id);
      await leaveScreen(baby, `${baby.name} and all feeds were deleted.`, ctx);
    },
    {
      offline: `Deleting ${baby.name} ${OFFLINE}`,
      tell: (text) => {
        status.textContent = text;
      },
    },
  );
  return h(
    "section",
    { class: "card stack", "aria-labelledby": "delete-baby-title" },
    h("h2", { id: "delete-baby-title" }, `Delete ${baby.name}`),
    h("p", {}, `Deletes ${baby.name} and every feed, for everyone who shares ${baby.name}.`),
    h(
      "button",
      { type: "button", class: "btn btn-danger btn-block", onclick: remove },
      `Delete ${baby.name}…`,
    ),
    status,
  );
}

/** "Delete my account": a password, a last warning (like signing out), then a cleared phone. */
export function deleteAccountPart(ctx) {
  const password = h("input", {
    name: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  const form = h(
    "form",
    { class: "stack", novalidate: true, id: "delete-account", hidden: true },
    h(
      "p",
      {},
      "This deletes your account, every baby you added (with all their feeds, for everyone who shares them) and your access to babies others share with you. Feeds you added for those babies stay with their owner.",
    ),
    errorSummary(),
    field("Your password", password, "To be sure it is you."),
    h("button", { type: "submit", class: "btn btn-primary btn-block" }, "Delete my account"),
  );
  const toggle = h(
    "button",
    {
      type: "button",
      class: "btn btn-danger btn-block",
      "aria-expanded": "false",
      "aria-controls": "delete-account",
    },
    "Delete my account…",
  );
  toggle.addEventListener("click", () => {
    const open = form.hidden;
    form.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open) password.focus();
  });
  form.addEventListener(
    "submit",
    onlineAction(
      async () => {
        if (!password.value) return showErrors(form, { password: ["Enter your password."] });
        await requestSync();
        const pending = syncStatus().pending;
        const sure = await confirmDialog({
          title: "Delete your account for good?",
          body: [
            "Your account, the babies you added and all their feeds are deleted from the server and from this phone. This cannot be undone.",
            pending
              ? `${plural(pending, "change")} ha${pending === 1 ? "s" : "ve"} not reached the server yet and will be lost too.`
              : null,
          ].filter(Boolean),
          confirm: "Delete my account",
          cancel: "Keep my account",
        });
        if (!sure) return;
        await deleteAccount(password.value);
        ctx.go("#/signin");
        say("Your account was deleted, and nothing of it is left on this phone.", 10000);
      },
      { offline: `Deleting your account ${OFFLINE}`, tell: formTell(form) },
    ),
  );
  return [toggle, form];
}
