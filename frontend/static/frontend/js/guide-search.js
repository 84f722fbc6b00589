/**
 * Ranking for the offline guide search (pure functions, no DOM).
 *
 * A query is split into words (case- and accent-insensitive); an article
 * matches when every word appears in its title, summary or body text. Matches
 * in the title weigh most, then the summary, then the body; ties keep the
 * title order. A word also matches as a prefix ("swallow" finds "swallowing").
 */

function normalise(text) {
  return (text || "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

export function queryWords(query) {
  return normalise(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function count(haystack, word) {
  let hits = 0;
  let at = haystack.indexOf(word);
  while (at !== -1) {
    hits += 1;
    at = haystack.indexOf(word, at + word.length);
  }
  return hits;
}

export function rank(articles, query) {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const scored = [];
  for (const article of articles) {
    const title = normalise(article.title);
    const summary = normalise(article.summary);
    const body = normalise(article.text);
    let score = 0;
    let all = true;
    for (const word of words) {
      const s = 6 * count(title, word) + 3 * count(summary, word) + Math.min(count(body, word), 5);
      if (s === 0) all = false;
      score += s;
    }
    if (all) scored.push({ article, score });
  }
  scored.sort((a, b) => b.score - a.score || a.article.title.localeCompare(b.article.title));
  return scored.map((entry) => entry.article);
}

/** A short piece of the body around the first matching word, or the summary. */
export function snippet(article, query, length = 160) {
  const words = queryWords(query);
  const text = article.text || "";
  const lower = normalise(text);
  const at = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0));
  if (!Number.isFinite(at)) return article.summary || text.slice(0, length);
  const start = Math.max(0, at - 40);
  const piece = text.slice(start, start + length).trim();
  return `${start > 0 ? "…" : ""}${piece}${start + length < text.length ? "…" : ""}`;
}
