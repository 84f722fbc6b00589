/**
 * #/settings: units (ml/oz), theme, which baby, sharing (invite code for the
 * owner, caregivers), export, and signing out. Signing out warns about
 * entries that have not reached the server, then clears this phone.
 */

import { ApiError, OfflineError, get, post } from "../api.js";
import { add, h, replaceChildren, screenTitle } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { say } from "../feedback.js";
import { clockTime } from "../format.js";
import { writeMeta } from "../db.js";
import { notifyChanged } from "../changes.js";
import { signOut } from "../account.js";
import { babies, chooseBaby } from "../store.js";
import { requestSync, syncStatus } from "../sync.js";

function choice(name, legend, options, current, onChange) {
  return h("fieldset", { class: "field segmented" }, h("legend", {}, legend),
    options.map(([value, label]) =>
      h("div", { class: "check" },
        h("input", { type: "radio", name, id: `${name}-${value}`, value, checked: value === current, onchange: () => onChange(value) }),
        h("label", { for: `${name}-${value}` }, label))));
}

async function setPreference(key, value) {
  await writeMeta(key, value);
  notifyChanged();
  say("Saved.");
}

function sharing(baby) {
  const out = h("div", { class: "stack", "aria-live": "polite" });
  const caregivers = h("ul", { class: "link-list", "data-testid": "caregivers" });
  get(`/api/v1/babies/${baby.id}/caregivers/`)
    .then((list) => replaceChildren(caregivers, (list.results || list).map((person) => h("li", {}, `${person.username}${person.role ? ` (${person.role})` : ""}`))))
    .catch(() => replaceChildren(caregivers, h("li", {}, "The list appears when you are online.")));
  const invite = async () => {
    try {
      const answer = await post(`/api/v1/babies/${baby.id}/invites/`, {});
      replaceChildren(out, h("p", {}, "Give this code to your partner. They enter it after creating their account:"),
        h("p", { class: "invite-code", "data-testid": "invite-code" }, answer.code),
        h("p", { class: "field-hint" }, `Valid until ${new Date(answer.expires_at).toLocaleDateString()} ${clockTime(answer.expires_at)}.`));
    } catch (error) {
      replaceChildren(out, h("p", {}, error instanceof OfflineError ? "Creating a code needs a connection." : error instanceof ApiError ? error.messages().join(" ") : "That did not work."));
    }
  };
  return h("section", { class: "card stack", "aria-labelledby": "sharing-title" },
    h("h2", { id: "sharing-title" }, "Sharing"),
    h("p", {}, "People who can see and add feeds:"), caregivers,
    baby.role === "owner" ? h("button", { type: "button", class: "btn", onclick: invite }, "Create an invite code") : h("p", {}, "Only the person who added the baby can invite others."),
    out);
}

async function confirmSignOut(ctx) {
  await requestSync();
  const pending = syncStatus().pending;
  const body = pending
    ? [`${pending} change${pending === 1 ? " has" : "s have"} not reached the server yet. Signing out now removes ${pending === 1 ? "it" : "them"} from this phone for good.`, "Connect to the internet first to keep them."]
    : ["Your feeds are safe on the server. This removes them from this phone."];
  const sure = await confirmDialog({ title: "Sign out?", body, confirm: pending ? "Sign out and lose them" : "Sign out", cancel: "Stay signed in" });
  if (!sure) return;
  try {
    await signOut();
  } catch (error) {
    if (!(error instanceof OfflineError)) throw error;
    say("Signing out needs a connection. Nothing was removed.");
    return;
  }
  ctx.go("#/signin");
}

export async function renderSettings(root, ctx) {
  const list = await babies();
  add(root, 
    screenTitle("Settings"),
    choice("units", "Amounts in", [["ml", "Millilitres (ml)"], ["oz", "Ounces (oz)"]], ctx.units, (value) => setPreference("units", value)),
    choice("theme", "Theme", [["system", "Like the phone"], ["light", "Light"], ["dark", "Dark"]], ctx.theme, (value) => setPreference("theme", value)),
    list.length > 1 ? choice("baby", "Baby", list.map((b) => [b.id, b.name]), ctx.baby.id, (id) => chooseBaby(id)) : null,
    sharing(ctx.baby),
    h("section", { class: "card stack", "aria-labelledby": "export-title" },
      h("h2", { id: "export-title" }, "Export"),
      h("p", {}, "Every feed you can see, for your records or a doctor's visit."),
      h("a", { href: "/api/v1/export/?format=csv", class: "btn", download: "" }, "Download CSV"),
      h("a", { href: "/api/v1/export/?format=json", class: "btn", download: "" }, "Download JSON")),
    h("section", { class: "card stack", "aria-labelledby": "account-title" },
      h("h2", { id: "account-title" }, "Account"),
      h("p", {}, `Signed in as ${ctx.user.username}.`),
      h("button", { type: "button", class: "btn btn-big", onclick: () => confirmSignOut(ctx) }, "Sign out")),
  );
}
