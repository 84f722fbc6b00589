/**
 * #/welcome: the first run. Name the baby (creates it on the server), or
 * join a partner's baby with an invite code. Both need a connection once.
 */

import { onlineSubmit } from "../actions.js";
import { add, h, screenTitle } from "../dom.js";
import { acceptInvite, createBaby } from "../family.js";
import { babyNameInput, errorSummary, field } from "../fields.js";
import { chooseBaby, putBabies } from "../store.js";
import { requestSync } from "../sync.js";

const OFFLINE = "You are offline. This step needs a connection once.";
const guarded = (form, action) => onlineSubmit(form, action, OFFLINE);

async function adoptBaby(baby, ctx) {
  await putBabies([baby]);
  await chooseBaby(baby.id);
  await requestSync();
  ctx.go("#/");
}

export function renderWelcome(root, ctx) {
  const name = babyNameInput();
  const birth = h("input", { name: "birth_date", type: "date" });
  const create = h(
    "form",
    { class: "stack card" },
    h("h2", {}, "Your baby"),
    errorSummary(),
    field("Baby's name", name, "A nickname is fine."),
    field("Birth date (optional)", birth),
    h("button", { type: "submit", class: "btn btn-primary btn-big" }, "Start tracking"),
  );
  guarded(create, async () => {
    const body = { name: name.value.trim() };
    if (birth.value) body.birth_date = birth.value;
    await adoptBaby(await createBaby(body), ctx);
  });

  const code = h("input", {
    name: "code",
    type: "text",
    required: true,
    autocomplete: "off",
    autocapitalize: "characters",
  });
  const join = h(
    "form",
    { class: "stack card" },
    h("h2", {}, "Or join your partner"),
    errorSummary(),
    field("Invite code", code, "Your partner can create one in Settings."),
    h("button", { type: "submit", class: "btn btn-big" }, "Join"),
  );
  guarded(join, async () => {
    await adoptBaby(await acceptInvite(code.value.trim()), ctx);
  });

  add(
    root,
    screenTitle("Welcome to Letdown"),
    h("p", {}, "Everything you log is saved on this phone first, so it works without signal."),
    create,
    join,
  );
}
