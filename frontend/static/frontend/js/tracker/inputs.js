/**
 * Form values and stored values: amounts typed in the parent's unit (ml or
 * oz) to millilitres and back, timestamps to <input type="datetime-local">
 * values (local time) and back.
 */

import { ML_PER_OZ } from "./format.js";

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
  return units === "oz"
    ? (Number(ml) / ML_PER_OZ).toFixed(1)
    : String(Math.round(Number(ml) * 10) / 10);
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
