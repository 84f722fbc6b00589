/**
 * The settings sections that change the family on the server: sharing
 * (invite, remove a caregiver, leave), the baby's name and birth date,
 * deleting the baby, and deleting the account. Each needs the network:
 * offline they say so and change nothing. Afterwards this phone forgets what
 * the server no longer shows (account.js `forgetBaby`, `deleteAccount`).
 */

import { ApiError, OfflineError, api, del, get, post } from "../api.js";
import { h, replaceChildren } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { say } from "../feedback.js";
import { errorSummary, field, showErrors } from "../fields.js";
import { clockTime } from "../format.js";
import { deleteAccount, forgetBaby, pendingFor } from "../account.js";
import { feedsOf, putBabies } from "../store.js";
import { requestSync, syncStatus } from "../sync.js";

const OFFLINE = "needs a connection. You are offline, so nothing was changed.";

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Run `action`; offline (before or during) or refused, `tell` says why and nothing changes here. */
async function online(what, tell, action) {
  if (!navigator.onLine) return tell(`${what} ${OFFLINE}`);
  try {
    return await action();
  } catch (error) {
    if (error instanceof OfflineError) return tell(`${what} ${OFFLINE}`);
    if (error instanceof ApiError) return tell(error.messages().join(" "));
    throw error;
  }
}

/**
 * A button's action: while it runs (a sync, a dialog, the request) the button
 * is aria-disabled and ignores more taps. Not `disabled`: that would drop
 * keyboard focus, which the dialog could then not give back.
 */
function oneAtATime(action) {
  return async (event) => {
    event.preventDefault();
    const button =
      event.type === "submit"
        ? event.currentTarget.querySelector("[type=submit]")
        : event.currentTarget;
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    try {
      await action(event);
    } finally {
      button.removeAttribute("aria-disabled");
    }
  };
}

/** DELETE `path`, true when done; 404 counts as done (another phone got there first, same result). */
async function deleted(path) {
  try {
    await del(path);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  return true;
}

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
    oneAtATime(async () => {
      replaceChildren(out);
      if (!navigator.onLine) return tell(`Removing someone ${OFFLINE}`);
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
      const done = await online("Removing someone", tell, () =>
        deleted(`/api/v1/babies/${baby.id}/caregivers/${person.user_id}/`),
      );
      if (done !== true) return;
      await load();
      tell(`${person.username} can no longer see ${baby.name}.`);
      heading.focus();
    });

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
    get(`/api/v1/babies/${baby.id}/caregivers/`)
      .then((list) => replaceChildren(caregivers, (list.results || list).map(row)))
      .catch(() =>
        replaceChildren(caregivers, h("li", {}, "The list appears when you are online.")),
      );
  load();
  // Back online while Settings is open: fill the list in. The listener goes
  // with the screen (it removes itself once the list is no longer shown).
  const onOnline = () =>
    caregivers.isConnected ? load() : removeEventListener("online", onOnline);
  addEventListener("online", onOnline);

  const invite = oneAtATime(() =>
    online("Creating a code", tell, async () => {
      const answer = await post(`/api/v1/babies/${baby.id}/invites/`, {});
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
    }),
  );

  const leave = oneAtATime(async () => {
    replaceChildren(out);
    if (!navigator.onLine) return tell(`Leaving ${OFFLINE}`);
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
    const done = await online("Leaving", tell, () =>
      deleted(`/api/v1/babies/${baby.id}/caregivers/${ctx.user.id}/`),
    );
    if (done === true)
      await leaveScreen(
        baby,
        `You no longer see ${baby.name}. It was removed from this phone.`,
        ctx,
      );
  });

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
  const name = h("input", {
    name: "name",
    type: "text",
    required: true,
    maxlength: "100",
    autocomplete: "off",
    value: baby.name,
  });
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
    oneAtATime(async () => {
      const saved = await online(
        "Saving",
        (text) => showErrors(form, { detail: [text] }),
        async () => {
          try {
            return await api("PATCH", `/api/v1/babies/${baby.id}/`, {
              name: name.value.trim(),
              birth_date: born.value || null,
            });
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            showErrors(form, error.body || { detail: ["That did not work. Please try again."] });
            return null;
          }
        },
      );
      if (!saved?.id) return;
      await putBabies([{ ...baby, ...saved }]);
      say("Saved.");
      await ctx.rerender();
    }),
  );
  return h("section", { class: "card stack", "aria-labelledby": "baby-title" }, title, form);
}

/** Delete the baby for everyone (owner only), after a dialog that says exactly what goes. */
export function deleteBaby(baby, ctx) {
  if (baby.role !== "owner") return null;
  // Present from the start, so screen readers hear the message when it changes.
  const status = h("p", { role: "status" });
  const remove = oneAtATime(async () => {
    status.textContent = "";
    if (!navigator.onLine) {
      status.textContent = `Deleting ${baby.name} ${OFFLINE}`;
      return;
    }
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
    const done = await online(
      `Deleting ${baby.name}`,
      (text) => (status.textContent = text),
      () => deleted(`/api/v1/babies/${baby.id}/`),
    );
    if (done === true) await leaveScreen(baby, `${baby.name} and all feeds were deleted.`, ctx);
  });
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
    oneAtATime(async () => {
      const tell = (text) => showErrors(form, { detail: [text] });
      if (!navigator.onLine) return tell(`Deleting your account ${OFFLINE}`);
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
      const done = await online("Deleting your account", tell, async () => {
        try {
          await deleteAccount(password.value);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          showErrors(form, error.body || { detail: ["That did not work. Please try again."] });
          return false;
        }
        return true;
      });
      if (done !== true) return;
      ctx.go("#/signin");
      say("Your account was deleted, and nothing of it is left on this phone.", 10000);
    }),
  );
  return [toggle, form];
}
