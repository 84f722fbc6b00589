/**
 * #/report: a report for a visit to the lactation consultant or GP.
 *
 * Built from the feeds on this phone, so it works offline: a chosen range of
 * days (the last 14 by default), the baby's age, the overview, the charts and
 * the day-by-day table, laid out to print (print.css). Sharing it as a
 * read-only link needs a connection: the server makes the link
 * (POST /api/v1/babies/{id}/report-links/, docs/api-contract.md) and shows
 * the same days from its copy; the link's address is shown once, here.
 */

import { onlineAction } from "../actions.js";
import { API, del, get, post } from "../api.js";
import { add, h, replaceChildren, screenTitle } from "../dom.js";
import { clockTime, localDayKey, volume } from "../format.js";
import { field } from "../fields.js";
import RULEBOOK from "../rulebook.js";
import { feedsOf } from "../store.js";
import { charts, dayRows } from "./charts.js";

const DEFAULT_DAYS = 14;
const { MAX_RANGE_DAYS, MAX_REPORT_LINK_HOURS } = RULEBOOK.limits;
const EXPIRIES = [
  [24, "1 day"],
  [24 * 7, "7 days"],
  [MAX_REPORT_LINK_HOURS, `${MAX_REPORT_LINK_HOURS / 24} days`],
];
const OFFLINE = "Sharing needs a connection. The report above works offline.";

const longDay = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "long",
  year: "numeric",
});
const rowDay = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
});

/** A day key ("2026-11-20") as a local date, for formatting. */
function dateOf(dayKey) {
  const [y, m, d] = dayKey.split("-").map(Number);
  return new Date(y, m - 1, d);
}

/** The day keys from `first` to `last` (inclusive), oldest first. */
function daysBetween(first, last) {
  const days = [];
  const start = dateOf(first);
  for (let n = 0; ; n++) {
    const key = localDayKey(new Date(start.getFullYear(), start.getMonth(), start.getDate() + n));
    if (key > last) return days;
    days.push(key);
  }
}

function ageInDays(birth, dayKey) {
  if (!birth) return null;
  // Both are local dates: count calendar days (a DST change makes one day 23 h).
  const days = Math.round((dateOf(dayKey) - dateOf(birth)) / 86400000);
  return days >= 0 ? days : null;
}

function overview(rows, units) {
  const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
  const feeds = sum("feeds");
  const items = [
    ["Feeds a day", (feeds / rows.length).toFixed(1)],
    [
      "Minutes at the breast a day",
      String(Math.round((sum("leftMin") + sum("rightMin")) / rows.length)),
    ],
    ["Let-downs noticed per feed", feeds ? (sum("letdowns") / feeds).toFixed(1) : "none logged"],
    ["Pumped in total", volume(sum("pumpedMl"), units)],
    ["Bottles in total", volume(sum("bottleMl"), units)],
  ];
  return h(
    "dl",
    { class: "report-overview" },
    items.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value))),
  );
}

function dayTable(rows, birth, units) {
  const columns = [
    ["Feeds", (r) => String(r.feeds)],
    ["Left (min)", (r) => String(r.leftMin)],
    ["Right (min)", (r) => String(r.rightMin)],
    ["Let-downs", (r) => String(r.letdowns)],
    ["Pumped", (r) => volume(r.pumpedMl, units)],
    ["Bottle", (r) => volume(r.bottleMl, units)],
  ];
  if (birth) columns.unshift(["Age (days)", (r) => String(ageInDays(birth, r.day) ?? "")]);
  return h(
    "div",
    {
      class: "report-table-wrap",
      tabindex: "0",
      role: "region",
      "aria-labelledby": "report-days",
    },
    h(
      "table",
      { class: "report-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Day"),
          columns.map(([label]) => h("th", { scope: "col" }, label)),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((row) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, rowDay.format(dateOf(row.day))),
            columns.map(([, cell]) => h("td", {}, cell(row))),
          ),
        ),
      ),
    ),
  );
}

/** The report itself, for the days from `first` to `last`. */
async function report(ctx, first, last) {
  const baby = ctx.baby;
  const rows = dayRows(await feedsOf(baby.id), daysBetween(first, last));
  const age = ageInDays(baby.birth_date, last);
  return [
    h(
      "p",
      { class: "report-range" },
      `${baby.name}, ${longDay.format(dateOf(first))} to ${longDay.format(dateOf(last))} (${rows.length} days)`,
      age === null ? "" : `; ${age} days old on the last day`,
      ".",
    ),
    overview(rows, ctx.units),
    charts(rows, ctx.units),
    h("h2", { id: "report-days" }, "Day by day"),
    dayTable(rows, baby.birth_date, ctx.units),
  ];
}

