/**
 * The server's refusals as sentences a parent can read. DRF answers
 * `{"field": ["message", ...], "codes": {...}}`, with `non_field_errors` or
 * `detail` for what belongs to no field; list fields (segments, let-downs)
 * nest messages per item. Each field's messages come under its label
 * ("Amount: ..."), never the API's field name.
 *
 * The labels live here and only here (until the generated rulebook carries
 * them).
 */

const FIELD_LABELS = {
  baby: "Baby",
  kind: "Kind of feed",
  started_at: "Start time",
  ended_at: "End time",
  segments: "Timer times",
  letdown_count: "Let-downs",
  letdowns: "Let-downs",
  signs: "Signs",
  left_ml: "Left amount",
  right_ml: "Right amount",
  amount_ml: "Amount",
  milk_type: "Milk",
  notes: "Note",
  id: "This feed",
  name: "Name",
  birth_date: "Birth date",
  code: "Invite code",
  username: "Username",
  email: "Email",
  password: "Password",
};

const GENERAL = new Set(["detail", "non_field_errors"]);
const FALLBACK = "That did not work. Please try again.";

/** A field's label; a name without one is shown in words ("some_field" -> "Some field"). */
export function fieldLabel(name) {
  if (FIELD_LABELS[name]) return FIELD_LABELS[name];
  const words = String(name).replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every message string inside `value` (a string, a list, or an item's {field: [...]}), in order. */
export function texts(value) {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (typeof value === "object") return Object.values(value).flatMap(texts);
  return [String(value)];
}

/**
 * One line per field of a DRF error body: "Label: messages", or the bare
 * messages for `detail` / `non_field_errors` (none for an empty body). `say`
 * replaces a field's messages with a sentence of the caller's
 * ({segments: "..."}).
 */
export function errorLines(body, say = {}) {
  if (typeof body === "string" && body) return [body];
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    const list = texts(body);
    return list.length ? [list.join(" ")] : [FALLBACK];
  }
  const lines = [];
  for (const [name, value] of Object.entries(body)) {
    if (name === "codes") continue;
    const text = say[name] ?? texts(value).join(" ");
    if (!text) continue;
    lines.push(GENERAL.has(name) ? text : `${fieldLabel(name)}: ${text}`);
  }
  return lines;
}

/** The whole body in one paragraph (a general sentence when it names nothing). */
export function errorText(body, say) {
  return errorLines(body, say).join(" ") || FALLBACK;
}
