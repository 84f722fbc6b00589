/**
 * #/charts: the last 14 days from the feeds on this phone. Four small
 * inline SVG bar charts (colours from CSS classes, no style attributes),
 * each followed by the same numbers as a table for screen readers and for
 * showing at the paediatrician's. The report screen (report.js) draws the
 * same charts for any range of days.
 */

import { add, h, screenTitle, svg } from "../dom.js";
import { lastDays, shortDayLabel } from "../days.js";
import { volume } from "../format.js";
import { feedsOf } from "../store.js";
import { perDay } from "../totals.js";

const WIDTH = 340;
const HEIGHT = 160;
const AXIS = 18;

/** A bar chart; `series` = [{key, label, className}], stacked per day. */
function barChart(rows, series, titleId) {
  const max = Math.max(1, ...rows.map((row) => series.reduce((sum, s) => sum + row[s.key], 0)));
  const slot = WIDTH / rows.length;
  const scale = (HEIGHT - AXIS - 4) / max;
  const bars = rows.flatMap((row, index) => {
    let y = HEIGHT - AXIS;
    return series.map((s) => {
      const height = row[s.key] * scale;
      y -= height;
      return svg("rect", {
        x: (index * slot + slot * 0.15).toFixed(1),
        y: y.toFixed(1),
        width: (slot * 0.7).toFixed(1),
        height: height.toFixed(1),
        class: `bar ${s.className}`,
      });
    });
  });
  const last = rows.length - 1;
  const labels = rows.map((row, index) =>
    (last - index) % 2
      ? null
      : svg(
          "text",
          {
            x: index === last ? WIDTH : (index * slot + slot / 2).toFixed(1),
            y: HEIGHT - 4,
            class: "axis-label",
            "text-anchor": index === last ? "end" : "middle",
          },
          shortDayLabel(row.day),
        ),
  );
  const top = HEIGHT - AXIS - max * scale;
  return svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart", role: "img", "aria-labelledby": titleId },
    svg("line", { x1: 0, x2: WIDTH, y1: top.toFixed(1), y2: top.toFixed(1), class: "grid" }),
    svg(
      "text",
      { x: 2, y: (top + 12).toFixed(1), class: "grid-label" },
      String(Math.round(max * 10) / 10),
    ),
    svg("line", { x1: 0, x2: WIDTH, y1: HEIGHT - AXIS, y2: HEIGHT - AXIS, class: "axis" }),
    bars,
    labels,
  );
}

function table(rows, columns, caption) {
  return h(
    "details",
    { class: "chart-table" },
    h("summary", {}, "Show as a table"),
    h(
      "table",
      {},
      h("caption", { class: "visually-hidden" }, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Day"),
          columns.map((c) => h("th", { scope: "col" }, c.label)),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((row) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, shortDayLabel(row.day)),
            columns.map((c) => h("td", {}, c.format(row))),
          ),
        ),
      ),
    ),
  );
}

function legend(series) {
  if (series.length < 2) return null;
  return h(
    "ul",
    { class: "chart-legend" },
    series.map((s) =>
      h("li", {}, h("span", { class: `swatch ${s.className}`, "aria-hidden": "true" }), s.label),
    ),
  );
}

/** `guide`: [path, text] of the article that explains what the chart shows. */
function figure(id, title, rows, series, columns, guide = null) {
  return h(
    "figure",
    { class: "card chart-card" },
    h("h2", { id }, title),
    barChart(rows, series, id),
    legend(series),
    table(rows, columns, title),
    guide ? h("p", {}, h("a", { href: guide[0] }, guide[1])) : null,
  );
}

/** Let-downs noticed per feed, to one decimal (a day without feeds has none). */
const perFeed = (row) => (row.feeds ? Math.round((row.letdowns / row.feeds) * 10) / 10 : 0);

/** Per-day totals of `feeds` for `days`, with the derived values the charts draw. */
export function dayRows(feeds, days) {
  return perDay(feeds, days).map((row) => ({
    ...row,
    leftMin: Math.round(row.leftSeconds / 60),
    rightMin: Math.round(row.rightSeconds / 60),
    letdownsPerFeed: perFeed(row),
  }));
}

/** The four charts of `rows` (from dayRows). */
export function charts(rows, units) {
  return [
    figure(
      "chart-feeds",
      "Feeds per day",
      rows,
      [{ key: "feeds", label: "Feeds", className: "bar-feeds" }],
      [{ label: "Feeds", format: (r) => String(r.feeds) }],
      ["/guide/cluster-feeding/", "Days with many feeds: cluster feeding"],
    ),
    figure(
      "chart-sides",
      "Minutes by side",
      rows,
      [
        { key: "leftMin", label: "Left", className: "bar-left" },
        { key: "rightMin", label: "Right", className: "bar-right" },
      ],
      [
        { label: "Left (min)", format: (r) => String(r.leftMin) },
        { label: "Right (min)", format: (r) => String(r.rightMin) },
      ],
    ),
    figure(
      "chart-ml",
      `Milk per day (${units})`,
      rows,
      [
        { key: "pumpedMl", label: "Pumped", className: "bar-pumped" },
        { key: "bottleMl", label: "Bottle", className: "bar-bottle" },
      ],
      [
        { label: "Pumped", format: (r) => volume(r.pumpedMl, units) },
        { label: "Bottle", format: (r) => volume(r.bottleMl, units) },
      ],
    ),
    figure(
      "chart-letdowns",
      "Let-downs noticed per feed",
      rows,
      [{ key: "letdownsPerFeed", label: "Let-downs per feed", className: "bar-feeds" }],
      [
        { label: "Let-downs", format: (r) => String(r.letdowns) },
        { label: "Per feed", format: (r) => (r.feeds ? String(r.letdownsPerFeed) : "") },
      ],
      ["/guide/how-many-let-downs/", "Why most let-downs go unnoticed"],
    ),
  ];
}

export async function renderCharts(root, ctx) {
  const rows = dayRows(await feedsOf(ctx.baby.id), lastDays(14));
  add(
    root,
    screenTitle("Last 14 days"),
    charts(rows, ctx.units),
    h("p", {}, h("a", { href: "#/report", class: "btn" }, "Report for a visit")),
  );
  return { live: true };
}
