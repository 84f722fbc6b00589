/**
 * Hash routes of the tracker. `parseHash("#/feed/<id>?finished=1")` gives
 * {name: "edit", params: {id}, query}. Unknown routes go home.
 */

const ROUTES = [
  [/^\/$/, "home", []],
  [/^\/timer$/, "timer", []],
  [/^\/log\/(pump|bottle|breast)$/, "log", ["kind"]],
  [/^\/history$/, "history", []],
  [/^\/feed\/([0-9a-fA-F-]{36})$/, "edit", ["id"]],
  [/^\/charts$/, "charts", []],
  [/^\/report$/, "report", []],
  [/^\/settings$/, "settings", []],
  [/^\/account$/, "account", []],
  [/^\/sync$/, "sync", []],
  [/^\/signin$/, "signin", []],
  [/^\/signup$/, "signup", []],
  [/^\/welcome$/, "welcome", []],
];

/** Screens for people who are not signed in (no nav, no sync bar). */
export const ACCOUNT_SCREENS = new Set(["signin", "signup"]);

export function parseHash(hash) {
  const raw = hash.replace(/^#/, "") || "/";
  const [path, search = ""] = raw.split("?");
  const query = new URLSearchParams(search);
  for (const [pattern, name, keys] of ROUTES) {
    const match = path.match(pattern);
    if (match) {
      const params = Object.fromEntries(keys.map((key, index) => [key, match[index + 1]]));
      return { name, params, query };
    }
  }
  return { name: "home", params: {}, query };
}
