/**
 * The search page (/search/): searches the guidance saved on this phone.
 *
 * Reads the articles js/guide-offline.js stored in IndexedDB, so it works with
 * no connection. Results update as the person types; `?q=` in the address is
 * honoured and kept in sync (shareable, and Back works). When nothing is saved
 * yet the page says so kindly, and re-runs once the background save finishes.
 */

import { allArticles, readMeta } from "./guide-store.js";
import { queryWords, rank, snippet } from "./guide-search.js";

const form = document.getElementById("search-form");
const input = document.getElementById("search-query");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
let articles = [];
let everSaved = false;

function highlighted(text, words) {
  // Built from text nodes and <mark> elements: article text is never parsed as HTML.
  const fragment = document.createDocumentFragment();
  const pattern = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  if (!pattern) {
    fragment.append(text);
    return fragment;
  }
  let last = 0;
  for (const match of text.matchAll(new RegExp(pattern, "giu"))) {
    fragment.append(text.slice(last, match.index));
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    fragment.append(mark);
    last = match.index + match[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

function resultItem(article, query, words) {
  const item = document.createElement("li");
  item.className = "card";
  const link = document.createElement("a");
  link.href = article.url;
  link.append(highlighted(article.title, words));
  const summary = document.createElement("p");
  summary.className = "result-summary";
  summary.append(highlighted(snippet(article, query), words));
  item.append(link, summary);
  return item;
}

function render() {
  const query = input.value.trim();
  const words = queryWords(query);
  results.replaceChildren();
  if (articles.length === 0) {
    status.textContent = everSaved
      ? "No guidance has been published yet. Please check back later."
      : navigator.onLine
        ? "Saving the guide on this phone… results will appear in a moment."
        : "The guide isn’t saved on this phone yet. Open Letdown once with a connection, and it will be here offline.";
    return;
  }
  if (words.length === 0) {
    status.textContent = `${articles.length} articles saved on this phone. Type a word to search them, even offline.`;
    return;
  }
  const found = rank(articles, query);
  for (const article of found) results.append(resultItem(article, query, words));
  status.textContent =
    found.length === 0
      ? `Nothing found for “${query}”. Try a shorter or different word, or browse the guide.`
      : `${found.length} ${found.length === 1 ? "article" : "articles"} for “${query}”.`;
}

function syncAddress() {
  const url = new URL(location.href);
  const query = input.value.trim();
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
}

async function load() {
  try {
    articles = await allArticles();
    everSaved = Boolean(await readMeta("refresh"));
  } catch {
    articles = [];
  }
  render();
}

input.value = new URLSearchParams(location.search).get("q") || "";
input.addEventListener("input", () => {
  render();
  syncAddress();
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  render();
  syncAddress();
});
window.addEventListener("letdown:guide-saved", load);
load();
