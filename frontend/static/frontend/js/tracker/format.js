/**
 * Times, durations and amounts the way a parent reads them: "1 h 20 min ago",
 * "started 03:12" in local time (24 h or 12 h as the device locale says),
 * days as "Today" / "Yesterday" / "Mon 3 Nov", volumes in ml or oz.
 */

const ML_PER_OZ = 29.5735;

const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dayName = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });
const shortDay = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "numeric" });

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

/** A running stopwatch: "4:07" or "1:04:07". */
export function stopwatch(seconds) {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
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

/** A volume in the user's unit: "60 ml" or "2.0 oz". */
export function volume(ml, units = "ml") {
  if (ml === null || ml === undefined || ml === "") return "";
  if (units === "oz") return `${(Number(ml) / ML_PER_OZ).toFixed(1)} oz`;
  return `${Math.round(Number(ml))} ml`;
}

/** A number typed in the user's unit, converted to ml (null when empty). */
export function toMl(value, units = "ml") {
  if (value === "" || value === null || value === undefined) return null;
  const number = Number(value);
  if (!Number.isFinite(number)) return Number.NaN;
  const ml = units === "oz" ? number * ML_PER_OZ : number;
  return Math.round(ml * 10) / 10;
}

/** An ml value shown in the user's unit, for a form field's initial value. */
export function fromMl(ml, units = "ml") {
  if (ml === null || ml === undefined) return "";
  return units === "oz" ? (Number(ml) / ML_PER_OZ).toFixed(1) : String(Math.round(Number(ml) * 10) / 10);
}

/** An ISO timestamp as the value of <input type="datetime-local"> (local time). */
export function toLocalInput(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of <input type="datetime-local"> back to an ISO timestamp. */
export function fromLocalInput(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