function shareCard(ctx, range) {
  const baby = ctx.baby;
  const expiry = h(
    "select",
    { name: "expires_in_hours" },
    EXPIRIES.map(([hours, label]) => h("option", { value: String(hours) }, label)),
  );
  const status = h("p", { class: "field-hint", role: "status", tabindex: "-1" });
  const tell = (text) => {
    status.textContent = text;
  };
  const made = h("div", { class: "stack" });
  const list = h("ul", { class: "report-links" });

  const refresh = async () => {
    try {
      const links = (await get(API.reportLinks(baby.id))).filter((link) => link.state === "open");
      replaceChildren(
        list,
        links.map((link) =>
          h(
            "li",
            {},
            `${link.from} to ${link.to}, until ${new Date(link.expires_at).toLocaleDateString()} ${clockTime(link.expires_at)} `,
            h(
              "button",
              { type: "button", class: "btn btn-danger", onclick: withdraw(link) },
              "Withdraw",
            ),
          ),
        ),
      );
    } catch {
      replaceChildren(list, h("li", {}, "The open links appear when you are online."));
    }
  };

  const withdraw = (link) =>
    onlineAction(
      async () => {
        await del(API.reportLink(baby.id, link.id));
        tell("The link was withdrawn: it no longer opens the report.");
        status.focus();
        await refresh();
      },
      { offline: OFFLINE, tell },
    );

  const create = onlineAction(
    async () => {
      const answer = await post(API.reportLinks(baby.id), {
        from: range.first,
        to: range.last,
        expires_in_hours: Number(expiry.value),
        tz: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
      });
      const address = h("input", {
        type: "text",
        readonly: true,
        value: answer.url,
        name: "report_url",
        "aria-label": "Report link",
      });
      const copy = () =>
        navigator.clipboard?.writeText(answer.url).then(
          () => tell("Link copied."),
          () => address.select(),
        );
      replaceChildren(
        made,
        h("p", {}, "Send this link to the person you see. It opens the report in any browser:"),
        address,
        h(
          "div",
          { class: "button-row" },
          h("button", { type: "button", class: "btn", onclick: copy }, "Copy link"),
          navigator.share
            ? h(
                "button",
                {
                  type: "button",
                  class: "btn",
                  onclick: () =>
                    navigator
                      .share({ title: `${baby.name}: feeding report`, url: answer.url })
                      .catch(() => {}),
                },
                "Share…",
              )
            : null,
        ),
      );
      tell("Link made. It is shown only now; you can withdraw it below.");
      address.focus();
      await refresh();
    },
    { offline: OFFLINE, tell },
  );

  refresh();
  return h(
    "section",
    { class: "card stack no-print", "aria-labelledby": "share-title" },
    h("h2", { id: "share-title" }, "Share with a professional"),
    h(
      "p",
      {},
      "Make a read-only link to these days for your lactation consultant, midwife or GP. They need no account; the link shows nothing else and stops working when it expires or you withdraw it.",
    ),
    h(
      "form",
      { class: "stack", onsubmit: create },
      field("The link works for", expiry),
      h("button", { type: "submit", class: "btn" }, "Make a link"),
    ),
    status,
    made,
    h("h3", {}, "Open links"),
    list,
  );
}

export async function renderReport(root, ctx) {
  const today = localDayKey(new Date());
  const start = new Date();
  start.setDate(start.getDate() - (DEFAULT_DAYS - 1));
  const range = { first: localDayKey(start), last: today };
  const from = h("input", { type: "date", name: "from", value: range.first, max: today });
  const to = h("input", { type: "date", name: "to", value: range.last, max: today });
  const body = h("div", { class: "stack", "aria-live": "polite" });
  const error = h("p", { class: "field-error", role: "alert" });

  const show = async () => {
    if (!from.value || !to.value || from.value > to.value) {
      error.textContent = "Choose a first day on or before the last day.";
      return;
    }
    if (daysBetween(from.value, to.value).length > MAX_RANGE_DAYS) {
      error.textContent = `A report covers at most ${MAX_RANGE_DAYS} days.`;
      return;
    }
    error.textContent = "";
    range.first = from.value;
    range.last = to.value;
    replaceChildren(body, await report(ctx, range.first, range.last));
  };
  from.addEventListener("change", show);
  to.addEventListener("change", show);
  await show();

  add(
    root,
    screenTitle("Report for a visit"),
    h(
      "div",
      { class: "card stack no-print" },
      h("div", { class: "button-row" }, field("First day", from), field("Last day", to)),
      error,
      h("button", { type: "button", class: "btn", onclick: () => window.print() }, "Print"),
    ),
    h("article", { class: "report" }, body),
    shareCard(ctx, range),
  );
  return {};
}
