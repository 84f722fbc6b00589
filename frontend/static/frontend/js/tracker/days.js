/**
 * Day labels for the history and the charts: "Today" / "Yesterday" /
 * "Mon 3 Nov", "3/11", and the last N local days as keys ("YYYY-MM-DD").
 */

import { localDayKey } from "./format.js";

const dayName = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
});
const shortDay = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "numeric" });

export function dayLabel(dayKey, now = new Date()) {
  const today = localDayKey(now);
  const yesterday = localDayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  if (dayKey === today) return "Today";
  if (dayKey === yesterday) return "Yesterday";
  const [y, m, d] = dayKey.split("-").map(Number);
  return dayName.format(new Date(y, m - 1, d));
}

export function shortDayLabel(dayKey) {
  const [y, m, d] = dayKey.split("-").map(Number);
  return shortDay.format(new Date(y, m - 1, d));
}

/** The last `count` local days, oldest first, as day keys. */
export function lastDays(count, now = new Date()) {
  const days = [];
  for (let back = count - 1; back >= 0; back--) {
    days.push(localDayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - back)));
  }
  return days;
}
