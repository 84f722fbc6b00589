// Every name a module under frontend/static/frontend/js exports is imported
// somewhere else (the app, or a test of its pure parts): an export nobody
// imports is dead code or a helper that should be private.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

const HERE = new URL(".", import.meta.url).pathname;
const ROOT = join(HERE, "../../frontend/static/frontend/js");
const TESTS = join(HERE, "..");

// Exports allowed to have no importer, as "file: name" (none today: keep it so).
const KNOWN = new Set([]);

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

const names = (list) =>
  list
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

/** Names other code takes from a module: import lists, destructured or dotted dynamic imports. */
function importedNames(sources) {
  const taken = new Set();
  for (const source of sources) {
    for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from/g))
      for (const n of names(m[1])) taken.add(n.split(/\s+as\s+/)[0]);
    for (const m of source.matchAll(/\{([^}]*)\}\s*=\s*await\s+import\(/g))
      for (const n of names(m[1])) taken.add(n.split(":")[0].trim());
    // `(await import(url)).name`, `.then((m) => m.name)`, `guide.keepGuideOffline()`
    for (const m of source.matchAll(/(?:\)|\b[a-z]\w*)\.([A-Za-z_$][\w$]*)/g)) taken.add(m[1]);
  }
  return taken;
}

function exportedNames(source) {
  const found = [
    ...source.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([\w$]+)/gm),
  ].map((m) => m[1]);
  for (const m of source.matchAll(/^export\s+(?:const|let)\s+\{([^}]+)\}/gm))
    found.push(...names(m[1]).map((n) => n.split(":").pop().trim()));
  for (const m of source.matchAll(/^export\s+\{([^}]+)\}/gm))
    found.push(...names(m[1]).map((n) => n.split(/\s+as\s+/).pop()));
  return found;
}

test("no module exports a name nothing imports", () => {
  const modules = files(ROOT).filter((path) => path.endsWith(".js"));
  const unused = [];
  for (const path of modules) {
    const others = [...modules, ...files(TESTS).filter((p) => /\.(mjs|py)$/.test(p))]
      .filter((other) => other !== path)
      .map((other) => readFileSync(other, "utf8"));
    const taken = importedNames(others);
    for (const name of exportedNames(readFileSync(path, "utf8"))) {
      const entry = `${relative(ROOT, path)}: ${name}`;
      if (!taken.has(name) && !KNOWN.has(entry)) unused.push(entry);
    }
  }
  assert.deepEqual(unused, []);
});
