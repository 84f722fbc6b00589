/**
 * "The store changed": one signal for views that render from IndexedDB.
 *
 * `notifyChanged()` tells views in this tab at once and views in other tabs
 * of the app through a BroadcastChannel, so two open tabs never disagree for
 * long. Listeners re-read the store; the event carries no data.
 */

const bus = new EventTarget();
const channel = "BroadcastChannel" in self ? new BroadcastChannel("letdown-store") : null;

if (channel) {
  channel.onmessage = () => bus.dispatchEvent(new Event("changed"));
}

export function notifyChanged() {
  bus.dispatchEvent(new Event("changed"));
  channel?.postMessage("changed");
}

/** Call `listener` on every change; returns a function that stops listening. */
export function onChanged(listener) {
  bus.addEventListener("changed", listener);
  return () => bus.removeEventListener("changed", listener);
}
