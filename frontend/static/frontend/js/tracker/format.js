/**
 * Times, durations and amounts the way a parent reads them: "1 h 20 min ago",
 * "started 03:12" in local time (24 h or 12 h as the device locale says),
 * volumes in ml or oz. Day labels live in days.js, form values in inputs.js
 * (only the screens that need them load those).
 */

export const ML_PER_OZ = 29.5735;

const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

export function clockTime(iso) {
  return clock.format(new Date(iso));
}

/** "12 min", "1 h 5 min", "45 s" (only under a minute). */
export function duration(seconds) {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (!hours) return `${minutes} min`;
  return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
}

/** How far into a feed `iso` was, as on the timer: "4:12", "1:04:12". */
export function offsetClock(startIso, iso) {
  const total = Math.max(0, Math.floor((Date.parse(iso) - Date.parse(startIso)) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** "just now", "5 min ago", "1 h 20 min ago", "2 days ago". */
export function ago(iso, now = Date.now()) {
  const seconds = (now - Date.parse(iso)) / 1000;
  if (seconds < 60) return "just now";
  if (seconds >= 48 * 3600) return `${Math.floor(seconds / 86400)} days ago`;
  return `${duration(Math.floor(seconds / 60) * 60)} ago`;
}

/** The local calendar day of a timestamp, as "YYYY-MM-DD" (for grouping). */
export function localDayKey(value) {
  const date = new Date(value);
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${month}-${day}`;
}

/** A volume in the user's unit: "60 ml" or "2.0 oz". */
export function volume(ml, units = "ml") {
  if (ml === null || ml === undefined || ml === "") return "";
  if (units === "oz") return `${(Number(ml) / ML_PER_OZ).toFixed(1)} oz`;
  return `${Math.round(Number(ml))} ml`;
}

/** A running stopwatch: "4:07" or "1:04:07" (the timer, and "let-down at 4:12"). */
export function stopwatch(seconds) {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
