/**
 * #/signin and #/signup: the two account screens. Both need the network
 * once; afterwards the app works offline. After success the app pulls the
 * family's data and goes home, or to #/welcome when there is no baby yet.
 */

import { formTell, onlineAction } from "../actions.js";
import { add, h, screenTitle } from "../dom.js";
import { errorSummary, field } from "../fields.js";
import { confirmDialog } from "../dialog.js";
import { pendingMutations } from "../outbox.js";
import { signIn, signUp } from "../account.js";
import { localUser } from "../session.js";

/** Signing in as someone else clears this phone: ask first if entries are still waiting. */
async function okToReplace(username) {
  const previous = await localUser();
  if (!previous || previous.username.toLowerCase() === username.toLowerCase()) return true;
  const waiting = (await pendingMutations()).length;
  if (!waiting) return true;
  return confirmDialog({
    title: `Sign in as ${username}?`,
    body: [
      `${waiting} change${waiting === 1 ? "" : "s"} by ${previous.username} ha${waiting === 1 ? "s" : "ve"} not reached the server yet and would be removed from this phone.`,
      `Sign in as ${previous.username} instead to keep ${waiting === 1 ? "it" : "them"}.`,
    ],
    confirm: "Sign in and remove them",
    cancel: "Go back",
  });
}

function input(name, type, autocomplete, extra = {}) {
  return h("input", { name, type, autocomplete, required: name !== "email", ...extra });
}

/** Submitting `form` signs in with `action` (after okToReplace), then the app moves on. */
function onSubmit(form, username, action, ctx) {
  form.addEventListener(
    "submit",
    onlineAction(
      async () => {
        if (!(await okToReplace(username.value.trim()))) return;
        await action();
        await ctx.afterSignIn();
      },
      { offline: "You are offline. Signing in needs a connection once.", tell: formTell(form) },
    ),
  );
}

export function renderSignIn(root, ctx) {
  const username = input("username", "text", "username", { autocapitalize: "none" });
  const password = input("password", "password", "current-password");
  const form = h(
    "form",
    { class: "stack", novalidate: true },
    errorSummary(),
    field("Username", username),
    field("Password", password),
    h("button", { type: "submit", class: "btn btn-primary btn-big" }, "Sign in"),
  );
  onSubmit(form, username, () => signIn(username.value.trim(), password.value), ctx);
  add(
    root,
    screenTitle("Sign in"),
    ctx.expired
      ? h(
          "p",
          { class: "banner" },
          "Your session ended. Sign in again to keep syncing; nothing on this phone is lost.",
        )
      : null,
    form,
    // The server's page: the reset email and its link work without the app.
    h("p", {}, h("a", { href: "/accounts/password_reset/" }, "Forgot password?")),
    h("p", {}, "New to Letdown? ", h("a", { href: "#/signup" }, "Create an account")),
  );
}

export function renderSignUp(root, ctx) {
  const username = input("username", "text", "username", { autocapitalize: "none" });
  const email = input("email", "email", "email");
  const password = input("password", "password", "new-password", { minlength: "8" });
  const form = h(
    "form",
    { class: "stack", novalidate: true },
    errorSummary(),
    field("Username", username),
    field("Email (optional)", email, "Only for resetting your password."),
    field("Password", password, "At least 8 characters; a few words work well."),
    h("button", { type: "submit", class: "btn btn-primary btn-big" }, "Create account"),
  );
  onSubmit(
    form,
    username,
    () => signUp(username.value.trim(), password.value, email.value.trim()),
    ctx,
  );
  add(
    root,
    screenTitle("Create your account"),
    h("p", {}, "Your feeds are saved on this phone first, and shared with the people you invite."),
    form,
    h("p", {}, "Already have an account? ", h("a", { href: "#/signin" }, "Sign in")),
  );
}
