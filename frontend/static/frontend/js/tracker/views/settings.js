/**
 * #/settings: units (ml/oz), theme, which baby, the baby's details, sharing,
 * export, deleting the baby, signing out and deleting the account (the
 * sections that change the family on the server are in manage.js). Signing
 * out warns about entries that have not reached the server, then clears
 * this phone.
 */

import { API, OfflineError } from "../api.js";
import { add, h, screenTitle } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { say } from "../feedback.js";
import { writeMeta } from "../db.js";
import { notifyChanged } from "../changes.js";
import { signOut } from "../account.js";
import { babies, chooseBaby } from "../store.js";
import { requestSync, syncStatus } from "../sync.js";
import { babyDetails, deleteAccountPart, deleteBaby, sharing } from "./manage.js";

function choice(name, legend, options, current, onChange) {
  return h(
    "fieldset",
    { class: "field segmented" },
    h("legend", {}, legend),
    options.map(([value, label]) =>
      h(
        "div",
        { class: "check" },
        h("input", {
          type: "radio",
          name,
          id: `${name}-${value}`,
          value,
          checked: value === current,
          onchange: () => onChange(value),
        }),
        h("label", { for: `${name}-${value}` }, label),
      ),
    ),
  );
}

async function setPreference(key, value) {
  await writeMeta(key, value);
  notifyChanged();
  say("Saved.");
}

/** The sections below belong to the chosen baby: draw them again, keeping focus on the choice. */
async function pickBaby(id, ctx) {
  await chooseBaby(id);
  await ctx.rerender();
  document.getElementById(`baby-${id}`)?.focus();
}

async function confirmSignOut(ctx) {
  await requestSync();
  const pending = syncStatus().pending;
  const body = pending
    ? [
        `${pending} change${pending === 1 ? " has" : "s have"} not reached the server yet. Signing out now removes ${pending === 1 ? "it" : "them"} from this phone for good.`,
        "Connect to the internet first to keep them.",
      ]
    : ["Your feeds are safe on the server. This removes them from this phone."];
  const sure = await confirmDialog({
    title: "Sign out?",
    body,
    confirm: pending ? "Sign out and lose them" : "Sign out",
    cancel: "Stay signed in",
  });
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
  add(
    root,
    screenTitle("Settings"),
    choice(
      "units",
      "Amounts in",
      [
        ["ml", "Millilitres (ml)"],
        ["oz", "Ounces (oz)"],
      ],
      ctx.units,
      (value) => setPreference("units", value),
    ),
    choice(
      "theme",
      "Theme",
      [
        ["system", "Like the phone"],
        ["light", "Light"],
        ["dark", "Dark"],
      ],
      ctx.theme,
      (value) => setPreference("theme", value),
    ),
    list.length > 1
      ? choice(
          "baby",
          "Baby",
          list.map((b) => [b.id, b.name]),
          ctx.baby.id,
          (id) => pickBaby(id, ctx),
        )
      : null,
    babyDetails(ctx.baby, ctx),
    sharing(ctx.baby, ctx),
    h(
      "section",
      { class: "card stack", "aria-labelledby": "export-title" },
      h("h2", { id: "export-title" }, "Export"),
      h("p", {}, "Every feed you can see, for your records or a doctor's visit."),
      h(
        "a",
        {
          href: `${API.export}?${new URLSearchParams({ format: "csv", tz: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" })}`,
          class: "btn",
          download: "",
        },
        "Download CSV",
      ),
      h("a", { href: `${API.export}?format=json`, class: "btn", download: "" }, "Download JSON"),
    ),
    deleteBaby(ctx.baby, ctx),
    h(
      "section",
      { class: "card stack", "aria-labelledby": "account-title" },
      h("h2", { id: "account-title" }, "Account"),
      h("p", {}, `Signed in as ${ctx.user.username}.`),
      h("a", { href: "#/account", class: "btn btn-big" }, "Password and devices"),
      h(
        "button",
        { type: "button", class: "btn btn-big", onclick: () => confirmSignOut(ctx) },
        "Sign out",
      ),
      deleteAccountPart(ctx),
    ),
  );
}
