/**
 * #/account: change the password, and see and sign out the phones, browsers
 * and scripts signed in to the account. Both need a connection; the server
 * signs out every other device when the password changes.
 */

import { OfflineError } from "../api.js";
import { add, h, replaceChildren, screenTitle } from "../dom.js";
import { confirmDialog } from "../dialog.js";
import { say } from "../feedback.js";
import { errorSummary, field, showErrors } from "../fields.js";
import { ago } from "../format.js";
import { changePassword, devices, revokeDevice } from "../account.js";
import { onlineSubmit } from "../actions.js";

const OFFLINE = "This needs a connection. You are offline, so nothing was changed.";

function passwordInput(name, autocomplete) {
  return h("input", { name, type: "password", autocomplete, required: true });
}

function passwordPart(refresh) {
  const current = passwordInput("old_password", "current-password");
  const next = passwordInput("new_password", "new-password");
  const form = h(
    "form",
    { class: "stack", novalidate: true },
    errorSummary(),
    field("Current password", current),
    field("New password", next, "At least 8 characters; a few words work well."),
    h("button", { type: "submit", class: "btn btn-primary btn-block" }, "Change password"),
  );
  onlineSubmit(
    form,
    async () => {
      await changePassword(current.value, next.value);
      form.reset();
      showErrors(form, {});
      say("Password changed. Your other phones are signed out; sign in there with the new one.");
      await refresh();
    },
    OFFLINE,
  );
  return h(
    "section",
    { class: "card stack", "aria-labelledby": "password-title" },
    h("h2", { id: "password-title" }, "Password"),
    form,
  );
}

function deviceItem(device, refresh) {
  const used = `Last used ${ago(device.last_used_at)}`;
  const action = device.current
    ? h("p", { class: "muted" }, "This phone. Sign out from Settings.")
    : h(
        "button",
        {
          type: "button",
          class: "btn",
          onclick: async () => {
            const sure = await confirmDialog({
              title: `Sign out ${device.name}?`,
              body: ["It stops syncing at once; signing in there again needs the password."],
              confirm: "Sign it out",
              cancel: "Keep it",
            });
            if (!sure) return;
            try {
              await revokeDevice(device.id);
            } catch (error) {
              if (!(error instanceof OfflineError)) throw error;
              return say(OFFLINE);
            }
            say(`${device.name} is signed out.`);
            await refresh();
          },
        },
        "Sign out",
      );
  return h(
    "li",
    { class: "stack device" },
    h("strong", {}, device.name),
    h("span", {}, used),
    action,
  );
}

export async function renderDevices(root) {
  const list = h("ul", { class: "link-list", "aria-labelledby": "devices-title" });
  const refresh = async () => {
    try {
      const items = await devices();
      replaceChildren(list, ...items.map((device) => deviceItem(device, refresh)));
    } catch (error) {
      if (!(error instanceof OfflineError)) throw error;
      replaceChildren(list, h("li", {}, "The list needs a connection. You are offline."));
    }
  };
  add(
    root,
    screenTitle("Password and devices"),
    passwordPart(refresh),
    h(
      "section",
      { class: "card stack" },
      h("h2", { id: "devices-title" }, "Signed-in devices"),
      h("p", {}, "Every phone, browser and script signed in to your account."),
      list,
    ),
    h("p", {}, h("a", { href: "#/settings" }, "Back to Settings")),
  );
  await refresh();
}
