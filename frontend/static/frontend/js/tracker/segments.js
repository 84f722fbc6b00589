/**
 * Editing a breastfeed's times without losing what the timer recorded: the
 * segments (stretches on one side), the pauses between them and their order.
 * Pure arithmetic on {started_at, ended_at, segments} ("timing"); no DOM, no
 * storage. Only the edit form loads this module.
 *
 * Rules, chosen so an edit changes only what the parent asked for:
 * - A new start moves every time (segments, end) by the same amount.
 * - A side's new total of T seconds, Δ = T − its current total:
 *   Δ > 0 lengthens that side's LAST segment; Δ < 0 shortens that side's
 *   segments from the last one backwards. Every later segment and the
 *   feed's end move by the running change, so pauses keep their length and
 *   the order never changes. A segment of that side left with no time is
 *   dropped (the pauses around it join). A side with no segment yet gets
 *   one right after the last segment.
 * - The result is checked against the server's rules (rules.js, the same
 *   as Feed.clean) before it is queued, so the parent sees the problem at once.
 */

import { asErrors, timingViolations } from "./rules.js";

const SECOND = 1000;

const ms = (value) => Date.parse(value);
const iso = (value) => new Date(value).toISOString();
const lengthOf = (segment) => ms(segment.ended_at) - ms(segment.started_at);

/** Every time of the feed moved by `deltaMs`; no change returns `timing` itself. */
export function shiftTiming(timing, deltaMs) {
  if (!deltaMs) return timing;
  const move = (value) => (value ? iso(ms(value) + deltaMs) : value);
  return {
    started_at: move(timing.started_at),
    ended_at: move(timing.ended_at),
    segments: (timing.segments || []).map((s) => ({
      ...s,
      started_at: move(s.started_at),
      ended_at: move(s.ended_at),
    })),
  };
}

function sideTotalMs(timing, side) {
  return (timing.segments || [])
    .filter((s) => s.side === side && s.ended_at)
    .reduce((sum, s) => sum + lengthOf(s), 0);
}

/** Seconds on `side` in ended segments (an open one counts 0, as on the server). */
export function sideTotalSeconds(timing, side) {
  return sideTotalMs(timing, side) / SECOND;
}

/**
 * `side` set to `seconds` in total (rounded; below 0 counts as 0) by the rule
 * above. A running feed (an open segment) is refused: its times belong to
 * the timer. Unchanged times keep their stored strings exactly.
 */
export function setSideSeconds(timing, side, seconds) {
  const segments = timing.segments || [];
  if (segments.some((s) => !s.ended_at))
    throw new RangeError("A running feed's times belong to the timer.");
  const target = Math.max(0, Math.round(Number(seconds) || 0)) * SECOND;
  const delta = target - sideTotalMs(timing, side);
  if (delta === 0) return timing;
  const moveEnd = (value) => (value ? iso(ms(value) + delta) : value);
  const mine = segments.flatMap((s, index) => (s.side === side ? [index] : []));
  if (!mine.length) {
    const at = segments.length
      ? ms(segments[segments.length - 1].ended_at)
      : ms(timing.started_at);
    return {
      ...timing,
      ended_at: moveEnd(timing.ended_at),
      segments: [...segments, { side, started_at: iso(at), ended_at: iso(at + target) }],
    };
  }
  const lengths = segments.map(lengthOf);
  if (delta > 0) lengths[mine[mine.length - 1]] += delta;
  else {
    let cut = -delta;
    for (const index of mine.reverse()) {
      const take = Math.min(cut, lengths[index]);
      lengths[index] -= take;
      cut -= take;
      if (!cut) break;
    }
  }
  let moved = 0;
  const result = [];
  segments.forEach((segment, index) => {
    const start = ms(segment.started_at) + moved;
    moved += lengths[index] - lengthOf(segment);
    if (segment.side === side && lengths[index] <= 0) return;
    result.push({
      ...segment,
      started_at: start === ms(segment.started_at) ? segment.started_at : iso(start),
      ended_at: moved === 0 ? segment.ended_at : iso(start + lengths[index]),
    });
  });
  return { ...timing, ended_at: moveEnd(timing.ended_at), segments: result };
}

/**
 * The server's rules for these times, as {field: [messages]} in its words
 * (empty when the server would accept them).
 */
export function timingErrors(timing, now = Date.now()) {
  return asErrors(timingViolations(timing, now)).errors;
}

/** For showing: each segment with its length and the pause before it (the first: after the feed's start). */
export function describeSegments(timing, now = Date.now()) {
  let previous = ms(timing.started_at);
  return (timing.segments || []).map((segment) => {
    const from = ms(segment.started_at);
    const to = segment.ended_at ? ms(segment.ended_at) : now;
    const row = {
      side: segment.side,
      started_at: segment.started_at,
      seconds: Math.max(0, (to - from) / SECOND),
      pauseSeconds: Math.max(0, (from - previous) / SECOND),
      open: !segment.ended_at,
    };
    previous = to;
    return row;
  });
}
