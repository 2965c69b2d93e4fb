// Builds DOM nodes from data. Text always goes through textContent, so nothing from content or
// the address bar can become markup by accident. The only HTML that is ever set is an article
// body rendered by Harbour's own Markdown renderer, which rejects raw HTML (see crates/guide).

/**
 * Creates an element: h("a", { href: "#/" }, "Home", otherNode).
 * Attribute values of `false`, `null` or `undefined` are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** "2026-11-25" → "25 November 2026", for people rather than machines. */
export function readableDate(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime())) return isoDate;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
