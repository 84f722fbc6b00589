/**
 * The offline page (/offline/), shown by the service worker in place of a page
 * that is not saved on this phone. Lists the guidance that *is* saved, and, for
 * a guide article, explains that it will be saved on the next online visit.
 */

import { allArticles } from "./guide-store.js";

const note = document.getElementById("offline-guide-note");
const section = document.getElementById("saved-guidance");
const list = document.getElementById("saved-list");

if (note && location.pathname.startsWith("/guide/")) note.hidden = false;

allArticles()
  .then((articles) => {
    if (!section || articles.length === 0) return;
    articles.sort((a, b) => a.title.localeCompare(b.title));
    for (const article of articles) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = article.url;
      link.textContent = article.title;
      item.append(link);
      list.append(item);
    }
    section.hidden = false;
  })
  .catch(() => {});
