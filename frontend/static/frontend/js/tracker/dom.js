/**
 * Building DOM without innerHTML: `h("p", {class: "x"}, "text", child)`.
 *
 * Strings always become text nodes, so user data (a baby's name, a note) can
 * never become markup. Attributes are set with setAttribute (no style
 * attributes anywhere: the Content-Security-Policy forbids inline styles);
 * `on<event>` props become listeners; `svg()` builds SVG elements.
 */

const SVG_NS = "http://www.w3.org/2000/svg";

function setProps(element, props) {
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "text") {
      element.textContent = value;
    } else if (name === "value" && "value" in element) {
      element.value = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  setProps(element, props);
  append(element, children);
  return element;
}

export function svg(tag, props, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  setProps(element, props);
  append(element, children);
  return element;
}

export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A heading that receives focus when its screen opens (for screen readers). */
export function screenTitle(text, props = {}) {
  return h("h1", { tabindex: "-1", class: "screen-title", ...props }, text);
}

/** Append children to an existing element, skipping null/false (unlike Element.append). */
export function add(element, ...children) {
  append(element, children);
  return element;
}
